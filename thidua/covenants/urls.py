from django.urls import path

from thidua.covenants import views

app_name = "covenants"
urlpatterns = [
    # Movements.
    path("phong-trao/", views.movement_list, name="movement_list"),
    path("phong-trao/them/", views.movement_create, name="movement_create"),
    path("phong-trao/<int:pk>/", views.movement_detail, name="movement_detail"),
    path("phong-trao/<int:pk>/sua/", views.movement_update, name="movement_update"),
    path("phong-trao/<int:pk>/xoa/", views.movement_delete, name="movement_delete"),
    # Covenants of a season.
    path(
        "nam-thi-dua/<int:season_pk>/giao-uoc/them/",
        views.covenant_create,
        name="covenant_create",
    ),
    path("giao-uoc/<int:pk>/", views.covenant_detail, name="covenant_detail"),
    path("giao-uoc/<int:pk>/sua/", views.covenant_update, name="covenant_update"),
    path("giao-uoc/<int:pk>/mo-ky-ket/", views.covenant_open_signing, name="covenant_open_signing"),
    path("giao-uoc/<int:pk>/ky/", views.covenant_sign, name="covenant_sign"),
    path("giao-uoc/<int:pk>/khoa/", views.covenant_lock, name="covenant_lock"),
    path("giao-uoc/<int:pk>/mo-khoa/", views.covenant_unlock, name="covenant_unlock"),
    path("giao-uoc/<int:pk>/chu-ky/", views.covenant_signatures, name="covenant_signatures"),
    # Covenant items.
    path("giao-uoc/<int:pk>/noi-dung/them/", views.item_add, name="item_add"),
    path("noi-dung-giao-uoc/<int:pk>/sua/", views.item_update, name="item_update"),
    path("noi-dung-giao-uoc/<int:pk>/xoa/", views.item_delete, name="item_delete"),
    path("noi-dung-giao-uoc/<int:pk>/di-chuyen/", views.item_move, name="item_move"),
    # Criteria table.
    path("giao-uoc/<int:pk>/bang-diem/", views.criteria_table, name="criteria_table"),
    path("giao-uoc/<int:pk>/bang-diem/them/", views.criterion_create, name="criterion_create"),
    path("giao-uoc/<int:pk>/bang-diem/xuat/", views.criteria_export, name="criteria_export"),
    path("giao-uoc/<int:pk>/bang-diem/nhap/", views.criteria_import, name="criteria_import"),
    path("tieu-chi/<int:pk>/sua/", views.criterion_update, name="criterion_update"),
    path("tieu-chi/<int:pk>/xoa/", views.criterion_delete, name="criterion_delete"),
    # Registrations.
    path("nam-thi-dua/<int:season_pk>/dang-ky/", views.registration_list, name="registration_list"),
    path(
        "nam-thi-dua/<int:season_pk>/dang-ky/cua-don-vi/",
        views.registration_own,
        name="registration_own",
    ),
    path("dang-ky/<int:pk>/gui/", views.registration_submit, name="registration_submit"),
    path("dang-ky/<int:pk>/duyet/", views.registration_approve, name="registration_approve"),
    path("dang-ky/<int:pk>/tra-lai/", views.registration_return, name="registration_return"),
]
