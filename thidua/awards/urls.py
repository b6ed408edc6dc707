from django.urls import path

from thidua.awards import views, views_eligibility, views_import, views_registry, views_search

app_name = "awards"
urlpatterns = [
    path("tim-kiem/", views_search.search, name="search"),
    path("quy-tac/", views.rulebook, name="rulebook"),
    path("quy-tac/tinh/<int:province_pk>/them/", views.setting_choose, name="setting_choose"),
    path(
        "quy-tac/tinh/<int:province_pk>/<slug:rule_id>/them/",
        views.setting_create,
        name="setting_create",
    ),
    path("quy-tac/thiet-lap/<int:pk>/", views.setting_detail, name="setting_detail"),
    path("quy-tac/thiet-lap/<int:pk>/sua/", views.setting_update, name="setting_update"),
    path("quy-tac/thiet-lap/<int:pk>/xoa/", views.setting_delete, name="setting_delete"),
    # The registry of awards (sổ theo dõi khen thưởng).
    path("khen-thuong/", views_registry.registry, name="registry"),
    path("khen-thuong/xuat-excel/", views_registry.registry_export, name="registry_export"),
    path("khen-thuong/nhap/", views_import.import_index, name="import"),
    path("khen-thuong/nhap/mau.xlsx", views_import.import_template, name="import_template"),
    path("khen-thuong/nhap/<slug:job_id>/", views_import.import_job, name="import_job"),
    path(
        "khen-thuong/nhap/<slug:job_id>/tien-do/",
        views_import.import_progress,
        name="import_progress",
    ),
    # Eligibility (đủ điều kiện đề nghị) and next year's candidates.
    path("khen-thuong/du-dieu-kien/", views_eligibility.eligibility, name="eligibility"),
    path(
        "khen-thuong/du-dieu-kien/xuat-excel/",
        views_eligibility.eligibility_export,
        name="eligibility_export",
    ),
    path(
        "khen-thuong/du-dieu-kien/don-vi/<int:unit_pk>/",
        views_eligibility.unit_eligibility,
        name="unit_eligibility",
    ),
    path(
        "khen-thuong/du-dieu-kien/ca-nhan/<int:person_pk>/",
        views_eligibility.person_eligibility,
        name="person_eligibility",
    ),
    path("khen-thuong/ung-vien-nam-sau/", views_eligibility.next_year, name="next_year"),
    path("khen-thuong/them/", views_registry.record_create, name="record_create"),
    path("khen-thuong/<int:pk>/", views_registry.record_detail, name="record_detail"),
    path("khen-thuong/<int:pk>/sua/", views_registry.record_update, name="record_update"),
    path("khen-thuong/<int:pk>/huy/", views_registry.record_revoke, name="record_revoke"),
    path("khen-thuong/don-vi/<int:unit_pk>/", views_registry.unit_awards, name="unit_awards"),
    path(
        "khen-thuong/don-vi/<int:unit_pk>/danh-gia/",
        views_registry.unit_assessment,
        name="unit_assessment",
    ),
    path(
        "khen-thuong/ca-nhan/<int:person_pk>/", views_registry.person_awards, name="person_awards"
    ),
    path(
        "khen-thuong/ca-nhan/<int:person_pk>/danh-gia/",
        views_registry.person_assessment,
        name="person_assessment",
    ),
]
