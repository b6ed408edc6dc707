"""The scoring pages run the same number of queries for 1 and for 3 units (pretalx's rule)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import SeasonMembershipFactory, UnitFactory, UserFactory
from tests.scoring.conftest import build_world, fill, in_objection, pdf_bytes, submitted, upload
from thidua.accounts.enums import Role
from thidua.scoring import services

pytestmark = pytest.mark.integration


def _count(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _world_with_cards(n, *, mode="leader_review", step=submitted):
    """A season whose first `n` extra members (besides leader, A, B) have cards at `step`."""
    world = build_world(mode=mode)
    units = []
    for _ in range(n):
        unit = UnitFactory(province=world.season.bloc.province)
        SeasonMembershipFactory(season=world.season, unit=unit)
        officer = UserFactory(role=Role.UNIT_OFFICER, unit=unit, province=unit.province)
        card, _created = services.scorecard_get_or_create(
            actor=officer, season=world.season, unit=unit
        )
        world.users[f"officer_{unit.pk}"] = officer
        units.append(unit)
        user = officer
        for code, points in {"I.1": "1", "I.2": "2", "II.1": "3"}.items():
            services.score_set_self(actor=user, score=world.score(card, code), points=points)
        services.evidence_upload(
            actor=user, score=world.score(card, "I.2"), file=upload("a.pdf", pdf_bytes())
        )
        if step is not None:
            services.scorecard_submit(actor=user, scorecard=card)
    return world


@pytest.mark.parametrize("role", ["board", "leader_officer"])
def test_review_grid_queries_constant_for_1_and_3_units(client, db, media, role):
    counts = []
    for n in (1, 3):
        world = _world_with_cards(n)
        client.force_login(world.users[role])
        counts.append(_count(client, reverse("scoring:review_grid", args=[world.season.pk])))

    assert counts[0] == counts[1]


def test_cross_grid_queries_constant_for_1_and_3_units(client, db, media):
    counts = []
    for n in (1, 3):
        world = _world_with_cards(n, mode="cross_scoring")
        client.force_login(world.users["member_officer"])
        counts.append(_count(client, reverse("scoring:cross_grid", args=[world.season.pk])))

    assert counts[0] == counts[1]


@pytest.mark.parametrize("role", ["board", "leader_officer", "viewer", "own_officer"])
def test_season_page_queries_constant_for_1_and_3_cards(client, db, media, role):
    counts = []
    for n in (1, 3):
        world = _world_with_cards(n, step=None)
        world.card()
        client.force_login(world.users[role])
        counts.append(_count(client, reverse("org:season_detail", args=[world.season.pk])))

    assert counts[0] == counts[1]


def test_scorecard_detail_queries_constant_for_1_and_3_files(client, db, media):
    counts = []
    for n in (1, 3):
        world = build_world()
        card = fill(world, world.card(), evidence=False)
        for _ in range(n):
            services.evidence_upload(
                actor=world.users["own_officer"],
                score=world.score(card, "I.2"),
                file=upload("a.pdf", pdf_bytes()),
            )
        client.force_login(world.users["own_officer"])
        counts.append(_count(client, reverse("scoring:scorecard_detail", args=[card.pk])))

    assert counts[0] == counts[1]


def test_objection_list_queries_constant_for_1_and_3_objections(client, db, media):
    counts = []
    for n in (1, 3):
        world = build_world()
        card = in_objection(world)
        for i in range(n):
            services.objection_file(
                actor=world.users["own_officer"], scorecard=card, text=f"Ý kiến {i}"
            )
        client.force_login(world.users["leader_officer"])
        counts.append(_count(client, reverse("scoring:objection_list", args=[world.season.pk])))

    assert counts[0] == counts[1]
