"""Every covenant list page runs the same number of queries for 1 and for 3 items (pretalx's rule)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.covenants.world import add_member, build_world
from tests.factories import BlocFactory, UnitFactory
from tests.factories.covenants import CriterionFactory, RegistrationFactory
from thidua.covenants.models import CovenantItem, CovenantSignature, Movement

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    world = build_world()
    world.covenant_obj = world.covenant()
    return world


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _movements(world, n):
    for i in range(n):
        m = Movement.objects.create(
            province=world.province,
            name=f"Phong trào {i}",
            kind="thematic",
            start_date=datetime.date(2020, 1, 1),
            launched_by_unit=UnitFactory(province=world.province),
        )
        m.blocs.add(BlocFactory(province=world.province))
        m.units.add(world.member)


def _members_with_rows(world, n):
    for _ in range(n):
        unit = add_member(world.season)
        RegistrationFactory(season=world.season, unit=unit, status="submitted")
        CovenantSignature.objects.create(
            covenant=world.covenant_obj,
            unit=unit,
            signed_by=world.user("board"),
            signed_at=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC),
        )


def _criteria(world, n):
    for _ in range(n):
        i = world.covenant_obj.criteria.count()
        group = CriterionFactory(
            covenant=world.covenant_obj, code=f"G{i}", kind="group", max_points=5
        )
        CriterionFactory(
            covenant=world.covenant_obj, parent=group, code=f"G{i}.1", max_points=5, guidance="x"
        )


def _items(world, n):
    for i in range(n):
        CovenantItem.objects.create(covenant=world.covenant_obj, text=f"Nội dung {i}", order=i)


PAGES = [
    ("movement_list", lambda w: reverse("covenants:movement_list"), _movements),
    (
        "registration_list",
        lambda w: reverse("covenants:registration_list", args=[w.season.pk]),
        _members_with_rows,
    ),
    (
        "covenant_signatures",
        lambda w: reverse("covenants:covenant_signatures", args=[w.covenant_obj.pk]),
        _members_with_rows,
    ),
    (
        "criteria_table",
        lambda w: reverse("covenants:criteria_table", args=[w.covenant_obj.pk]),
        _criteria,
    ),
    (
        "covenant_detail",
        lambda w: reverse("covenants:covenant_detail", args=[w.covenant_obj.pk]),
        _items,
    ),
    (
        "season_detail",
        lambda w: reverse("org:season_detail", args=[w.season.pk]),
        _members_with_rows,
    ),
]


@pytest.mark.parametrize("role", ["board", "leader_officer", "member_officer", "viewer"])
@pytest.mark.parametrize(("name", "url", "make"), PAGES, ids=[p[0] for p in PAGES])
def test_list_page_queries_constant_for_1_and_3_items(client, world, role, name, url, make):
    client.force_login(world.user(role))
    make(world, 1)
    with_one = _count(client, url(world))
    make(world, 2)

    with_three = _count(client, url(world))

    assert with_three == with_one
