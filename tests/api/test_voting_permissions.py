"""Every role against every voting endpoint: allowed answers 2xx, denied 401 / 403 / 404.

Anonymous callers get 401; callers of another province 404 (the meeting does not exist for
them); callers of the province who may see the meeting but not act 403. An officer of another
bloc of the same province sees the meeting (province-wide reading) but may not vote or run it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.conftest import schema_writes
from tests.api.voting_world import (
    READERS,
    ROLES,
    VotingWorld,
    candidate_ids,
    closed_poll,
    conflict_sheet,
    draft_poll,
    open_poll,
    paper_poll,
    tied_poll,
    voting_world,
)
from tests.factories import SeasonFactory, SeasonMembershipFactory
from thidua.voting import services

pytestmark = pytest.mark.integration

MANAGERS = {"board": 200, "leader_officer": 200}


@dataclass(frozen=True)
class Case:
    method: str
    template: str
    setup: Callable[[VotingWorld], Any]
    path: Callable[[VotingWorld, Any], str]
    body: Callable[[VotingWorld, Any], Any]
    allowed: dict[str, int]


def _none(vw, target):
    return None


def _meeting(vw):
    return vw.meeting


def _next_season(vw):
    season = SeasonFactory(bloc=vw.season.bloc, year=vw.season.year + 1)
    for unit in vw.units:
        SeasonMembershipFactory(season=season, unit=unit)
    season.leader = vw.units[0]
    season.save()
    return season


def _spare_member(vw):
    return services.committee_add(actor=vw.board, meeting=vw.meeting, full_name="Vũ Đức Anh")


def _poll_without_last(vw):
    poll = draft_poll(vw)
    services.candidate_remove(actor=vw.board, candidate=poll.candidates.get(unit=vw.units[-1]))
    return poll


def _first_candidate(vw):
    return draft_poll(vw).candidates.order_by("order").first()


def _m(path):
    return lambda vw, meeting: path.format(id=meeting.pk)


def _p(path):
    return lambda vw, poll: path.format(id=poll.pk)


WRITES: dict[str, Case] = {
    "meeting_post": Case(
        "post",
        "/seasons/{season_id}/meeting",
        _next_season,
        lambda vw, season: f"/seasons/{season.pk}/meeting",
        lambda vw, season: {"held_on": "2024-12-20"},
        {"board": 201, "leader_officer": 201},
    ),
    "meeting_patch": Case(
        "patch",
        "/meetings/{meeting_id}",
        _meeting,
        _m("/meetings/{id}"),
        lambda vw, meeting: {"place": "Hội trường B"},
        MANAGERS,
    ),
    "attendance_put": Case(
        "put",
        "/meetings/{meeting_id}/attendance/{unit_id}",
        _meeting,
        lambda vw, meeting: f"/meetings/{meeting.pk}/attendance/{vw.units[-1].pk}",
        lambda vw, meeting: {"present": False},
        MANAGERS,
    ),
    "committee_post": Case(
        "post",
        "/meetings/{meeting_id}/committee",
        _meeting,
        _m("/meetings/{id}/committee"),
        lambda vw, meeting: {"full_name": "Lê Văn Tám", "title": "Chuyên viên"},
        {"board": 201, "leader_officer": 201},
    ),
    "committee_delete": Case(
        "delete",
        "/committee/{member_id}",
        _spare_member,
        lambda vw, member: f"/committee/{member.pk}",
        _none,
        {"board": 204, "leader_officer": 204},
    ),
    "meeting_start": Case(
        "post",
        "/meetings/{meeting_id}/start",
        _meeting,
        _m("/meetings/{id}/start"),
        _none,
        MANAGERS,
    ),
    "meeting_end": Case(
        "post", "/meetings/{meeting_id}/end", _meeting, _m("/meetings/{id}/end"), _none, MANAGERS
    ),
    "poll_post": Case(
        "post",
        "/meetings/{meeting_id}/polls",
        _meeting,
        _m("/meetings/{id}/polls"),
        lambda vw, meeting: {"kind": "leader"},
        {"board": 201, "leader_officer": 201},
    ),
    "poll_patch": Case(
        "patch",
        "/polls/{poll_id}",
        draft_poll,
        _p("/polls/{id}"),
        lambda vw, poll: {"title": "Bầu trưởng khối năm sau"},
        MANAGERS,
    ),
    "candidate_post": Case(
        "post",
        "/polls/{poll_id}/candidates",
        _poll_without_last,
        _p("/polls/{id}/candidates"),
        lambda vw, poll: {"unit_id": vw.units[-1].pk},
        {"board": 201, "leader_officer": 201},
    ),
    "candidate_delete": Case(
        "delete",
        "/candidates/{candidate_id}",
        _first_candidate,
        lambda vw, candidate: f"/candidates/{candidate.pk}",
        _none,
        {"board": 204, "leader_officer": 204},
    ),
    "poll_open": Case(
        "post", "/polls/{poll_id}/open", draft_poll, _p("/polls/{id}/open"), _none, MANAGERS
    ),
    "poll_close": Case(
        "post", "/polls/{poll_id}/close", open_poll, _p("/polls/{id}/close"), _none, MANAGERS
    ),
    "poll_cancel": Case(
        "post",
        "/polls/{poll_id}/cancel",
        open_poll,
        _p("/polls/{id}/cancel"),
        lambda vw, poll: {"reason": "Lập nhầm danh sách"},
        MANAGERS,
    ),
    "poll_runoff": Case(
        "post",
        "/polls/{poll_id}/runoff",
        tied_poll,
        _p("/polls/{id}/runoff"),
        _none,
        {"board": 201, "leader_officer": 201},
    ),
    "ballot_cast": Case(
        "post",
        "/polls/{poll_id}/ballots",
        open_poll,
        _p("/polls/{id}/ballots"),
        lambda vw, poll: {"choices": candidate_ids(poll, 0)},
        {"leader_officer": 201, "member_officer": 201},
    ),
    "paper_issue": Case(
        "post",
        "/polls/{poll_id}/paper/issue",
        open_poll,
        _p("/polls/{id}/paper/issue"),
        lambda vw, poll: {"unit_ids": [vw.units[-1].pk]},
        {"board": 200, "leader_officer": 200, "keyer": 200},
    ),
    "paper_entry": Case(
        "post",
        "/polls/{poll_id}/paper/entries",
        paper_poll,
        _p("/polls/{id}/paper/entries"),
        lambda vw, poll: {"number": 1, "choices": candidate_ids(poll, 0)},
        {"board": 201, "keyer": 201},
    ),
    "paper_resolve": Case(
        "post",
        "/polls/{poll_id}/paper/sheets/{number}/resolve",
        conflict_sheet,
        _p("/polls/{id}/paper/sheets/1/resolve"),
        lambda vw, poll: {"choices": candidate_ids(poll, 0), "note": "Theo phiếu gốc"},
        MANAGERS,
    ),
}

# Every voting write endpoint, each covered by the matrix in this module (the API's matrix in
# tests/api/test_permissions.py checks that the union covers the whole schema).
COVERED_WRITES = {(case.method, case.template) for case in WRITES.values()}


def _denied_status(role: str) -> int:
    if role == "anonymous":
        return 401
    if role in ("foreign_board", "foreign_officer"):
        return 404
    return 403


def base_permission_test(role: str, case: Case) -> None:
    """Arrange the shared world, call the endpoint as `role`, assert allowed or the denial code."""
    vw = voting_world()
    target = case.setup(vw)
    client = vw.client(role)

    response = getattr(client, case.method)(case.path(vw, target), case.body(vw, target))

    if role in case.allowed:
        assert response.status_code == case.allowed[role], response.content
    else:
        assert response.status_code == _denied_status(role), response.content
        assert response.json()["code"] in ("not_authenticated", "permission_denied", "not_found")


@pytest.mark.parametrize("name", sorted(WRITES))
@pytest.mark.parametrize("role", ROLES)
def test_voting_write_permission(db, role, name):
    base_permission_test(role, WRITES[name])


def test_voting_writes_all_covered():
    writes = schema_writes("voting")

    assert writes == COVERED_WRITES


# Reads ----------------------------------------------------------------------------------------

EVERY_READER = dict.fromkeys(READERS, 200)

READS: dict[str, Case] = {
    "season_meeting": Case(
        "get",
        "/seasons/{season_id}/meeting",
        _meeting,
        lambda vw, m: f"/seasons/{vw.season.pk}/meeting",
        _none,
        EVERY_READER,
    ),
    "meeting": Case("get", "", _meeting, _m("/meetings/{id}"), _none, EVERY_READER),
    "polls": Case(
        "get", "", draft_poll, lambda vw, p: f"/meetings/{p.meeting_id}/polls", _none, EVERY_READER
    ),
    "poll": Case("get", "", draft_poll, _p("/polls/{id}"), _none, EVERY_READER),
    "candidates": Case("get", "", draft_poll, _p("/polls/{id}/candidates"), _none, EVERY_READER),
    "turnout": Case("get", "", open_poll, _p("/polls/{id}/turnout"), _none, EVERY_READER),
    "my_status": Case("get", "", open_poll, _p("/polls/{id}/my-status"), _none, EVERY_READER),
    "result": Case("get", "", closed_poll, _p("/polls/{id}/result"), _none, EVERY_READER),
    "ballots": Case("get", "", closed_poll, _p("/polls/{id}/ballots"), _none, EVERY_READER),
    "minutes_docx": Case(
        "get", "", closed_poll, _p("/polls/{id}/minutes.docx"), _none, EVERY_READER
    ),
    # Paper sheets are the counting committee's work list; the board and the leader, who settle
    # conflicting entries, read it too.
    "paper_sheets": Case(
        "get",
        "",
        paper_poll,
        _p("/polls/{id}/paper/sheets"),
        _none,
        {"board": 200, "keyer": 200, "leader_officer": 200},
    ),
}


@pytest.mark.parametrize("name", sorted(READS))
@pytest.mark.parametrize("role", ROLES)
def test_voting_read_permission(db, role, name):
    case = READS[name]
    vw = voting_world()
    target = case.setup(vw)

    response = vw.client(role).get(case.path(vw, target))

    if role in case.allowed:
        assert response.status_code == case.allowed[role], response.content
    else:
        assert response.status_code == _denied_status(role), response.content
        assert response.json()["code"] in ("not_authenticated", "permission_denied", "not_found")


def test_voting_catalogue_needs_a_token(api_client):
    assert api_client.get("/award-types").status_code == 401
