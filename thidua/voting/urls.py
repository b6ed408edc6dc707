from django.urls import path

from thidua.voting import views

app_name = "voting"
urlpatterns = [
    # The season's year-end meeting (hội nghị tổng kết).
    path("nam-thi-dua/<int:season_pk>/hoi-nghi/", views.season_meeting, name="season_meeting"),
    path("hoi-nghi/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("hoi-nghi/<int:pk>/sua/", views.meeting_update, name="meeting_update"),
    path("hoi-nghi/<int:pk>/diem-danh/", views.attendance_save, name="attendance_save"),
    path("hoi-nghi/<int:pk>/ban-kiem-phieu/", views.committee_add, name="committee_add"),
    path(
        "hoi-nghi/<int:pk>/ban-kiem-phieu/<int:member_pk>/xoa/",
        views.committee_remove,
        name="committee_remove",
    ),
    path("hoi-nghi/<int:pk>/bat-dau/", views.meeting_start, name="meeting_start"),
    path("hoi-nghi/<int:pk>/ket-thuc/", views.meeting_end, name="meeting_end"),
    path("hoi-nghi/<int:pk>/bo-phieu/them/", views.poll_create, name="poll_create"),
    # A poll: candidates and its steps.
    path("bo-phieu/<int:pk>/", views.poll_detail, name="poll_detail"),
    path("bo-phieu/<int:pk>/danh-sach/them/", views.candidate_add, name="candidate_add"),
    path(
        "bo-phieu/<int:pk>/danh-sach/<int:candidate_pk>/xoa/",
        views.candidate_remove,
        name="candidate_remove",
    ),
    path("bo-phieu/<int:pk>/sua/", views.poll_update, name="poll_update"),
    path("bo-phieu/<int:pk>/mo/", views.poll_open, name="poll_open"),
    path("bo-phieu/<int:pk>/ket-thuc/", views.poll_close, name="poll_close"),
    path("bo-phieu/<int:pk>/huy/", views.poll_cancel, name="poll_cancel"),
    path("bo-phieu/<int:pk>/bo-phieu-lai/", views.poll_runoff, name="poll_runoff"),
    # Voting online, and the counting committee's paper ballots.
    path("bo-phieu/<int:pk>/bau/", views.vote, name="vote"),
    path("bo-phieu/<int:pk>/phieu-giay/", views.paper, name="paper"),
    path("bo-phieu/<int:pk>/phieu-giay/phat/", views.paper_issue, name="paper_issue"),
    path(
        "bo-phieu/<int:pk>/phieu-giay/<int:number>/xu-ly/",
        views.paper_resolve,
        name="paper_resolve",
    ),
    # The room's screen, the result, the ballot list and the minutes.
    path("bo-phieu/<int:pk>/trinh-chieu/", views.projector, name="projector"),
    path("bo-phieu/<int:pk>/trinh-chieu/so-lieu/", views.projector_live, name="projector_live"),
    path("bo-phieu/<int:pk>/ket-qua/", views.results, name="results"),
    path("bo-phieu/<int:pk>/danh-sach-phieu/", views.ballot_list, name="ballot_list"),
    path("bo-phieu/<int:pk>/danh-sach-phieu.json", views.ballot_list_json, name="ballot_list_json"),
    path("bo-phieu/<int:pk>/bien-ban.docx", views.minutes_docx, name="minutes_docx"),
    path("bo-phieu/<int:pk>/bien-ban.pdf", views.minutes_pdf, name="minutes_pdf"),
]
