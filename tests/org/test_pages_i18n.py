"""Pages are in Vietnamese by default and switch to English through Django's set_language."""

import pytest
from django.urls import reverse

from tests.factories import season_with_members

pytestmark = pytest.mark.integration


def test_dashboard_heading_vietnamese_by_default(client, viewer):
    client.force_login(viewer)

    body = client.get(reverse("org:dashboard")).content.decode()

    assert "<h1>Tổng quan</h1>" in body
    assert 'lang="vi"' in body


def test_language_switch_to_english_changes_heading(client, viewer):
    client.force_login(viewer)

    switch = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("org:dashboard")}
    )
    body = client.get(reverse("org:dashboard")).content.decode()

    assert switch.status_code == 302
    assert "<h1>Overview</h1>" in body
    assert 'lang="en"' in body


def test_language_switch_translates_enums_and_validation(client, board_admin, province):
    season = season_with_members(3, year=2023, province=province)
    client.force_login(board_admin)
    client.post(reverse("set_language"), {"language": "en"})

    response = client.post(
        reverse("org:season_update", args=[season.pk]),
        {"leader": season.leader_id, "deputy": season.leader_id, "note": "", "source": ""},
    )
    bloc_page = client.get(reverse("org:bloc_detail", args=[season.bloc.pk])).content.decode()

    assert "The bloc leader and the deputy must be two different units." in (
        response.content.decode()
    )
    assert "Emulation bloc" in bloc_page


def test_language_switch_back_to_vietnamese(client, viewer):
    client.force_login(viewer)
    client.post(reverse("set_language"), {"language": "en"})

    client.post(reverse("set_language"), {"language": "vi"})
    body = client.get(reverse("org:unit_list")).content.decode()

    assert "<h1>Đơn vị</h1>" in body
