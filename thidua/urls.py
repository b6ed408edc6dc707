from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("accounts/", include("thidua.accounts.urls")),
    path("api/v1/", include("thidua.api.urls")),
    path("", include("thidua.org.urls")),
]

if settings.DEBUG:
    urlpatterns += []
