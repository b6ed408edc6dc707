from django.urls import path

app_name = "org_io"
urlpatterns: list = []
