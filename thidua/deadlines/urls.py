"""The calendar of deadlines: the province's template, a season's dates, the iCalendar feeds."""

from django.urls import path

from thidua.deadlines import views

app_name = "deadlines"
urlpatterns = [
    path("lich-thi-dua/", views.calendar, name="calendar"),
    path("lich-thi-dua/lich.ics", views.calendar_ics, name="calendar_ics"),
    path("lich-thi-dua/don-vi/<int:unit_pk>/", views.unit_calendar, name="unit_calendar"),
    path(
        "lich-thi-dua/don-vi/<int:unit_pk>/doi-duong-dan/",
        views.unit_feed_rotate,
        name="unit_feed_rotate",
    ),
    path(
        "lich-thi-dua/tinh/<int:province_pk>/doi-duong-dan/",
        views.province_feed_rotate,
        name="province_feed_rotate",
    ),
    path("lich-thi-dua/tinh/<int:province_pk>/mau/", views.template, name="template"),
    path(
        "lich-thi-dua/tinh/<int:province_pk>/mau/<slug:kind>/",
        views.template_edit,
        name="template_edit",
    ),
    path(
        "lich-thi-dua/tinh/<int:province_pk>/nhac-han/",
        views.reminder_days,
        name="reminder_days",
    ),
    path(
        "lich-thi-dua/tinh/<int:province_pk>/nam/<int:year>/<slug:kind>/",
        views.province_override,
        name="province_override",
    ),
    path("lich-thi-dua/nam-thi-dua/<int:season_pk>/", views.season_dates, name="season"),
    path(
        "lich-thi-dua/nam-thi-dua/<int:season_pk>/<slug:kind>/",
        views.season_override,
        name="season_override",
    ),
    # The subscribed feeds: no sign-in, the secret is the permission (unknown secret → 404).
    path("lich-thi-dua/dang-ky/<str:token>.ics", views.feed, name="feed"),
]
