"""Every list page runs the same number of queries for 1 and for 3 items (pretalx's rule)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    BlocFactory,
    PersonFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    season_with_members,
)

pytestmark = pytest.mark.integration


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _make_blocs(province, n):
    for _ in range(n):
        season_with_members(3, year=2023, province=province)


def _make_units(province, n):
    parent = UnitFactory(province=province)
    for _ in range(n - 1):
        UnitFactory(province=province, parent=parent)


def _make_people(province, n):
    for _ in range(n):
        PersonFactory(unit=UnitFactory(province=province))


def _make_bare_blocs(province, n):
    for _ in range(n):
        BlocFactory(province=province)


LIST_PAGES = [
    ("org:dashboard", _make_blocs, {"year": 2023}),
    ("org:bloc_list", _make_bare_blocs, {}),
    ("org:unit_list", _make_units, {}),
    ("org:person_list", _make_people, {}),
]


@pytest.mark.parametrize("role", ["board_admin", "viewer"])
@pytest.mark.parametrize(("name", "make", "params"), LIST_PAGES)
def test_list_page_queries_constant_for_1_and_3_items(
    client, request, province, other_province, role, name, make, params
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    url = reverse(name)
    make(province, 1)
    with_one = _count_queries(client, url, params)
    make(province, 2)

    with_three = _count_queries(client, url, params)

    assert with_three == with_one


def test_list_page_queries_bounded(client, board_admin, province, django_assert_max_num_queries):
    _make_blocs(province, 3)
    client.force_login(board_admin)

    # The province dashboard (its own tests: tests/reports/test_dashboard_pages.py).
    with django_assert_max_num_queries(20):
        client.get(reverse("org:dashboard"), {"year": 2023})


def test_bloc_detail_queries_constant_for_1_and_3_seasons(client, viewer, province):
    season = season_with_members(3, year=2023, province=province)
    client.force_login(viewer)
    url = reverse("org:bloc_detail", args=[season.bloc.pk])
    with_one = _count_queries(client, url)
    for year in (2021, 2022):
        extra = SeasonFactory(bloc=season.bloc, year=year)
        SeasonMembershipFactory(season=extra)

    with_three = _count_queries(client, url)

    assert with_three == with_one
