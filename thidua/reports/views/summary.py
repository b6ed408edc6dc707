"""Placeholder: routes of this area (filled in by its views)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
