"""Secret ballot (VOT-10): a stored ballot cannot be linked to its voter.

These tests try the links an insider with the database would try: a foreign key or author on the
ballot, a timestamp, an ordered id, the physical row order (SQLite rowid, PostgreSQL ctid), the
transaction id that wrote the row (PostgreSQL xmin), the audit history, and the receipt.
"""

import pytest
from django.db import connection, models

from tests.factories.voting import meeting_world
from thidua.voting import services
from thidua.voting.models import Ballot, Voter

pytestmark = pytest.mark.django_db

N = 12


def _vote_in_known_order():
    """Twelve units vote one after another, each for a distinct, recognisable set."""
    world = meeting_world(N, keyers=2)
    poll = services.poll_create(
        actor=world.board,
        meeting=world.meeting,
        kind="nomination",
        award_type="bang_khen_chu_tich_ubnd_tinh",
        seats=3,
        override_reason="thử nghiệm",
    )
    services.poll_open(actor=world.board, poll=poll)
    candidates = list(poll.candidates.order_by("order").values_list("pk", flat=True))
    voted = []  # (unit, choices, receipt) in the order of voting
    for i in range(N):
        choices = [candidates[i % N], candidates[(i + 1) % N], candidates[(i + 2) % N]][: 1 + i % 3]
        receipt = services.ballot_cast(actor=world.officer(i), poll=poll, choices=choices)
        voted.append((world.units[i].pk, sorted(choices), receipt))
    return world, poll, voted


def test_the_ballot_model_has_no_link_to_a_voter_no_time_and_no_history():
    fields = Ballot._meta.get_fields()
    relations = [f for f in fields if f.is_relation]
    assert [f.name for f in relations] == ["poll"]
    assert not any(isinstance(f, models.DateField | models.DateTimeField) for f in fields)
    assert not hasattr(Ballot, "history")
    assert isinstance(Ballot._meta.pk, models.UUIDField)
    # and the voter roll says nothing of what was voted
    voter_fields = {f.name for f in Voter._meta.get_fields()}
    assert not voter_fields & {"ballot", "receipt", "choices"}


def _physical_order(poll):
    table = Ballot._meta.db_table
    position = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT receipt FROM {table} WHERE poll_id = %s ORDER BY {position}",  # noqa: S608
            [poll.pk],
        )
        return [row[0] for row in cursor.fetchall()]


def test_closing_leaves_no_order_that_follows_the_order_of_voting():
    world, poll, voted = _vote_in_known_order()
    order_of_voting = [receipt for _unit, _choices, receipt in voted]
    services.poll_close(actor=world.board, poll=poll)

    by_pk = list(Ballot.objects.filter(poll=poll).order_by("pk").values_list("receipt", flat=True))
    default = list(Ballot.objects.filter(poll=poll).values_list("receipt", flat=True))
    physical = _physical_order(poll)
    assert sorted(by_pk) == sorted(order_of_voting)
    # 12! orders: a match by chance is a one in 479 million event
    assert by_pk != order_of_voting
    assert physical != order_of_voting
    # the default order is the receipt, random and independent of the voter
    assert default == sorted(order_of_voting)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin exists on PostgreSQL only")
def test_closing_leaves_one_transaction_id_for_every_ballot_and_voter_row():
    world, poll, _voted = _vote_in_known_order()
    services.poll_close(actor=world.board, poll=poll)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT xmin::text FROM {Ballot._meta.db_table} WHERE poll_id = %s",  # noqa: S608
            [poll.pk],
        )
        ballot_xmins = {r[0] for r in cursor.fetchall()}
        cursor.execute(
            f"SELECT DISTINCT xmin::text FROM {Voter._meta.db_table} WHERE poll_id = %s",  # noqa: S608
            [poll.pk],
        )
        voter_xmins = {r[0] for r in cursor.fetchall()}
    assert len(ballot_xmins) == 1
    assert len(voter_xmins) == 1


def test_the_receipt_is_stored_with_the_ballot_only():
    world, poll, voted = _vote_in_known_order()
    services.poll_close(actor=world.board, poll=poll)
    receipts = [receipt for _u, _c, receipt in voted]
    tables = [
        Voter._meta.db_table,
        Voter.history.model._meta.db_table,
        poll.__class__.history.model._meta.db_table,
        poll.__class__._meta.db_table,
    ]
    with connection.cursor() as cursor:
        for table in tables:
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            text = repr(cursor.fetchall())
            for receipt in receipts:
                assert receipt not in text, (table, columns)


def test_the_voter_history_knows_who_voted_not_what():
    world, poll, voted = _vote_in_known_order()
    services.poll_close(actor=world.board, poll=poll)
    history = Voter.history.filter(poll_id=poll.pk, has_voted=True)
    assert {h.unit_id for h in history} == {unit for unit, _c, _r in voted}
    fields = {f.name for f in Voter.history.model._meta.get_fields()}
    assert not fields & {"choices", "receipt", "ballot"}


def test_each_voter_finds_its_receipt_and_choices_in_the_published_list():
    from thidua.voting.selectors import ballot_list

    world, poll, voted = _vote_in_known_order()
    poll = services.poll_close(actor=world.board, poll=poll)
    published = ballot_list(user=world.officer(5), poll=poll)
    assert published.matches
    rows = {row.receipt: row for row in published.rows}
    codes = dict(poll.candidates.values_list("pk", "unit__code"))
    for _unit, choices, receipt in voted:
        assert rows[receipt].choices == sorted(codes[c] for c in choices)
    assert published.hash == poll.ballot_list_hash
    assert [r.receipt for r in published.rows] == sorted(rows)
