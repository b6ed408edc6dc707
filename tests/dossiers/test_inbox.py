import datetime

import pytest

from tests.factories import BlocFactory, SeasonFactory, UnitFactory
from tests.factories.dossiers import ProposalFactory
from thidua.core.exceptions import NotFound, PermissionDeniedError
from thidua.dossiers.models import ProposalStatus
from thidua.dossiers.selectors.proposals import (
    is_overdue,
    overdue_proposals,
    proposal_detail,
    proposal_get_for_user,
    proposal_inbox,
    proposals_of_unit,
)

pytestmark = pytest.mark.integration
S = ProposalStatus
TODAY = datetime.date(2026, 3, 10)


def _make(world, n, *, status=S.SUBMITTED, due=None, **extra):
    rows = []
    for _ in range(n):
        unit = UnitFactory(province=world.province)
        rows.append(ProposalFactory(unit=unit, status=status, due_at=due, **extra))
    return rows


def test_inbox_counts_per_status_and_lists_the_boards_statuses(world):
    _make(world, 2, status=S.SUBMITTED)
    _make(world, 1, status=S.RECEIVED)
    _make(world, 1, status=S.RETURNED)
    _make(world, 1, status=S.DRAFT)
    inbox = proposal_inbox(user=world.board, today=TODAY)
    assert inbox.counts[S.SUBMITTED] == 2
    assert inbox.counts[S.RECEIVED] == 1
    assert inbox.counts[S.RETURNED] == 1
    assert inbox.counts[S.DRAFT] == 0  # the unit's own drafts are not the board's
    assert inbox.total == 3
    assert {p.status for p in inbox.page} == {S.SUBMITTED, S.RECEIVED}


def test_inbox_orders_by_due_date_without_date_last(world):
    late = _make(world, 1, due=datetime.date(2026, 3, 20))
    soon = _make(world, 1, due=datetime.date(2026, 3, 12))
    undated = _make(world, 1)
    inbox = proposal_inbox(user=world.board, today=TODAY)
    assert [p.pk for p in inbox.page] == [soon[0].pk, late[0].pk, undated[0].pk]


def test_inbox_filters(world):
    bloc = BlocFactory(province=world.province)
    season = SeasonFactory(bloc=bloc, year=2025)
    in_bloc = _make(world, 1, season=season, award_type="co_thi_dua_ubnd_tinh")
    _make(world, 1, year=2024)
    overdue = _make(world, 1, status=S.RECEIVED, due=datetime.date(2026, 3, 9))
    assert [p.pk for p in proposal_inbox(user=world.board, bloc=bloc, today=TODAY).page] == [
        in_bloc[0].pk
    ]
    assert [
        p.pk
        for p in proposal_inbox(
            user=world.board, award_type="co_thi_dua_ubnd_tinh", today=TODAY
        ).page
    ] == [in_bloc[0].pk]
    assert proposal_inbox(user=world.board, year=2024, today=TODAY).total == 1
    late = proposal_inbox(user=world.board, overdue=True, today=TODAY)
    assert [p.pk for p in late.page] == [overdue[0].pk]
    assert late.overdue == 1
    only_received = proposal_inbox(user=world.board, status=S.RECEIVED, today=TODAY)
    assert [p.pk for p in only_received.page] == [overdue[0].pk]


def test_inbox_of_another_province_is_empty_and_denied_to_officers(world):
    _make(world, 2)
    assert proposal_inbox(user=world.foreign_board, today=TODAY).total == 0
    with pytest.raises(PermissionDeniedError):
        proposal_inbox(user=world.officer)


@pytest.mark.parametrize("n", [1, 3])
def test_inbox_queries_do_not_grow_with_rows(world, n, django_assert_max_num_queries):
    bloc = BlocFactory(province=world.province)
    season = SeasonFactory(bloc=bloc, year=2025)
    _make(world, n, season=season, due=datetime.date(2026, 3, 1))
    board = type(world.board).objects.get(pk=world.board.pk)
    with django_assert_max_num_queries(5):
        inbox = proposal_inbox(user=board, today=TODAY)
        names = [(p.unit.name, p.season.bloc.name, p.submitting_unit.name) for p in inbox.page]
        assert inbox.counts[S.SUBMITTED] == n
    assert len(names) == n


def test_inbox_paginates(world):
    _make(world, 3)
    inbox = proposal_inbox(user=world.board, per_page=2, page=2, today=TODAY)
    assert len(inbox.page) == 1
    assert inbox.total == 3


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        (S.SUBMITTED, datetime.date(2026, 3, 9), True),
        (S.RECEIVED, datetime.date(2026, 3, 9), True),
        (S.RECEIVED, TODAY, False),
        (S.RETURNED, datetime.date(2026, 3, 9), False),
        (S.SUBMITTED, None, False),
    ],
)
def test_is_overdue(world, status, due, expected):
    (proposal,) = _make(world, 1, status=status, due=due)
    assert is_overdue(proposal, today=TODAY) is expected
    assert (proposal in overdue_proposals(user=world.board, today=TODAY)) is expected


def test_proposals_of_unit_own_staff_and_submitted(world):
    own = ProposalFactory(unit=world.unit, status=S.DRAFT)
    _make(world, 2)
    rows = proposals_of_unit(user=world.officer, unit=world.unit)
    assert [p.pk for p in rows] == [own.pk]
    with pytest.raises(NotFound):
        proposals_of_unit(user=world.foreign_officer, unit=world.unit)


def test_detail_has_events_files_and_checks(world):
    proposal = ProposalFactory(unit=world.unit, status=S.DRAFT)
    detail = proposal_detail(user=world.viewer, pk=proposal.pk)
    assert detail.proposal.pk == proposal.pk
    assert detail.events == ()
    assert detail.files == ()
    assert {d.kind for d in detail.checks.documents} >= {"to_trinh"}


@pytest.mark.parametrize("pk", ["x", None, 0])
def test_get_for_user_answers_not_found_for_bad_ids(world, pk):
    with pytest.raises(NotFound):
        proposal_get_for_user(user=world.board, pk=pk)


def test_get_for_user_answers_not_found_for_another_province(world):
    proposal = ProposalFactory(unit=world.unit)
    with pytest.raises(NotFound):
        proposal_get_for_user(user=world.foreign_board, pk=proposal.pk)
