"""The calendar of deadlines: the province's template, a season's dates, the iCalendar feeds."""

from django.urls import URLPattern

app_name = "deadlines"
urlpatterns: list[URLPattern] = []
