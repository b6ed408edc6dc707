"""The meeting's write operations through the services: setup under the rulebook, voting online
and on paper (double entry), closing, and what a closed poll changes."""

import datetime

import pytest

from tests.factories import UserFactory
from tests.factories.voting import meeting_world
from thidua.accounts.enums import Role
from thidua.core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from thidua.dossiers.models import Proposal
from thidua.org.models import Season
from thidua.scoring.models import Exclusion
from thidua.voting import services
from thidua.voting.enums import MeetingStatus, PollStatus, SheetStatus
from thidua.voting.models import Ballot, Candidate, Voter

pytestmark = pytest.mark.django_db

CO_TINH = "co_thi_dua_ubnd_tinh"
CO_CP = "co_thi_dua_chinh_phu"
BANG_KHEN = "bang_khen_chu_tich_ubnd_tinh"


def _ids(poll, *indexes):
    candidates = list(poll.candidates.order_by("order"))
    return [candidates[i].pk for i in indexes]


def _open(world, poll, **kwargs):
    return services.poll_open(actor=world.board, poll=poll, **kwargs)


@pytest.fixture
def world():
    return meeting_world(5)


# --- meeting -----------------------------------------------------------------------------------


def test_meeting_create_records_every_member_absent_and_refuses_a_second(world):
    assert world.meeting.attendances.count() == 5
    assert world.meeting.history.count() == 1
    with pytest.raises(Conflict) as exc:
        services.meeting_create(
            actor=world.board, season=world.season, held_on=datetime.date(2023, 12, 2)
        )
    assert exc.value.code == "meeting_exists"


def test_meeting_create_allowed_to_leader_officer_not_to_a_member():
    w = meeting_world(3)
    season = Season.objects.create(bloc=w.season.bloc, year=2024, leader=w.units[0])
    season.memberships.create(unit=w.units[0])
    with pytest.raises(PermissionDeniedError):
        services.meeting_create(actor=w.officer(1), season=season, held_on=datetime.date.today())
    meeting = services.meeting_create(
        actor=w.leader_officer, season=season, held_on=datetime.date(2024, 12, 1)
    )
    assert "2024" in meeting.title


def test_meeting_of_another_province_is_not_found(world):
    with pytest.raises(NotFound):
        services.meeting_update(actor=world.foreign_board, meeting=world.meeting, place="X")


def test_attendance_of_a_non_member_is_refused(world):
    with pytest.raises(ValidationFailed) as exc:
        services.attendance_set(
            actor=world.board, meeting=world.meeting, unit=world.outsider.unit, present=True
        )
    assert exc.value.code == "not_a_member"


def test_meeting_end_refused_while_a_poll_is_open(world):
    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=CO_TINH
    )
    _open(world, poll)
    with pytest.raises(Conflict) as exc:
        services.meeting_end(actor=world.board, meeting=world.meeting)
    assert exc.value.code == "poll_open"
    services.poll_close(actor=world.board, poll=poll)
    meeting = services.meeting_end(actor=world.board, meeting=world.meeting)
    assert meeting.status == MeetingStatus.CLOSED


# --- setup under the rulebook ------------------------------------------------------------------


def test_poll_create_copies_the_rules_with_their_citations(world):
    poll = services.poll_create(
        actor=world.leader_officer, meeting=world.meeting, kind="nomination", award_type=CO_TINH
    )
    assert poll.status == PollStatus.DRAFT
    assert poll.rule_ids["threshold"]["id"]
    assert poll.rule_ids["threshold"]["citation"]
    assert poll.candidates.count() == 5
    assert "Cờ thi đua" in poll.title


def test_unknown_award_type_is_refused(world):
    with pytest.raises(ValidationFailed) as exc:
        services.poll_create(
            actor=world.board, meeting=world.meeting, kind="nomination", award_type="huy_chuong_x"
        )
    assert exc.value.code == "unknown_award_type"


def test_a_quota_of_an_uncertain_rule_warns_and_needs_a_recorded_reason(world):
    with pytest.raises(Conflict) as exc:
        services.poll_create(
            actor=world.board,
            meeting=world.meeting,
            kind="nomination",
            award_type=CO_TINH,
            seats=2,
        )
    assert exc.value.code == "needs_override_reason"
    findings = exc.value.details["findings"]
    assert any(f["rule_id"] == "BLK-09" for f in findings)
    poll = services.poll_create(
        actor=world.board,
        meeting=world.meeting,
        kind="nomination",
        award_type=CO_TINH,
        seats=2,
        override_reason="Quy chế khối năm 2023 cho phép hai cờ",
    )
    assert poll.override_reason == "Quy chế khối năm 2023 cho phép hai cờ"
    assert poll.warnings and poll.warnings[0]["rule_id"] == "BLK-09"


def test_more_seats_than_members_is_refused_outright(world):
    with pytest.raises(Conflict) as exc:
        services.poll_create(
            actor=world.board,
            meeting=world.meeting,
            kind="nomination",
            award_type=BANG_KHEN,
            seats=6,
            override_reason="x",
        )
    assert exc.value.code == "seats_exceed_members"


def test_excluded_unit_is_listed_but_not_selectable(world):
    Exclusion.objects.create(
        season=world.season,
        unit=world.units[2],
        rule_id="GEN-03",
        reason="Đang bị thanh tra có dấu hiệu vi phạm",
        recorded_by=world.board,
    )
    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=BANG_KHEN, seats=2
    )
    candidate = poll.candidates.get(unit=world.units[2])
    assert candidate.selectable is False
    assert candidate.exclusion_rule == "GEN-03"
    _open(world, poll)
    with pytest.raises(ValidationFailed) as exc:
        services.ballot_cast(actor=world.officer(1), poll=poll, choices=[candidate.pk])
    assert exc.value.code == "invalid_choice"


def test_member_officer_cannot_set_up_polls(world):
    with pytest.raises(PermissionDeniedError):
        services.poll_create(
            actor=world.officer(2), meeting=world.meeting, kind="nomination", award_type=CO_TINH
        )


def test_quorum_not_met_warns_and_is_recorded():
    w = meeting_world(5, present=2)
    poll = services.poll_create(
        actor=w.board, meeting=w.meeting, kind="nomination", award_type=CO_TINH
    )
    with pytest.raises(Conflict) as exc:
        services.poll_open(actor=w.board, poll=poll)
    assert exc.value.code == "needs_override_reason"
    poll = services.poll_open(
        actor=w.board, poll=poll, override_reason="Ba đơn vị gửi ý kiến bằng văn bản"
    )
    assert poll.status == PollStatus.OPEN
    assert poll.present_count == 2 and poll.members_count == 5
    assert "văn bản" in poll.override_reason


def test_paper_needs_enough_keyers_for_double_entry():
    w = meeting_world(3, keyers=1)
    poll = services.poll_create(
        actor=w.board, meeting=w.meeting, kind="nomination", award_type=CO_TINH
    )
    with pytest.raises(Conflict) as exc:
        services.poll_open(actor=w.board, poll=poll)
    assert exc.value.code == "committee_too_small"
    services.poll_update(actor=w.board, poll=poll, entries_required=1)
    assert services.poll_open(actor=w.board, poll=poll).status == PollStatus.OPEN


# --- voting online -----------------------------------------------------------------------------


def test_online_vote_gives_a_receipt_once_and_refuses_a_second_vote(world):
    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=CO_TINH
    )
    _open(world, poll)
    receipt = services.ballot_cast(actor=world.officer(1), poll=poll, choices=_ids(poll, 0))
    assert len(receipt) == 14 and receipt.count("-") == 2
    assert Ballot.objects.get(poll=poll).receipt == receipt
    assert Voter.objects.get(poll=poll, unit=world.units[1]).has_voted
    with pytest.raises(Conflict) as exc:
        services.ballot_cast(actor=world.officer(1), poll=poll, choices=[])
    assert exc.value.code == "already_voted"
    # another officer of the same unit: the right is the unit's, not the person's
    colleague = UserFactory(role=Role.UNIT_OFFICER, unit=world.units[1], province=world.province)
    with pytest.raises(Conflict):
        services.ballot_cast(actor=colleague, poll=poll, choices=[])
    assert Ballot.objects.filter(poll=poll).count() == 1


@pytest.mark.parametrize(
    ("choices", "code"),
    [
        ([0, 1], "too_many_choices"),
        ("abc", "invalid_choice"),
        ([True], "invalid_choice"),
        ([999999], "invalid_choice"),
    ],
)
def test_bad_online_ballots_are_refused_and_nothing_is_stored(world, choices, code):
    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=CO_TINH
    )
    _open(world, poll)
    if choices == [0, 1]:
        choices = _ids(poll, 0, 1)
    with pytest.raises(ValidationFailed) as exc:
        services.ballot_cast(actor=world.officer(2), poll=poll, choices=choices)
    assert exc.value.code == code
    assert not Ballot.objects.filter(poll=poll).exists()
    assert not Voter.objects.get(poll=poll, unit=world.units[2]).has_voted


def test_a_repeated_choice_is_refused(world):
    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=BANG_KHEN, seats=2
    )
    _open(world, poll)
    (first,) = _ids(poll, 0)
    with pytest.raises(ValidationFailed):
        services.ballot_cast(actor=world.officer(2), poll=poll, choices=[first, first])


def test_no_vote_before_opening_after_closing_or_from_another_bloc(world):
    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=CO_TINH
    )
    with pytest.raises(Conflict) as exc:
        services.ballot_cast(actor=world.officer(1), poll=poll, choices=[])
    assert exc.value.code == "poll_not_open"
    _open(world, poll)
    with pytest.raises(PermissionDeniedError):
        services.ballot_cast(actor=world.outsider, poll=poll, choices=[])
    with pytest.raises(PermissionDeniedError):
        services.ballot_cast(actor=world.board, poll=poll, choices=[])
    with pytest.raises(NotFound):
        services.ballot_cast(actor=world.foreign_board, poll=poll, choices=[])
    services.poll_close(actor=world.board, poll=poll)
    with pytest.raises(Conflict) as exc:
        services.ballot_cast(actor=world.officer(1), poll=poll, choices=[])
    assert exc.value.code == "poll_not_open"


def test_online_refused_for_a_paper_only_poll(world):
    poll = services.poll_create(
        actor=world.board,
        meeting=world.meeting,
        kind="nomination",
        award_type=CO_TINH,
        allow_online=False,
    )
    _open(world, poll)
    with pytest.raises(Conflict) as exc:
        services.ballot_cast(actor=world.officer(1), poll=poll, choices=[])
    assert exc.value.code == "online_not_allowed"


# --- paper ballots, double entry ---------------------------------------------------------------


def _paper_poll(world, **kwargs):
    poll = services.poll_create(
        actor=world.board,
        meeting=world.meeting,
        kind="nomination",
        award_type=BANG_KHEN,
        seats=2,
        **kwargs,
    )
    _open(world, poll)
    return poll


def test_paper_ballot_stands_when_two_keyers_agree(world):
    poll = _paper_poll(world)
    assert services.paper_issue(actor=world.keyers[0], poll=poll, units=world.units[2:4]) == 2
    k1, k2 = world.keyers
    choice = _ids(poll, 0, 1)
    sheet = services.paper_key(actor=k1, poll=poll, number=1, choices=choice)
    assert sheet.status == SheetStatus.PENDING and not Ballot.objects.filter(poll=poll).exists()
    with pytest.raises(Conflict) as exc:
        services.paper_key(actor=k1, poll=poll, number=1, choices=choice)
    assert exc.value.code == "already_keyed"
    sheet = services.paper_key(actor=k2, poll=poll, number=1, choices=list(reversed(choice)))
    assert sheet.status == SheetStatus.AGREED
    ballot = Ballot.objects.get(poll=poll)
    assert ballot.receipt == "P-001" and ballot.channel == "paper"
    with pytest.raises(Conflict) as exc:
        services.paper_key(actor=world.board, poll=poll, number=1, choices=choice)
    assert exc.value.code == "sheet_complete"


def test_paper_entries_that_differ_wait_for_a_resolution_and_block_closing(world):
    poll = _paper_poll(world)
    services.paper_issue(actor=world.board, poll=poll, units=world.units[2:3])
    k1, k2 = world.keyers
    services.paper_key(actor=k1, poll=poll, number=1, choices=_ids(poll, 0))
    sheet = services.paper_key(actor=k2, poll=poll, number=1, choices=_ids(poll, 1))
    assert sheet.status == SheetStatus.CONFLICT
    assert not Ballot.objects.filter(poll=poll).exists()
    with pytest.raises(Conflict) as exc:
        services.poll_close(actor=world.board, poll=poll)
    assert exc.value.code == "paper_pending"
    with pytest.raises(PermissionDeniedError):
        services.paper_resolve(actor=k1, sheet=sheet, choices=_ids(poll, 0), note="x")
    with pytest.raises(ValidationFailed):
        services.paper_resolve(
            actor=world.leader_officer, sheet=sheet, choices=_ids(poll, 0), note=""
        )
    sheet = services.paper_resolve(
        actor=world.leader_officer,
        sheet=sheet,
        choices=_ids(poll, 0),
        note="Đối chiếu phiếu gốc: chọn đơn vị thứ nhất",
    )
    assert sheet.status == SheetStatus.AGREED
    assert Ballot.objects.get(poll=poll).choices == _ids(poll, 0)


def test_paper_sheet_numbers_stay_within_the_ballots_issued(world):
    poll = _paper_poll(world)
    services.paper_issue(actor=world.board, poll=poll, units=world.units[2:3])
    with pytest.raises(ValidationFailed) as exc:
        services.paper_key(actor=world.keyers[0], poll=poll, number=2, choices=[])
    assert exc.value.code == "invalid_sheet_number"


def test_paper_only_to_present_delegates_who_have_not_voted():
    w = meeting_world(4, present=3)
    poll = services.poll_create(
        actor=w.board, meeting=w.meeting, kind="nomination", award_type=CO_TINH
    )
    services.poll_open(actor=w.board, poll=poll, override_reason="đủ theo quy chế khối")
    with pytest.raises(ValidationFailed) as exc:
        services.paper_issue(actor=w.board, poll=poll, units=[w.units[3]])
    assert exc.value.code == "not_present"
    services.ballot_cast(actor=w.officer(1), poll=poll, choices=[])
    with pytest.raises(Conflict) as exc:
        services.paper_issue(actor=w.board, poll=poll, units=[w.units[1]])
    assert exc.value.code == "already_voted"
    services.paper_issue(actor=w.board, poll=poll, units=[w.units[2]])
    with pytest.raises(Conflict):
        services.ballot_cast(actor=w.officer(2), poll=poll, choices=[])


def test_a_keyer_outside_the_committee_is_refused(world):
    poll = _paper_poll(world)
    services.paper_issue(actor=world.board, poll=poll, units=world.units[2:3])
    with pytest.raises(PermissionDeniedError):
        services.paper_key(actor=world.officer(3), poll=poll, number=1, choices=[])


# --- closing and outcomes ----------------------------------------------------------------------


def test_online_and_paper_ballots_count_in_one_tally_and_create_proposals(world):
    poll = _paper_poll(world)
    top = _ids(poll, 0, 1)
    for i in (0, 1, 2):
        services.ballot_cast(actor=world.officer(i), poll=poll, choices=top)
    services.paper_issue(actor=world.board, poll=poll, units=world.units[3:5])
    for keyer in world.keyers:
        services.paper_key(actor=keyer, poll=poll, number=1, choices=top)
        services.paper_key(actor=keyer, poll=poll, number=2, choices=top[:1])
    poll = services.poll_close(actor=world.leader_officer, poll=poll)
    result = poll.result
    assert (result["cast"], result["valid"], result["issued"]) == (5, 5, 5)
    votes = {c["id"]: c["votes"] for c in result["candidates"]}
    assert votes[top[0]] == 5 and votes[top[1]] == 4
    assert sorted(result["elected"]) == sorted(top)
    assert len(poll.ballot_list_hash) == 64
    proposals = Proposal.objects.filter(source_poll=poll)
    assert {p.unit_id for p in proposals} == {world.units[0].pk, world.units[1].pk} or {
        p.unit_id for p in proposals
    } == {Candidate.objects.get(pk=i).unit_id for i in top}
    assert all(p.award_type == BANG_KHEN and p.year == 2023 for p in proposals)
    assert all(p.history.exists() for p in proposals)


def test_below_threshold_nobody_passes_and_no_proposal(world):
    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=CO_TINH
    )
    _open(world, poll)
    first = _ids(poll, 0)
    services.ballot_cast(actor=world.officer(0), poll=poll, choices=first)
    services.ballot_cast(actor=world.officer(1), poll=poll, choices=first)
    poll = services.poll_close(actor=world.board, poll=poll)
    assert poll.result["elected"] == []
    assert not Proposal.objects.filter(source_poll=poll).exists()


def test_leader_and_deputy_election_set_next_season(world):
    leader_poll = services.poll_create(actor=world.board, meeting=world.meeting, kind="leader")
    warned = leader_poll.candidates.get(unit=world.units[0])
    assert "BLK-05" in warned.warning and warned.selectable
    _open(world, leader_poll)
    choice = list(leader_poll.candidates.filter(unit=world.units[3]).values_list("pk", flat=True))
    for i in range(5):
        services.ballot_cast(actor=world.officer(i), poll=leader_poll, choices=choice)
    services.poll_close(actor=world.board, poll=leader_poll)
    following = Season.objects.get(bloc=world.season.bloc, year=2024)
    assert following.leader_id == world.units[3].pk
    assert following.memberships.count() == 5

    deputy_poll = services.poll_create(actor=world.board, meeting=world.meeting, kind="deputy")
    elected_leader = deputy_poll.candidates.get(unit=world.units[3])
    assert not elected_leader.selectable and elected_leader.exclusion_rule == "BLK-04"
    _open(world, deputy_poll)
    choice = list(deputy_poll.candidates.filter(unit=world.units[4]).values_list("pk", flat=True))
    for i in range(4):
        services.ballot_cast(actor=world.officer(i), poll=deputy_poll, choices=choice)
    services.poll_close(actor=world.board, poll=deputy_poll)
    following.refresh_from_db()
    assert (following.leader_id, following.deputy_id) == (world.units[3].pk, world.units[4].pk)
    assert following.history.filter(history_change_reason="poll_close").exists()


def test_second_leader_election_is_refused(world):
    services.poll_create(actor=world.board, meeting=world.meeting, kind="leader")
    with pytest.raises(Conflict) as exc:
        services.poll_create(actor=world.board, meeting=world.meeting, kind="leader")
    assert exc.value.code == "election_exists"


def test_a_tie_at_the_last_seat_needs_a_runoff_among_the_tied(world):
    poll = services.poll_create(actor=world.board, meeting=world.meeting, kind="leader")
    _open(world, poll)
    a, b = _ids(poll, 1, 2)
    for i, choice in zip(range(4), [a, b, a, b], strict=True):
        services.ballot_cast(actor=world.officer(i), poll=poll, choices=[choice])
    # threshold: more than half of ballots cast (4) → 3 needed: nobody passes, no tie to settle
    poll = services.poll_close(actor=world.board, poll=poll)
    assert poll.result["elected"] == []
    with pytest.raises(Conflict) as exc:
        services.poll_runoff(actor=world.board, poll=poll)
    assert exc.value.code == "no_tie"


def test_runoff_of_a_tie_at_the_last_seat(world):
    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=BANG_KHEN, seats=2
    )
    _open(world, poll)
    a, b, c = _ids(poll, 0, 1, 2)
    ballots = [[a, b], [a, c], [a, b], [a, c], [b, c]]  # a 4, b 3, c 3: all pass 3 of 5
    for i, choice in enumerate(ballots):
        services.ballot_cast(actor=world.officer(i), poll=poll, choices=choice)
    poll = services.poll_close(actor=world.board, poll=poll)
    assert poll.result["elected"] == [a]
    assert sorted(poll.result["tied"]) == sorted([b, c])
    assert poll.result["seats_left"] == 1
    assert (
        list(Proposal.objects.filter(source_poll=poll).values_list("unit_id", flat=True))
        == [world.units[0].pk]
        or Proposal.objects.filter(source_poll=poll).count() == 1
    )
    runoff = services.poll_runoff(actor=world.board, poll=poll)
    assert runoff.seats == 1 and runoff.runoff_of_id == poll.pk
    assert sorted(runoff.candidates.values_list("unit_id", flat=True)) == sorted(
        Candidate.objects.filter(pk__in=[b, c]).values_list("unit_id", flat=True)
    )
    with pytest.raises(Conflict) as exc:
        services.poll_runoff(actor=world.board, poll=poll)
    assert exc.value.code == "runoff_exists"
    _open(world, runoff)
    rb = runoff.candidates.get(unit_id=Candidate.objects.get(pk=b).unit_id).pk
    for i in range(3):
        services.ballot_cast(actor=world.officer(i), poll=runoff, choices=[rb])
    runoff = services.poll_close(actor=world.board, poll=runoff)
    assert runoff.result["elected"] == [rb]
    assert Proposal.objects.filter(source_poll=runoff).count() == 1


def test_cancel_discards_ballots_and_keeps_a_reason(world):
    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=CO_TINH
    )
    _open(world, poll)
    services.ballot_cast(actor=world.officer(1), poll=poll, choices=[])
    with pytest.raises(ValidationFailed):
        services.poll_cancel(actor=world.board, poll=poll, reason=" ")
    poll = services.poll_cancel(actor=world.board, poll=poll, reason="Lập sai danh sách")
    assert poll.status == PollStatus.CANCELLED
    assert not Ballot.objects.filter(poll=poll).exists()


def test_candidates_can_be_changed_only_in_draft(world):
    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=BANG_KHEN, seats=2
    )
    candidate = poll.candidates.get(unit=world.units[4])
    services.candidate_remove(actor=world.board, candidate=candidate)
    assert poll.candidates.count() == 4
    with pytest.raises(ValidationFailed):
        services.candidate_add(actor=world.board, poll=poll, unit=world.outsider.unit)
    services.candidate_add(actor=world.board, poll=poll, unit=world.units[4])
    with pytest.raises(Conflict):
        services.candidate_add(actor=world.board, poll=poll, unit=world.units[4])
    _open(world, poll)
    with pytest.raises(Conflict):
        services.candidate_remove(
            actor=world.board, candidate=poll.candidates.get(unit=world.units[4])
        )


def test_the_leader_sees_what_was_keyed_on_a_conflicting_sheet_to_settle_it(world):
    from thidua.voting.selectors import paper_sheets

    poll = _paper_poll(world)
    services.paper_issue(actor=world.board, poll=poll, units=world.units[2:3])
    k1, k2 = world.keyers
    services.paper_key(actor=k1, poll=poll, number=1, choices=_ids(poll, 0))
    pending = paper_sheets(user=k2, poll=poll)
    assert pending[0].entry_choices == []  # blind: the second keyer does not see the first entry
    services.paper_key(actor=k2, poll=poll, number=1, choices=_ids(poll, 1))
    (row,) = paper_sheets(user=world.leader_officer, poll=poll)
    assert row.status == SheetStatus.CONFLICT and len(row.entry_choices) == 2
    with pytest.raises(PermissionDeniedError):
        paper_sheets(user=world.officer(3), poll=poll)


def test_threshold_text_names_the_rule_with_a_vietnamese_percentage(world):
    from thidua.voting.selectors import poll_result

    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=CO_TINH
    )
    _open(world, poll)
    poll = services.poll_close(actor=world.board, poll=poll)
    text = poll_result(user=world.officer(2), poll=poll).threshold_text
    assert text.startswith("trên 50% tổng số thành viên (cần 3/5 phiếu) – VOT-13")


def test_meeting_times_can_be_recorded_afterwards_for_the_minutes(world):
    import zoneinfo

    zone = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    start = datetime.datetime(2023, 12, 1, 14, 0, tzinfo=zone)
    end = datetime.datetime(2023, 12, 1, 16, 30, tzinfo=zone)
    meeting = services.meeting_update(
        actor=world.board, meeting=world.meeting, started_at=start, ended_at=end
    )
    assert (meeting.started_at, meeting.ended_at) == (start, end)
    with pytest.raises(ValidationFailed):
        services.meeting_update(actor=world.board, meeting=meeting, ended_at=start, started_at=end)
    with pytest.raises(ValidationFailed):
        services.meeting_update(
            actor=world.board, meeting=meeting, started_at=datetime.datetime(2023, 12, 1, 14, 0)
        )
