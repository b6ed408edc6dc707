from django.urls import path

from thidua.scoring import views_ranking

app_name = "ranking"
urlpatterns = [
    path("nam-thi-dua/<int:season_pk>/xep-hang/", views_ranking.season_ranking, name="season"),
    path(
        "nam-thi-dua/<int:season_pk>/xep-hang/xuat.xlsx",
        views_ranking.season_ranking_export,
        name="export",
    ),
]
