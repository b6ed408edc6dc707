from django.urls import path

from thidua.decisions import views

app_name = "decisions"
urlpatterns = [
    # The province's emulation council (Hội đồng Thi đua – Khen thưởng) and its members.
    path("hoi-dong/", views.council, name="council"),
    # Award decisions (quyết định khen thưởng).
    path("quyet-dinh/", views.decision_list, name="decision_list"),
]
