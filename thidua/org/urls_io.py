from django.urls import path

from thidua.org import views_io

app_name = "org_io"
urlpatterns = [
    path("", views_io.index, name="index"),
    path("mau.xlsx", views_io.template_download, name="template"),
    path("xuat.xlsx", views_io.export_download, name="export"),
]
