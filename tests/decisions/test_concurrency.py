"""Two boards' clicks at once on the same decision: exactly one registry record per proposal.
PostgreSQL only (SQLite's test database is in memory); CI runs it on PostgreSQL."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from tests.factories.decisions import approved_proposals, council_world
from thidua.awards.models import AwardRecord
from thidua.core.exceptions import Conflict
from thidua.decisions import services
from thidua.decisions.models import Decision, DecisionLine
from thidua.dossiers.models import ProposalEvent, ProposalStatus

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need a server database (SQLite's test database is in memory)",
    ),
]

TRIES = 6


def _record(world, proposals, number, start):
    start.wait()
    try:
        decision = services.decision_record(
            actor=world.board,
            province=world.province,
            number=number,
            date=datetime.date(2026, 2, 2),
            signer_name="Nguyễn Văn An",
            proposals=proposals,
        )
        return ("ok", decision.pk)
    except Conflict as exc:
        return (exc.code, None)
    finally:
        connections.close_all()


@pytest.mark.parametrize("same_number", [True, False])
def test_concurrent_double_calls_create_each_record_once(same_number):
    world = council_world(5)
    proposals = approved_proposals(world, 3)
    start = threading.Barrier(TRIES)
    with ThreadPoolExecutor(max_workers=TRIES) as pool:
        futures = [
            pool.submit(
                _record, world, proposals, "7/QĐ-UBND" if same_number else f"{i}/QĐ-UBND", start
            )
            for i in range(TRIES)
        ]
        outcomes = [f.result() for f in futures]
    assert AwardRecord.objects.count() == 3
    assert DecisionLine.objects.count() == 3 and Decision.objects.count() == 1
    decided = ProposalEvent.objects.filter(to_status=ProposalStatus.DECIDED).count()
    assert decided == 3
    ok = [pk for status, pk in outcomes if status == "ok"]
    if same_number:  # retries of one decision all answer with it
        assert len(ok) == TRIES and len(set(ok)) == 1
    else:  # other numbers are refused
        assert len(ok) == 1
        assert sorted(s for s, _pk in outcomes if s != "ok") == ["already_decided"] * (TRIES - 1)
