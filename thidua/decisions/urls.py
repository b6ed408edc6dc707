from django.urls import path

from thidua.decisions import views

app_name = "decisions"
urlpatterns = [
    # The province's emulation council (Hội đồng Thi đua – Khen thưởng) and its members.
    path("hoi-dong/", views.council, name="council"),
    path("hoi-dong/tinh/<int:province_pk>/lap/", views.council_create, name="council_create"),
    path("hoi-dong/<int:pk>/sua/", views.council_update, name="council_update"),
    path("hoi-dong/<int:pk>/thanh-vien/them/", views.member_add, name="member_add"),
    path("hoi-dong/thanh-vien/<int:pk>/sua/", views.member_update, name="member_update"),
    # Sessions: attendance, the proposals reviewed, members' votes, closing.
    path("hoi-dong/phien-hop/", views.session_list, name="session_list"),
    path("hoi-dong/<int:pk>/phien-hop/mo/", views.session_open, name="session_open"),
    path("hoi-dong/phien-hop/<int:pk>/", views.session_detail, name="session_detail"),
    path("hoi-dong/phien-hop/<int:pk>/co-mat/", views.session_present, name="session_present"),
    path("hoi-dong/phien-hop/<int:pk>/de-nghi/them/", views.session_add, name="session_add"),
    path(
        "hoi-dong/phien-hop/<int:pk>/de-nghi/<int:proposal_pk>/bo/",
        views.session_remove,
        name="session_remove",
    ),
    path(
        "hoi-dong/phien-hop/<int:pk>/de-nghi/<int:proposal_pk>/bieu-quyet/",
        views.session_votes,
        name="session_votes",
    ),
    path("hoi-dong/phien-hop/<int:pk>/ket-thuc/", views.session_close, name="session_close"),
    # Award decisions (quyết định khen thưởng) and the registry records they create.
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("quyet-dinh/tinh/<int:province_pk>/ghi/", views.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/tep/", views.decision_file, name="decision_file"),
]
