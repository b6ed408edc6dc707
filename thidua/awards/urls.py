from django.urls import path

from thidua.awards import views, views_search

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
]
