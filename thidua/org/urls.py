from django.urls import path

from thidua.org import views

app_name = "org"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Blocs and their seasons.
    path("khoi/", views.bloc_list, name="bloc_list"),
    path("khoi/them/", views.bloc_create, name="bloc_create"),
    path("khoi/<int:pk>/", views.bloc_detail, name="bloc_detail"),
    path("khoi/<int:pk>/sua/", views.bloc_update, name="bloc_update"),
    path("khoi/<int:pk>/xoa/", views.bloc_delete, name="bloc_delete"),
    path("khoi/<int:bloc_pk>/nam/them/", views.season_create, name="season_create"),
    path("nam-thi-dua/<int:pk>/", views.season_detail, name="season_detail"),
    path("nam-thi-dua/<int:pk>/sua/", views.season_update, name="season_update"),
    path("nam-thi-dua/<int:pk>/ghi-chu/", views.season_note, name="season_note"),
    path("nam-thi-dua/<int:pk>/xoa/", views.season_delete, name="season_delete"),
    path(
        "nam-thi-dua/<int:pk>/thanh-vien/them/",
        views.season_member_add,
        name="season_member_add",
    ),
    path(
        "nam-thi-dua/<int:pk>/thanh-vien/<int:unit_pk>/bo/",
        views.season_member_remove,
        name="season_member_remove",
    ),
    # Units and their lineage.
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/them/", views.unit_create, name="unit_create"),
    path("don-vi/sap-xep/them/", views.lineage_event_create, name="lineage_event_create"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/sua/", views.unit_update, name="unit_update"),
    path("don-vi/<int:pk>/xoa/", views.unit_delete, name="unit_delete"),
    # People.
    path("ca-nhan/", views.person_list, name="person_list"),
    path("ca-nhan/them/", views.person_create, name="person_create"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person_detail"),
    path("ca-nhan/<int:pk>/sua/", views.person_update, name="person_update"),
    path("ca-nhan/<int:pk>/xoa/", views.person_delete, name="person_delete"),
]
