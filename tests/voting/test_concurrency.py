"""Concurrent ballots: exactly one ballot per voter and no lost ballot (small scale of the
bench/ballots_concurrency.py run). PostgreSQL: rows locked per poll and voter; CI runs this on
PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from tests.factories.voting import meeting_world
from thidua.core.exceptions import Conflict
from thidua.voting import services
from thidua.voting.models import Ballot, Voter

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need a server database (SQLite's test database is in memory)",
    ),
]

UNITS = 16
TRIES = 3


def _cast(officer, poll, choices, start):
    start.wait()
    try:
        return ("ok", services.ballot_cast(actor=officer, poll=poll, choices=choices))
    except Conflict as exc:
        return (exc.code, None)
    finally:
        connections.close_all()


def test_concurrent_double_submissions_leave_exactly_one_ballot_per_voter():
    world = meeting_world(UNITS, keyers=0)
    poll = services.poll_create(
        actor=world.board,
        meeting=world.meeting,
        kind="nomination",
        award_type="bang_khen_chu_tich_ubnd_tinh",
        seats=2,
        allow_paper=False,
    )
    services.poll_open(actor=world.board, poll=poll)
    first = list(poll.candidates.order_by("order").values_list("pk", flat=True))[:1]
    start = threading.Barrier(UNITS * TRIES)
    with ThreadPoolExecutor(max_workers=UNITS * TRIES) as pool:
        futures = [
            pool.submit(_cast, world.officer(i), poll, first, start)
            for i in range(UNITS)
            for _ in range(TRIES)
        ]
        outcomes = [f.result() for f in futures]
    receipts = [r for status, r in outcomes if status == "ok"]
    assert len(receipts) == UNITS
    assert sum(1 for status, _r in outcomes if status == "already_voted") == UNITS * (TRIES - 1)
    assert Ballot.objects.filter(poll=poll).count() == UNITS
    assert Voter.objects.filter(poll=poll, has_voted=True).count() == UNITS
    poll = services.poll_close(actor=world.board, poll=poll)
    assert poll.result["cast"] == UNITS
    stored = set(Ballot.objects.filter(poll=poll).values_list("receipt", flat=True))
    assert stored == set(receipts)


def test_ballots_racing_the_close_are_counted_or_refused_never_lost():
    world = meeting_world(UNITS, keyers=0)
    poll = services.poll_create(
        actor=world.board,
        meeting=world.meeting,
        kind="nomination",
        award_type="bang_khen_chu_tich_ubnd_tinh",
        seats=1,
        allow_paper=False,
    )
    services.poll_open(actor=world.board, poll=poll)
    start = threading.Barrier(UNITS + 1)

    def close():
        start.wait()
        try:
            services.poll_close(actor=world.board, poll=poll)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=UNITS + 1) as pool:
        futures = [pool.submit(_cast, world.officer(i), poll, [], start) for i in range(UNITS)]
        closer = pool.submit(close)
        outcomes = [f.result() for f in futures]
        closer.result()
    accepted = {r for status, r in outcomes if status == "ok"}
    refused = [status for status, _r in outcomes if status != "ok"]
    assert set(refused) <= {"poll_not_open"}
    poll.refresh_from_db()
    assert poll.result["cast"] == len(accepted)
    assert set(Ballot.objects.filter(poll=poll).values_list("receipt", flat=True)) == accepted
