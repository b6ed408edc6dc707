"""The dashboard's selector: the state of each step of every bloc's cycle (with an injected
today), the overdue items, the registry's counts, scoping, and a query count that does not grow
with the province."""

import datetime

import pytest

from tests.factories import (
    BlocFactory,
    PersonFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from tests.reports.test_dashboard_world import (
    FLAG,
    MERIT,
    TODAY,
    WORKER,
    YEAR,
    bloc,
    board_of,
    covenant,
    decide,
    full_bloc,
    meeting,
    other_province_with_board,
    proposal,
    record,
    registrations,
    scorecards,
)
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.core.exceptions import NotFound, PermissionDeniedError
from thidua.covenants.enums import CovenantStatus, RegistrationStatus
from thidua.dossiers.models import ProposalStatus
from thidua.reports.selectors.dashboard import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    OVERDUE,
    STEPS,
    dashboard_for_user,
)
from thidua.scoring.enums import ScorecardStatus
from thidua.voting.enums import MeetingStatus, PollKind, PollStatus

pytestmark = pytest.mark.integration

BEFORE = TODAY - datetime.timedelta(days=10)
AFTER = TODAY + datetime.timedelta(days=10)


@pytest.fixture
def province(db):
    return ProvinceFactory()


@pytest.fixture
def board(province):
    return board_of(province)


def _board(user, province, *, today=TODAY, year=YEAR):
    return dashboard_for_user(user=user, province=province, year=year, today=today)


def _steps(user, province, *, today=TODAY):
    (row,) = _board(user, province, today=today).blocs
    return {step.key: step for step in row.steps}


def _states(user, province, *, today=TODAY):
    return {key: step.state for key, step in _steps(user, province, today=today).items()}


# The cycle's steps ------------------------------------------------------------------------------


def test_bloc_without_season_not_started_at_every_step(board, province):
    BlocFactory(province=province)

    steps = _steps(board, province)

    assert [steps[k].state for k in STEPS] == [NOT_STARTED] * len(STEPS)
    assert steps["covenant"].text == "Chưa mở năm thi đua"


def test_season_without_anything_not_started(board, province):
    bloc(province)

    assert _states(board, province) == dict.fromkeys(STEPS, NOT_STARTED)


@pytest.mark.parametrize(
    ("status", "signed", "signing", "state"),
    [
        (CovenantStatus.DRAFT, 0, None, IN_PROGRESS),
        (CovenantStatus.DRAFT, 0, BEFORE, OVERDUE),
        (CovenantStatus.SIGNING, 2, AFTER, IN_PROGRESS),
        (CovenantStatus.SIGNING, 2, BEFORE, OVERDUE),
        (CovenantStatus.SIGNING, 2, TODAY, IN_PROGRESS),
        (CovenantStatus.SIGNING, 3, BEFORE, DONE),
        (CovenantStatus.LOCKED, 1, BEFORE, DONE),
    ],
)
def test_covenant_step_states(board, province, status, signed, signing, state):
    world = bloc(province, 3)
    covenant(world, status=status, signed=signed, signing=signing)

    step = _steps(board, province)["covenant"]

    assert (step.state, step.done, step.total, step.due) == (state, signed, 3, signing)


def test_covenant_step_text_counts_signatures(board, province):
    world = bloc(province, 3)
    made = covenant(world, signed=2)

    step = _steps(board, province)["covenant"]

    assert step.text == "2/3 đơn vị đã ký"
    assert step.url == f"/giao-uoc/{made.pk}/"


@pytest.mark.parametrize(
    ("statuses", "deadline", "state"),
    [
        ((), AFTER, NOT_STARTED),
        ((RegistrationStatus.DRAFT,), AFTER, IN_PROGRESS),
        ((RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED), AFTER, IN_PROGRESS),
        ((RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED), BEFORE, OVERDUE),
        ((), BEFORE, OVERDUE),
        ((RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED, "approved"), BEFORE, DONE),
        (
            (RegistrationStatus.APPROVED, RegistrationStatus.RETURNED, "approved"),
            AFTER,
            IN_PROGRESS,
        ),
    ],
)
def test_registration_step_states(board, province, statuses, deadline, state):
    world = bloc(province, 3)
    covenant(world, registration=deadline)
    registrations(world, *statuses)

    assert _states(board, province)["registration"] == state


def test_registration_step_counts_sent_and_approved(board, province):
    world = bloc(province, 3)
    covenant(world)
    registrations(
        world, RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED, RegistrationStatus.DRAFT
    )

    step = _steps(board, province)["registration"]

    assert (step.done, step.total) == (2, 3)
    assert step.text == "2/3 đơn vị đã đăng ký, 1 đã duyệt"


@pytest.mark.parametrize(
    ("statuses", "scoring", "objection", "state"),
    [
        ((ScorecardStatus.DRAFT,), AFTER, AFTER, IN_PROGRESS),
        ((ScorecardStatus.DRAFT, "submitted", "submitted"), BEFORE, AFTER, OVERDUE),
        (("submitted", "reviewed", "objection"), BEFORE, AFTER, DONE),
        (("submitted", "final", "final"), BEFORE, BEFORE, OVERDUE),
        (("final", "final", "final"), BEFORE, BEFORE, DONE),
    ],
)
def test_scoring_step_states(board, province, statuses, scoring, objection, state):
    world = bloc(province, 3)
    covenant(world, scoring=scoring, objection=objection)
    scorecards(world, *statuses)

    step = _steps(board, province)["scoring"]

    assert step.state == state


def test_scoring_step_overdue_after_objections_gives_that_deadline(board, province):
    world = bloc(province, 2)
    covenant(world, scoring=BEFORE - datetime.timedelta(days=5), objection=BEFORE)
    scorecards(world, ScorecardStatus.SUBMITTED, ScorecardStatus.FINAL)

    step = _steps(board, province)["scoring"]

    assert (step.state, step.due) == (OVERDUE, BEFORE)
    assert step.text == "2/2 đơn vị đã nộp bảng tự chấm, 1 chính thức"


@pytest.mark.parametrize(
    ("held_on", "status", "polls", "state"),
    [
        (AFTER, MeetingStatus.PLANNED, (), IN_PROGRESS),
        (BEFORE, MeetingStatus.IN_PROGRESS, ((PollKind.NOMINATION, PollStatus.OPEN),), OVERDUE),
        (BEFORE, MeetingStatus.CLOSED, ((PollKind.NOMINATION, PollStatus.OPEN),), OVERDUE),
        (
            BEFORE,
            MeetingStatus.CLOSED,
            ((PollKind.NOMINATION, PollStatus.CLOSED), (PollKind.NOMINATION, PollStatus.CANCELLED)),
            DONE,
        ),
    ],
)
def test_meeting_step_states(board, province, held_on, status, polls, state):
    world = bloc(province)
    meeting(world, held_on=held_on, status=status, polls=polls)

    assert _states(board, province)["meeting"] == state


def test_meeting_step_text_says_polls_and_leader_election(board, province):
    world = bloc(province)
    meeting(
        world,
        held_on=datetime.date(2024, 12, 5),
        status=MeetingStatus.CLOSED,
        polls=((PollKind.NOMINATION, PollStatus.CLOSED), (PollKind.LEADER, PollStatus.CLOSED)),
    )

    step = _steps(board, province, today=datetime.date(2024, 12, 31))["meeting"]

    assert step.state == DONE
    assert step.text == (
        "Họp ngày 05/12/2024 (Đã kết thúc); 2/2 cuộc bỏ phiếu đã kết thúc; "
        "đã bầu trưởng khối năm sau"
    )


def test_dossiers_step_in_progress_while_a_proposal_is_with_its_unit(board, province):
    world = bloc(province)
    proposal(world, 0, ProposalStatus.DRAFT)
    proposal(world, 1, ProposalStatus.RECEIVED, due_at=AFTER)
    proposal(world, 2, ProposalStatus.WITHDRAWN)

    board_view = _board(board, province)
    step = {s.key: s for s in board_view.blocs[0].steps}["dossiers"]

    assert (step.state, step.done, step.total) == (IN_PROGRESS, 1, 2)
    assert board_view.blocs[0].proposal_statuses == (
        ("draft", "Dự thảo", 1),
        ("received", "Đã tiếp nhận", 1),
        ("withdrawn", "Đã rút", 1),
    )


def test_dossiers_step_done_when_every_proposal_filed(board, province):
    world = bloc(province)
    proposal(world, 0, ProposalStatus.SUBMITTED, due_at=AFTER)
    proposal(world, 1, ProposalStatus.REJECTED)

    assert _states(board, province)["dossiers"] == DONE


def test_dossiers_step_overdue_when_a_proposal_waits_past_its_due_date(board, province):
    world = bloc(province)
    proposal(world, 0, ProposalStatus.SUBMITTED, due_at=BEFORE)
    proposal(world, 1, ProposalStatus.VALID, due_at=TODAY)

    step = _steps(board, province)["dossiers"]

    assert (step.state, step.due) == (OVERDUE, BEFORE)
    assert step.text == "2/2 đề nghị đã trình Ban, 1 quá hạn xử lý"


def test_decisions_step_states(board, province):
    world = bloc(province)
    approved = proposal(world, 0, ProposalStatus.APPROVED)
    proposal(world, 1, ProposalStatus.NOT_APPROVED)
    assert _states(board, province)["decisions"] == IN_PROGRESS

    decide(province, approved)

    step = _steps(board, province)["decisions"]
    assert (step.state, step.done, step.total) == (DONE, 1, 1)
    assert step.text == "1/1 đề nghị đã có quyết định (1 quyết định)"


def test_decisions_step_counts_distinct_decisions(board, province):
    world = bloc(province)
    first, second, third = (proposal(world, i, ProposalStatus.APPROVED) for i in range(3))
    decide(province, first, second)
    decide(province, third)

    step = _steps(board, province)["decisions"]

    assert step.text == "3/3 đề nghị đã có quyết định (2 quyết định)"


def test_decisions_step_not_started_before_any_approval(board, province):
    world = bloc(province)
    proposal(world, 0, ProposalStatus.SUBMITTED, due_at=AFTER)

    assert _states(board, province)["decisions"] == NOT_STARTED


def test_step_states_counted_per_step(board, province):
    done = bloc(province, 2)
    covenant(done, signed=2)
    late = bloc(province, 2)
    covenant(late, signed=1, signing=BEFORE)
    bloc(province, 2)

    states = _board(board, province).step_states["covenant"]

    assert states == {DONE: 1, OVERDUE: 1, NOT_STARTED: 1, IN_PROGRESS: 0}


def test_other_years_seasons_not_shown(board, province):
    world = bloc(province, year=YEAR - 1)
    covenant(world, signed=3)

    assert _states(board, province)["covenant"] == NOT_STARTED


# Overdue items ----------------------------------------------------------------------------------


def test_overdue_lists_late_steps_and_proposals_most_overdue_first(board, province):
    world = bloc(province, 3)
    covenant(world, signed=3, registration=datetime.date(2024, 3, 1))
    late = proposal(world, 0, ProposalStatus.RECEIVED, due_at=datetime.date(2024, 6, 1))
    proposal(world, 1, ProposalStatus.SUBMITTED, due_at=AFTER)
    lone_unit = UnitFactory(province=province)
    lone = proposal(world, 2, ProposalStatus.SUBMITTED, due_at=datetime.date(2024, 5, 1))
    lone.season = None
    lone.unit = lone_unit
    lone.save()

    items = _board(board, province).overdue

    assert [(i.kind, i.due, i.days_late, i.proposal_id) for i in items] == [
        ("registration", datetime.date(2024, 3, 1), 106, None),
        ("proposal", datetime.date(2024, 5, 1), 45, lone.pk),
        ("proposal", datetime.date(2024, 6, 1), 14, late.pk),
    ]
    assert [i.bloc for i in items] == [world.season.bloc, None, world.season.bloc]
    assert items[0].title == "Đăng ký thi đua"
    assert items[2].title == "Cờ thi đua của UBND tỉnh"
    assert items[2].url == f"/de-nghi/{late.pk}/"


def test_overdue_leaves_out_other_years_and_provinces(board, province):
    world = bloc(province)
    proposal(world, 0, ProposalStatus.SUBMITTED, due_at=BEFORE).__class__.objects.filter(
        pk=world.proposals[0].pk
    ).update(year=YEAR - 1)
    foreign = bloc(ProvinceFactory())
    proposal(foreign, 0, ProposalStatus.SUBMITTED, due_at=BEFORE)

    assert _board(board, province).overdue == ()


def test_nothing_overdue_when_today_is_before_every_date(board, province):
    full_bloc(province)

    assert _board(board, province, today=datetime.date(2024, 1, 1)).overdue == ()


# Award counts -----------------------------------------------------------------------------------


def test_award_counts_by_type_and_year(board, province):
    unit = UnitFactory(province=province)
    record(unit=unit, award_type=FLAG, year=YEAR)
    record(unit=unit, award_type=FLAG, year=YEAR - 9)
    record(unit=unit, award_type=FLAG, year=YEAR - 10)  # outside the ten years
    record(unit=unit, award_type=FLAG, year=YEAR, revoked=True)
    record(person=PersonFactory(unit=unit), award_type=WORKER, year=YEAR - 1)
    record(unit=unit, award_type="khong_co_trong_danh_muc", year=YEAR)
    record(unit=UnitFactory(), award_type=FLAG, year=YEAR)  # another province

    awards = _board(board, province).awards

    assert awards.years == tuple(range(YEAR - 9, YEAR + 1))
    rows = {row.code: (row.name, row.category, row.counts) for row in awards.by_type}
    assert rows == {
        FLAG: ("Cờ thi đua của UBND tỉnh", "title", (1, 0, 0, 0, 0, 0, 0, 0, 0, 1)),
        WORKER: ("Lao động tiên tiến", "title", (0, 0, 0, 0, 0, 0, 0, 0, 1, 0)),
        "khong_co_trong_danh_muc": ("khong_co_trong_danh_muc", "", (0,) * 9 + (1,)),
    }
    assert [row.code for row in awards.by_type][-1] == "khong_co_trong_danh_muc"
    assert awards.year_totals == (1, 0, 0, 0, 0, 0, 0, 0, 1, 2)
    assert awards.category_totals("title") == (1, 0, 0, 0, 0, 0, 0, 0, 1, 1)
    assert awards.grand_total == 4


def test_award_counts_include_provinces_merged_into_the_province(board, province):
    old = ProvinceFactory(merged_into=province)
    record(unit=UnitFactory(province=old), award_type=FLAG, year=YEAR - 3)

    (row,) = _board(board, province).awards.by_type

    assert row.counts[6] == 1


def test_award_counts_by_bloc_follow_the_years_membership(board, province):
    first = bloc(province, 2)
    second = bloc(province, 1)
    moved = first.units[1]
    older = SeasonFactory(bloc=second.season.bloc, year=YEAR - 1)
    SeasonMembershipFactory(season=older, unit=moved)  # in the second bloc the year before
    record(unit=first.units[0], award_type=FLAG)
    record(unit=moved, award_type=MERIT)
    record(person=PersonFactory(unit=moved), award_type=WORKER)
    record(person=PersonFactory(unit=moved), award_type=WORKER)
    record(unit=second.units[0], award_type=MERIT, year=YEAR - 1)  # another year
    record(unit=second.units[0], award_type=MERIT, revoked=True)
    record(unit=UnitFactory(province=province), award_type=FLAG)  # in no bloc

    awards = _board(board, province).awards

    assert awards.bloc_columns == (
        (FLAG, "Cờ thi đua của UBND tỉnh"),
        (MERIT, "Bằng khen của Chủ tịch UBND tỉnh"),
        (WORKER, "Lao động tiên tiến"),
    )
    assert {row.bloc: row.counts for row in awards.by_bloc} == {
        first.season.bloc: (1, 1, 2),
        second.season.bloc: (0, 0, 0),
    }


def test_award_counts_unit_in_two_blocs_counts_in_each(board, province):
    first = bloc(province, 1)
    cluster = SeasonFactory(bloc=BlocFactory(province=province, kind="cluster"), year=YEAR)
    SeasonMembershipFactory(season=cluster, unit=first.units[0])
    record(unit=first.units[0], award_type=FLAG)

    awards = _board(board, province).awards

    assert sorted(row.total for row in awards.by_bloc) == [1, 1]


# Scope -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.BOARD_ADMIN, Role.VIEWER, Role.UNIT_OFFICER])
def test_every_role_of_the_province_reads_the_dashboard(province, role):
    unit = UnitFactory(province=province)
    user = UserFactory(role=role, province=province, unit=unit)
    full_bloc(province)

    board_view = _board(user, province)

    assert len(board_view.blocs) == 1


def test_other_provinces_board_gets_not_found(province):
    full_bloc(province)
    _other, foreign_board = other_province_with_board()

    with pytest.raises(NotFound):
        _board(foreign_board, province)


def test_inactive_user_refused(province):
    user = UserFactory(role=Role.BOARD_ADMIN, province=province, is_active=False)

    with pytest.raises((NotFound, PermissionDeniedError)):
        _board(user, province)


# Queries ---------------------------------------------------------------------------------------


def _queries(user, province, django_assert_num_queries, expected):
    user = User.objects.get(pk=user.pk)  # no cached scope: count its queries as a page would
    with django_assert_num_queries(expected):
        board_view = _board(user, province)
    return board_view


def test_query_count_same_for_one_and_five_full_blocs(board, province, django_assert_num_queries):
    full_bloc(province, 2)
    one = _queries(board, province, django_assert_num_queries, 13)
    for _ in range(4):
        full_bloc(province, 6)
    BlocFactory(province=province)  # and one without a season

    five = _queries(board, province, django_assert_num_queries, 13)

    assert (len(one.blocs), len(five.blocs)) == (1, 6)
    assert five.awards.grand_total > one.awards.grand_total


@pytest.mark.parametrize(
    ("role", "inbox"), [(Role.BOARD_ADMIN, True), (Role.VIEWER, False), (Role.UNIT_OFFICER, False)]
)
def test_dossiers_step_links_the_inbox_for_the_board_only(province, role, inbox):
    user = UserFactory(role=role, province=province, unit=UnitFactory(province=province))
    world = bloc(province)
    proposal(world, 0, ProposalStatus.SUBMITTED, due_at=AFTER)

    url = _steps(user, province)["dossiers"].url

    season = world.season
    assert url == (
        f"/ho-so-de-nghi/?khoi={season.bloc_id}&nam={YEAR}"
        if inbox
        else f"/nam-thi-dua/{season.pk}/"
    )
