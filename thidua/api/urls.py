from django.urls import path

from thidua.api.main import api

urlpatterns = [path("", api.urls)]
