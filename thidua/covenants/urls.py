from django.urls import path

from thidua.covenants import views

app_name = "covenants"
urlpatterns = [
    path("phong-trao/", views.movement_list, name="movement_list"),
]
