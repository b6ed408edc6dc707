from django.urls import path

from thidua.scoring import views

app_name = "scoring"
urlpatterns = [
    # The unit's own card of a season, and any card by id.
    path("nam-thi-dua/<int:season_pk>/cham-diem/", views.my_scorecard, name="my_scorecard"),
    path("bang-diem/<int:pk>/", views.scorecard_detail, name="scorecard_detail"),
    path("bang-diem/<int:pk>/diem/<int:score_pk>/", views.score_self, name="score_self"),
    path(
        "bang-diem/<int:pk>/diem/<int:score_pk>/minh-chung/",
        views.evidence_upload,
        name="evidence_upload",
    ),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("minh-chung/<int:pk>/xoa/", views.evidence_delete, name="evidence_delete"),
    path("bang-diem/<int:pk>/nop/", views.scorecard_submit, name="scorecard_submit"),
    path(
        "bang-diem/<int:pk>/tham-dinh-xong/",
        views.scorecard_mark_reviewed,
        name="scorecard_mark_reviewed",
    ),
    path(
        "bang-diem/<int:pk>/mo-y-kien/",
        views.scorecard_open_objections,
        name="scorecard_open_objections",
    ),
    path("bang-diem/<int:pk>/chot/", views.scorecard_finalize, name="scorecard_finalize"),
    path("bang-diem/<int:pk>/mo-lai/", views.scorecard_reopen, name="scorecard_reopen"),
    path("bang-diem/<int:pk>/y-kien/them/", views.objection_file, name="objection_file"),
    # Review, cross-scoring and objections of a season.
    path("nam-thi-dua/<int:season_pk>/tham-dinh/", views.review_grid, name="review_grid"),
    path(
        "nam-thi-dua/<int:season_pk>/tham-dinh/<int:score_pk>/",
        views.score_review,
        name="score_review",
    ),
    path("nam-thi-dua/<int:season_pk>/cham-cheo/", views.cross_grid, name="cross_grid"),
    path(
        "nam-thi-dua/<int:season_pk>/cham-cheo/<int:score_pk>/",
        views.cross_score,
        name="cross_score",
    ),
    path(
        "nam-thi-dua/<int:season_pk>/mo-y-kien/",
        views.season_open_objections,
        name="season_open_objections",
    ),
    path("nam-thi-dua/<int:season_pk>/y-kien/", views.objection_list, name="objection_list"),
    path("y-kien/<int:pk>/tra-loi/", views.objection_answer, name="objection_answer"),
    # Units not ranked this season (hard rules).
    path("nam-thi-dua/<int:season_pk>/khong-xet/", views.exclusion_list, name="exclusion_list"),
    path("khong-xet/<int:pk>/xoa/", views.exclusion_delete, name="exclusion_delete"),
]
