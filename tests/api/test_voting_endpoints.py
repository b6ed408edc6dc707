"""The voting API's refusals and edges: one vote per unit, no vote outside an open poll or a
foreign bloc, quotas with their findings, no result before closing, run-offs, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.voting_world import (
    BANG_KHEN,
    CO_TINH,
    candidate_ids,
    closed_poll,
    draft_poll,
    open_poll,
    paper_poll,
    tied_poll,
    voting_world,
)
from tests.factories import SeasonFactory
from thidua.voting import services
from thidua.voting.models import Ballot

pytestmark = pytest.mark.integration


@pytest.fixture
def vw(db):
    return voting_world()


def _code(response, status):
    assert response.status_code == status, response.content
    return response.json()["code"]


# Ballots --------------------------------------------------------------------------------------


def test_ballot_cast_twice_is_already_voted(vw):
    poll = open_poll(vw)
    member = vw.client("member_officer")

    first = member.post(f"/polls/{poll.pk}/ballots", {"choices": candidate_ids(poll, 0)})
    second = member.post(f"/polls/{poll.pk}/ballots", {"choices": []})

    assert first.status_code == 201 and len(first.json()["receipt"]) == 14
    assert _code(second, 409) == "already_voted"
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_ballot_cast_after_closing_is_refused(vw):
    poll = closed_poll(vw)
    colleague = vw.client("member_officer")

    response = colleague.post(f"/polls/{poll.pk}/ballots", {"choices": []})

    assert _code(response, 409) == "poll_not_open"


def test_ballot_cast_before_opening_is_refused(vw):
    poll = draft_poll(vw)

    response = vw.client("member_officer").post(f"/polls/{poll.pk}/ballots", {"choices": []})

    assert _code(response, 409) == "poll_not_open"


def test_ballot_cast_in_a_poll_of_another_province_is_not_found(vw):
    poll = open_poll(vw)

    response = vw.client("foreign_officer").post(f"/polls/{poll.pk}/ballots", {"choices": []})

    assert _code(response, 404) == "not_found"
    assert not Ballot.objects.filter(poll=poll).exists()


def test_ballot_cast_in_a_poll_of_another_bloc_of_the_province_is_forbidden(vw):
    # The meeting is visible province-wide; only the bloc's member units may vote in it.
    poll = open_poll(vw)

    response = vw.client("outsider").post(f"/polls/{poll.pk}/ballots", {"choices": []})

    assert _code(response, 403) == "permission_denied"


def test_ballot_cast_with_too_many_choices_is_refused(vw):
    poll = open_poll(vw)

    response = vw.client("member_officer").post(
        f"/polls/{poll.pk}/ballots", {"choices": candidate_ids(poll, 0, 1)}
    )

    assert _code(response, 422) == "too_many_choices"
    assert not Ballot.objects.filter(poll=poll).exists()


@pytest.mark.parametrize(
    ("choices", "code"),
    [([999_999_999], "invalid_choice"), ("repeat", "invalid_choice")],
)
def test_ballot_cast_with_a_choice_off_the_list_is_refused(vw, choices, code):
    poll = open_poll(vw, "nomination", award_type=BANG_KHEN, seats=2)
    if choices == "repeat":
        choices = candidate_ids(poll, 0) * 2

    response = vw.client("member_officer").post(f"/polls/{poll.pk}/ballots", {"choices": choices})

    assert _code(response, 422) == code


def test_my_status_before_and_after_voting(vw):
    poll = open_poll(vw)
    member = vw.client("member_officer")

    before = member.get(f"/polls/{poll.pk}/my-status").json()
    member.post(f"/polls/{poll.pk}/ballots", {"choices": []})
    after = member.get(f"/polls/{poll.pk}/my-status").json()
    board = vw.client("board").get(f"/polls/{poll.pk}/my-status").json()

    assert before == {"can_vote": True, "has_voted": False, "channel": None, "reason": ""}
    assert (after["can_vote"], after["has_voted"], after["channel"]) == (False, True, "online")
    assert after["reason"]
    assert (board["can_vote"], board["has_voted"]) == (False, False)


def test_turnout_names_who_voted_not_what(vw):
    poll = open_poll(vw)
    vw.client("member_officer").post(f"/polls/{poll.pk}/ballots", {"choices": []})

    turnout = vw.client("viewer").get(f"/polls/{poll.pk}/turnout").json()

    assert (turnout["members"], turnout["voted_online"], turnout["voted"]) == (5, 1, 1)
    assert turnout["voted_units"] == [vw.units[2].name]
    assert len(turnout["waiting_units"]) == 4


# Paper ballots --------------------------------------------------------------------------------


def test_paper_sheets_hide_the_entries_until_complete(vw):
    poll = paper_poll(vw)
    keyer = vw.client("keyer")
    keyer.post(f"/polls/{poll.pk}/paper/entries", {"number": 1, "choices": candidate_ids(poll, 0)})

    rows = keyer.get(f"/polls/{poll.pk}/paper/sheets").json()

    assert rows == [
        {"number": 1, "status": "pending", "entries": 1, "keyed_by_me": True, "entry_choices": []}
    ]


def test_paper_entry_twice_by_one_keyer_is_refused(vw):
    poll = paper_poll(vw)
    keyer = vw.client("keyer")
    body = {"number": 1, "choices": candidate_ids(poll, 0)}

    keyer.post(f"/polls/{poll.pk}/paper/entries", body)
    again = keyer.post(f"/polls/{poll.pk}/paper/entries", body)

    assert _code(again, 409) == "already_keyed"


def test_paper_entry_beyond_the_ballots_issued_is_refused(vw):
    poll = paper_poll(vw)

    response = vw.client("keyer").post(
        f"/polls/{poll.pk}/paper/entries", {"number": 2, "choices": []}
    )

    assert _code(response, 422) == "invalid_sheet_number"


def test_paper_resolve_of_an_unknown_sheet_is_not_found(vw):
    poll = paper_poll(vw)

    response = vw.client("board").post(
        f"/polls/{poll.pk}/paper/sheets/7/resolve", {"choices": [], "note": "Theo phiếu gốc"}
    )

    assert _code(response, 404) == "not_found"


def test_paper_issue_to_an_absent_unit_is_refused(db):
    vw = voting_world(present=4)
    poll = services.poll_open(
        actor=vw.board, poll=draft_poll(vw), override_reason="Một đơn vị gửi ý kiến bằng văn bản"
    )

    response = vw.client("board").post(
        f"/polls/{poll.pk}/paper/issue", {"unit_ids": [vw.units[-1].pk]}
    )

    assert _code(response, 422) == "not_present"


# Polls: setup, quotas, states -----------------------------------------------------------------


def test_poll_quota_warning_carries_the_findings_and_passes_with_a_reason(vw):
    board = vw.client("board")
    body = {"kind": "nomination", "award_type": CO_TINH, "seats": 2}

    refused = board.post(f"/meetings/{vw.meeting.pk}/polls", body)
    accepted = board.post(
        f"/meetings/{vw.meeting.pk}/polls",
        {**body, "override_reason": "Quy chế khối cho phép hai cờ"},
    )

    assert _code(refused, 409) == "needs_override_reason"
    findings = refused.json()["details"]["findings"]
    finding = next(f for f in findings if f["rule_id"] == "BLK-09")
    assert {"rule_id", "citation", "message", "blocking"} <= set(finding)
    assert finding["blocking"] is False and finding["citation"]
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["override_reason"] == "Quy chế khối cho phép hai cờ"
    assert accepted.json()["warnings"][0]["rule_id"] == "BLK-09"


def test_poll_with_more_seats_than_members_is_blocked_with_the_finding(vw):
    response = vw.client("board").post(
        f"/meetings/{vw.meeting.pk}/polls",
        {"kind": "nomination", "award_type": BANG_KHEN, "seats": 6, "override_reason": "x"},
    )

    assert _code(response, 409) == "seats_exceed_members"
    assert any(f["blocking"] for f in response.json()["details"]["findings"])


def test_poll_of_an_unknown_award_type_is_refused(vw):
    response = vw.client("board").post(
        f"/meetings/{vw.meeting.pk}/polls", {"kind": "nomination", "award_type": "huy_chuong_x"}
    )

    assert _code(response, 422) == "unknown_award_type"


def test_second_leader_election_is_refused(vw):
    board = vw.client("board")
    board.post(f"/meetings/{vw.meeting.pk}/polls", {"kind": "leader"})

    response = board.post(f"/meetings/{vw.meeting.pk}/polls", {"kind": "leader"})

    assert _code(response, 409) == "election_exists"


def test_poll_patch_changes_a_draft_and_refuses_an_open_poll(vw):
    poll = draft_poll(vw, "nomination", award_type=BANG_KHEN)
    board = vw.client("board")

    changed = board.patch(f"/polls/{poll.pk}", {"seats": 2, "entries_required": 1})
    board.post(f"/polls/{poll.pk}/open")
    refused = board.patch(f"/polls/{poll.pk}", {"title": "Đổi tên"})

    assert changed.status_code == 200, changed.content
    assert (changed.json()["seats"], changed.json()["entries_required"]) == (2, 1)
    assert _code(refused, 409) == "poll_not_draft"


@pytest.mark.parametrize("body", [None, {}, {"override_reason": ""}])
def test_poll_open_body_is_optional(db, body):
    vw = voting_world()
    poll = draft_poll(vw)

    response = vw.client("board").post(f"/polls/{poll.pk}/open", body)

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "open"
    assert response.json()["members_count"] == 5


def test_poll_open_below_quorum_needs_a_reason(db):
    vw = voting_world(present=2)
    poll = draft_poll(vw)
    board = vw.client("board")

    refused = board.post(f"/polls/{poll.pk}/open")
    opened = board.post(
        f"/polls/{poll.pk}/open", {"override_reason": "Ba đơn vị gửi ý kiến bằng văn bản"}
    )

    assert _code(refused, 409) == "needs_override_reason"
    assert refused.json()["details"]["findings"][0]["rule_id"]
    assert opened.status_code == 200, opened.content
    assert opened.json()["present_count"] == 2
    assert "văn bản" in opened.json()["override_reason"]


def test_poll_cancel_needs_a_reason(vw):
    poll = open_poll(vw)
    board = vw.client("board")

    blank = board.post(f"/polls/{poll.pk}/cancel", {"reason": "   "})
    cancelled = board.post(f"/polls/{poll.pk}/cancel", {"reason": "Lập sai danh sách"})

    assert _code(blank, 422) == "validation_error"
    assert cancelled.json()["status"] == "cancelled"


def test_candidate_remove_and_add_back(vw):
    poll = draft_poll(vw)
    board = vw.client("board")
    last = poll.candidates.get(unit=vw.units[-1])

    removed = board.delete(f"/candidates/{last.pk}")
    after_remove = board.get(f"/polls/{poll.pk}/candidates").json()
    added = board.post(f"/polls/{poll.pk}/candidates", {"unit_id": vw.units[-1].pk})
    again = board.post(f"/polls/{poll.pk}/candidates", {"unit_id": vw.units[-1].pk})
    outsider = board.post(f"/polls/{poll.pk}/candidates", {"unit_id": vw.outsider.unit_id})

    assert removed.status_code == 204
    assert len(after_remove) == 4
    assert added.status_code == 201 and added.json()["unit"]["id"] == vw.units[-1].pk
    assert _code(again, 409) == "candidate_exists"
    assert _code(outsider, 422) == "not_a_member"


def test_runoff_among_the_tied(vw):
    poll = tied_poll(vw)
    board = vw.client("board")

    result = board.get(f"/polls/{poll.pk}/result").json()
    runoff = board.post(f"/polls/{poll.pk}/runoff")
    again = board.post(f"/polls/{poll.pk}/runoff")

    assert result["needs_runoff"] is True and len(result["tied_names"]) == 2
    assert runoff.status_code == 201, runoff.content
    assert (runoff.json()["seats"], runoff.json()["runoff_of_id"]) == (1, poll.pk)
    assert runoff.json()["status"] == "draft"
    assert len(board.get(f"/polls/{runoff.json()['id']}/candidates").json()) == 2
    assert _code(again, 409) == "runoff_exists"


def test_runoff_without_a_tie_is_refused(vw):
    poll = closed_poll(vw)

    response = vw.client("board").post(f"/polls/{poll.pk}/runoff")

    assert _code(response, 409) == "no_tie"


# Meeting --------------------------------------------------------------------------------------


def test_season_without_a_meeting_is_not_found(vw):
    season = SeasonFactory(bloc=vw.season.bloc, year=vw.season.year + 1)

    response = vw.client("board").get(f"/seasons/{season.pk}/meeting")

    assert _code(response, 404) == "not_found"


def test_attendance_of_a_unit_outside_the_bloc_is_refused(vw):
    response = vw.client("board").put(
        f"/meetings/{vw.meeting.pk}/attendance/{vw.outsider.unit_id}", {"present": True}
    )

    assert _code(response, 422) == "not_a_member"


def test_committee_user_of_another_province_is_not_found(vw):
    response = vw.client("board").post(
        f"/meetings/{vw.meeting.pk}/committee",
        {"full_name": "Nguyễn Văn A", "user_id": vw.users["foreign_officer"].pk},
    )

    assert _code(response, 404) == "not_found"


def test_committee_user_twice_is_refused(vw):
    response = vw.client("board").post(
        f"/meetings/{vw.meeting.pk}/committee",
        {"full_name": "Nguyễn Văn A", "user_id": vw.keyers[0].pk},
    )

    assert _code(response, 409) == "committee_user_exists"


def test_meeting_end_refused_while_a_poll_is_open(vw):
    open_poll(vw)

    response = vw.client("leader_officer").post(f"/meetings/{vw.meeting.pk}/end")

    assert _code(response, 409) == "poll_open"


def test_meeting_patch_changes_only_what_is_sent(vw):
    response = vw.client("leader_officer").patch(
        f"/meetings/{vw.meeting.pk}", {"place": "Hội trường tầng 3", "held_on": "2023-12-02"}
    )

    body = response.json()
    assert response.status_code == 200, response.content
    assert (body["place"], body["held_on"], body["chair_name"]) == (
        "Hội trường tầng 3",
        "2023-12-02",
        "Ngô Văn Liên",
    )


# Results before closing -----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["result", "ballots", "minutes.docx", "minutes.pdf"])
def test_results_wait_for_the_poll_to_close(vw, path):
    poll = open_poll(vw)
    vw.client("member_officer").post(f"/polls/{poll.pk}/ballots", {"choices": []})

    response = vw.client("board").get(f"/polls/{poll.pk}/{path}")

    assert _code(response, 409) == "poll_not_closed"


def test_result_after_closing(vw):
    poll = closed_poll(vw)

    result = vw.client("viewer").get(f"/polls/{poll.pk}/result").json()

    assert (result["cast"], result["valid"], result["members"]) == (5, 5, 5)
    assert result["elected_names"] == [vw.units[2].name]
    assert result["rules"]["threshold"]["id"] and result["threshold_text"]
    assert len(result["ballot_list_hash"]) == 64


# Award catalogue ------------------------------------------------------------------------------


def test_award_types_filtered_to_bloc_votes(vw):
    client = vw.client("viewer")

    voted = client.get("/award-types", {"bloc_vote": "true"}).json()
    every = client.get("/award-types").json()

    assert {a["code"] for a in voted} >= {CO_TINH, BANG_KHEN}
    assert all(a["bloc_vote"] for a in voted)
    assert {a["code"] for a in voted} < {a["code"] for a in every}


def test_award_types_filter_must_be_a_boolean(vw):
    response = vw.client("viewer").get("/award-types", {"bloc_vote": "maybe"})

    assert _code(response, 422) == "validation_error"


# Query counts ---------------------------------------------------------------------------------


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def test_poll_list_queries_constant_for_1_and_3(db):
    counts = []
    for n in (1, 3):
        vw = voting_world()
        for _ in range(n):
            draft_poll(vw, "nomination", award_type=BANG_KHEN)
        counts.append(_queries(vw.client("board"), f"/meetings/{vw.meeting.pk}/polls"))

    assert counts[0] == counts[1]


def test_candidate_list_queries_constant_for_1_and_3(db):
    counts = []
    for n in (1, 3):
        vw = voting_world()
        poll = draft_poll(vw)
        for candidate in poll.candidates.order_by("order")[n:]:
            services.candidate_remove(actor=vw.board, candidate=candidate)
        counts.append(_queries(vw.client("board"), f"/polls/{poll.pk}/candidates"))

    assert counts[0] == counts[1]


def test_ballot_list_queries_constant_for_1_and_3(db):
    counts = []
    for n in (1, 3):
        vw = voting_world()
        poll = open_poll(vw)
        for i in range(n):
            services.ballot_cast(actor=vw.officer(i), poll=poll, choices=[])
        services.poll_close(actor=vw.board, poll=poll)
        counts.append(_queries(vw.client("board"), f"/polls/{poll.pk}/ballots"))

    assert counts[0] == counts[1]


@pytest.mark.parametrize("marked_spoiled", [False, True])
def test_paper_entry_of_a_blank_ballot(vw, marked_spoiled):
    poll = paper_poll(vw)
    body = {"number": 1, "choices": [], "marked_spoiled": marked_spoiled}

    first = vw.client("keyer").post(f"/polls/{poll.pk}/paper/entries", body)
    second = vw.api(vw.keyers[1]).post(f"/polls/{poll.pk}/paper/entries", body)

    assert (first.status_code, second.status_code) == (201, 201), first.content
    assert second.json()["status"] == "agreed"
