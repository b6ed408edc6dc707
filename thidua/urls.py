from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("accounts/", include("thidua.accounts.urls")),
    path("api/v1/", include("thidua.api.urls")),
    path("du-lieu/", include("thidua.org.urls_io")),
    path("", include("thidua.covenants.urls")),
    path("", include("thidua.scoring.urls")),
    path("", include("thidua.scoring.urls_ranking")),
    path("", include("thidua.voting.urls")),
    path("", include("thidua.awards.urls")),
    path("", include("thidua.decisions.urls")),
    path("", include("thidua.dossiers.urls")),
    path("", include("thidua.reports.urls")),
    path("", include("thidua.deadlines.urls")),
    path("", include("thidua.org.urls")),
]
