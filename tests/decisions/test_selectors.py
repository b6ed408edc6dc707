"""Reads: a session's review sheet (counts and thresholds, constant queries), decisions and
their lines with the registry records, scoped to the user's provinces."""

import pytest

from tests.factories.decisions import (
    SESSION_DAY,
    approved_proposals,
    council_world,
    run_session,
    valid_proposal,
)
from thidua.core.exceptions import NotFound
from thidua.decisions import selectors, services

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def open_session(world, count):
    proposals = [valid_proposal(world.board, unit=world.units[i]) for i in range(count)]
    session = services.session_open(
        actor=world.board, council=world.council, date=SESSION_DAY, proposals=proposals
    )
    services.session_set_present(actor=world.board, session=session, members=world.members[:13])
    for i, proposal in enumerate(proposals):
        services.session_record_votes(
            actor=world.board,
            session=session,
            proposal=proposal,
            votes={m.pk: j < 12 - i for j, m in enumerate(world.members[:13])},
        )
    return session, proposals


def test_review_sheet_of_an_open_session_counts_live():
    world = council_world(15)
    session, proposals = open_session(world, 2)
    sheet = selectors.session_review_sheet(session=session)
    assert (sheet.members_total, sheet.present) == (15, 13)
    rows = {r.proposal.pk: r for r in sheet.rows}
    first, second = rows[proposals[0].pk], rows[proposals[1].pk]
    assert (first.approvals, first.disapprovals, first.not_voted) == (12, 1, 2)
    assert (first.required, first.rule_id, first.passes) == (12, "VOT-03", True)
    assert (second.approvals, second.passes, second.share_pct) == (11, False, 80.0)


def test_review_sheet_of_a_closed_session_shows_the_frozen_outcome():
    world = council_world(15)
    proposal = valid_proposal(world.board, unit=world.units[0])
    session = run_session(world, [proposal], approvals=12)
    services.council_member_add(
        actor=world.board, council=world.council, full_name="Sau phiên", active_from=SESSION_DAY
    )
    (row,) = selectors.session_review_sheet(session=session).rows
    assert (row.approvals, row.members_total, row.required, row.passes) == (12, 15, 12, True)
    assert row.item.outcome == "approved"


@pytest.mark.parametrize("count", [1, 3])
def test_review_sheet_queries_do_not_grow(count, django_assert_max_num_queries):
    world = council_world(15, units=3)
    session, _ = open_session(world, count)
    with django_assert_max_num_queries(5):
        sheet = selectors.session_review_sheet(session=session)
        [str(r.proposal) for r in sheet.rows]


@pytest.mark.parametrize("count", [1, 3])
def test_decision_list_and_lines_queries_do_not_grow(count, django_assert_max_num_queries):
    world = council_world(5, units=3)
    proposals = approved_proposals(world, count)
    for i, proposal in enumerate(proposals):
        services.decision_record(
            actor=world.board,
            province=world.province,
            number=f"{i + 1}/QĐ-UBND",
            date=SESSION_DAY,
            signer_name="A",
            proposals=[proposal],
        )
    with django_assert_max_num_queries(3):  # the user's provinces (2), the list
        decisions = list(selectors.decision_list_for_user(user=world.viewer))
        assert len(decisions) == count and all(d.lines_count == 1 for d in decisions)
    with django_assert_max_num_queries(1):
        lines = list(selectors.decision_lines(decision=decisions[0]))
        [(str(line.award_record.unit), line.proposal.status) for line in lines]


def test_other_provinces_see_nothing():
    world = council_world(3)
    proposals = approved_proposals(world, 1)
    decision = services.decision_record(
        actor=world.board,
        province=world.province,
        number="1/QĐ-UBND",
        date=SESSION_DAY,
        signer_name="A",
        proposals=proposals,
    )
    session = world.council.sessions.get()
    outsider = world.foreign_board
    assert not selectors.decision_list_for_user(user=outsider).exists()
    assert not selectors.session_list_for_user(user=outsider).exists()
    assert not selectors.council_list_for_user(user=outsider).exists()
    for fetch, pk in (
        (selectors.decision_get_for_user, decision.pk),
        (selectors.session_get_for_user, session.pk),
        (selectors.council_get_for_user, world.council.pk),
    ):
        with pytest.raises(NotFound):
            fetch(user=outsider, pk=pk)
        assert fetch(user=world.viewer, pk=pk).pk == pk
    members = selectors.council_members_on(council=world.council, day=SESSION_DAY)
    assert list(members)[0].role == "chair"
