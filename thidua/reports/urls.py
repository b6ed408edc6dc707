"""Reports: the province dashboard, statistics, the blocs' year-end summary reports and the public
honour board. Each area keeps its routes beside its views."""

from thidua.reports.views import dashboard, honour, statistics, summary

app_name = "reports"
urlpatterns = [
    *dashboard.urlpatterns,
    *statistics.urlpatterns,
    *summary.urlpatterns,
    *honour.urlpatterns,
]
