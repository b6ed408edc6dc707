from django.urls import path

from thidua.dossiers import views

app_name = "dossiers"
urlpatterns = [
    # The unit side: its proposals (đề nghị khen thưởng) and dossiers (hồ sơ).
    path("de-nghi/", views.proposal_home, name="home"),
    path("de-nghi/don-vi/<int:unit_pk>/", views.unit_proposals, name="unit_proposals"),
    path("de-nghi/don-vi/<int:unit_pk>/lap/", views.proposal_create, name="proposal_create"),
    path("de-nghi/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("de-nghi/<int:pk>/sua/", views.proposal_update, name="proposal_update"),
    path("de-nghi/<int:pk>/xoa/", views.proposal_delete, name="proposal_delete"),
    path("de-nghi/<int:pk>/tep/", views.proposal_file_upload, name="proposal_file_upload"),
    path("de-nghi/<int:pk>/trinh/", views.proposal_submit, name="proposal_submit"),
    path("de-nghi/<int:pk>/rut/", views.proposal_withdraw, name="proposal_withdraw"),
    path("de-nghi/<int:pk>/van-ban/tron-bo.zip", views.proposal_pack, name="proposal_pack"),
    path(
        "de-nghi/<int:pk>/van-ban/<slug:kind>.<slug:fmt>",
        views.proposal_document,
        name="proposal_document",
    ),
    path("de-nghi/tep/<int:pk>/", views.file_download, name="file_download"),
    path("de-nghi/tep/<int:pk>/go/", views.file_remove, name="file_remove"),
    path("ho-so/don-vi/<int:unit_pk>/lap/", views.dossier_create, name="dossier_create"),
    path("ho-so/<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("ho-so/<int:pk>/sua/", views.dossier_update, name="dossier_update"),
    path("ho-so/<int:pk>/xoa/", views.dossier_delete, name="dossier_delete"),
    path("ho-so/<int:pk>/de-nghi/", views.dossier_assign, name="dossier_assign"),
    path(
        "ho-so/<int:pk>/de-nghi/<int:proposal_pk>/bo/",
        views.dossier_unassign,
        name="dossier_unassign",
    ),
    path("ho-so/<int:pk>/tep/", views.dossier_file_upload, name="dossier_file_upload"),
    path("ho-so/<int:pk>/trinh/", views.dossier_submit, name="dossier_submit"),
    # The board: its inbox (hồ sơ đề nghị), bulk steps, its steps on one proposal.
    path("ho-so-de-nghi/", views.inbox, name="inbox"),
    path("ho-so-de-nghi/xu-ly/", views.inbox_bulk, name="inbox_bulk"),
    path("de-nghi/<int:pk>/tham-dinh/", views.proposal_step, name="proposal_step"),
]
