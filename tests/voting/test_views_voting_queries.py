"""The meeting page, the projector's fragment and the poll page run the same number of queries
for 3 and for 12 member units (pretalx's rule)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.voting import meeting_world
from thidua.voting import services

pytestmark = pytest.mark.integration

BANG_KHEN = "bang_khen_chu_tich_ubnd_tinh"
HTMX = {"HTTP_HX_REQUEST": "true"}


def _count(client, url, **extra):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _world_with_poll(n, *, status="open"):
    """n members, a nomination poll, and (open or closed) half of the members voted."""
    world = meeting_world(n)
    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=BANG_KHEN
    )
    if status == "draft":
        return world, poll
    poll = services.poll_open(actor=world.board, poll=poll)
    first = poll.candidates.order_by("order", "id").first()
    for i in range(n // 2 + 1):
        services.ballot_cast(actor=world.officer(i), poll=poll, choices=[first.pk])
    if status == "closed":
        poll = services.poll_close(actor=world.board, poll=poll)
    return world, poll


@pytest.mark.parametrize("role", ["board", "leader_officer", "member"])
def test_meeting_page_queries_constant_for_3_and_12_members(client, db, role):
    counts = []
    for n in (3, 12):
        world, _poll = _world_with_poll(n)
        user = {"board": world.board, "leader_officer": world.leader_officer}.get(
            role, world.officer(2)
        )
        client.force_login(user)
        counts.append(_count(client, reverse("voting:meeting_detail", args=[world.meeting.pk])))

    assert counts[0] == counts[1]


@pytest.mark.parametrize("status", ["open", "closed"])
def test_projector_fragment_queries_constant_for_3_and_12_members(client, db, status):
    counts = []
    for n in (3, 12):
        world, poll = _world_with_poll(n, status=status)
        client.force_login(world.board)
        counts.append(_count(client, reverse("voting:projector_live", args=[poll.pk]), **HTMX))

    assert counts[0] == counts[1]


@pytest.mark.parametrize("status", ["draft", "open", "closed"])
def test_poll_page_queries_constant_for_3_and_12_members(client, db, status):
    counts = []
    for n in (3, 12):
        world, poll = _world_with_poll(n, status=status)
        client.force_login(world.leader_officer)
        counts.append(_count(client, reverse("voting:poll_detail", args=[poll.pk])))

    assert counts[0] == counts[1]


def test_paper_page_queries_constant_for_3_and_12_members(client, db):
    counts = []
    for n in (3, 12):
        world, poll = _world_with_poll(n)
        client.force_login(world.keyers[0])
        counts.append(_count(client, reverse("voting:paper", args=[poll.pk])))

    assert counts[0] == counts[1]


def test_ballot_list_queries_constant_for_3_and_12_members(client, db):
    counts = []
    for n in (3, 12):
        world, poll = _world_with_poll(n, status="closed")
        client.force_login(world.officer(1))
        counts.append(_count(client, reverse("voting:ballot_list", args=[poll.pk])))

    assert counts[0] == counts[1]
