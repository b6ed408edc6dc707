"""The covenant pages switch to English with the language cookie."""

import datetime

import pytest
from django.urls import reverse

from tests.covenants.world import build_world
from thidua.covenants.models import Movement

pytestmark = pytest.mark.integration


def test_movement_detail_in_english(client, db):
    world = build_world()
    movement = Movement.objects.create(
        province=world.province,
        name="Chuyển đổi số",
        kind="ad_hoc",
        start_date=datetime.date(2024, 1, 1),
    )
    client.force_login(world.user("viewer"))
    client.post(reverse("set_language"), {"language": "en"})

    body = client.get(reverse("covenants:movement_detail", args=[movement.pk])).content.decode()

    assert "never count toward multi-year title chains (GEN-02" in body
    assert "Ad hoc" in body


def test_criteria_table_problems_in_english(client, db):
    world = build_world()
    covenant = world.covenant()
    covenant.criteria.filter(code="I.1").delete()
    client.force_login(world.user("viewer"))
    client.post(reverse("set_language"), {"language": "en"})

    body = client.get(reverse("covenants:criteria_table", args=[covenant.pk])).content.decode()

    assert "Row “I”: the group&#x27;s maximum is 60 but its sub-rows add up to 30." in body
