"""The council, its sessions and votes, and the award decisions through the JSON API.

One setup (tests/factories/decisions.council_world, five members): the province's board manages,
the units' officers and the viewer read, another province's board sees nothing. A decision
writes the registry records exactly once, through the API as through the service.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import BASE, ApiClient, schema_writes
from tests.factories.decisions import (
    SESSION_DAY,
    CouncilWorld,
    approved_proposals,
    council_world,
    run_session,
    valid_proposal,
)
from thidua.awards.models import AwardRecord
from thidua.decisions import services
from thidua.decisions.models import Decision, DecisionLine
from thidua.dossiers.models import Proposal, ProposalStatus

pytestmark = pytest.mark.integration

ROLES = ("board", "other_board", "officer", "other_officer", "viewer", "anonymous")
PDF_BYTES = b"%PDF-1.4\n%quyet dinh\n"

COVERED_WRITES = {
    ("post", "/councils"),
    ("patch", "/councils/{council_id}"),
    ("post", "/councils/{council_id}/members"),
    ("patch", "/council-members/{member_id}"),
    ("post", "/councils/{council_id}/sessions"),
    ("put", "/sessions/{session_id}/present"),
    ("post", "/sessions/{session_id}/proposals"),
    ("delete", "/sessions/{session_id}/proposals/{proposal_id}"),
    ("put", "/sessions/{session_id}/proposals/{proposal_id}/votes"),
    ("post", "/sessions/{session_id}/close"),
    ("post", "/decisions"),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def world(db) -> CouncilWorld:
    return council_world(5, units=2)


def _user(w: CouncilWorld, role: str):
    return {
        "board": w.board,
        "other_board": w.foreign_board,
        "officer": w.officers[w.units[0].pk],
        "other_officer": w.officers[w.units[1].pk],
        "viewer": w.viewer,
        "anonymous": None,
    }[role]


def _client(w: CouncilWorld, role: str) -> ApiClient:
    user = _user(w, role)
    return ApiClient() if user is None else ApiClient().login(user)


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("Quyết định 15.pdf", PDF_BYTES, content_type="application/pdf")


def _decision_form(w: CouncilWorld, proposals: list[Proposal], **changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "province_id": w.province.pk,
        "number": "15/QĐ-UBND",
        "date": "2026-01-25",
        "signer_name": "Nguyễn Văn An",
        "signer_title": "Chủ tịch UBND tỉnh",
        "proposal_ids": [p.pk for p in proposals],
    }
    form.update(changes)
    return form


def _post_decision(client: ApiClient, form: dict[str, Any]):
    return client.client.post(BASE + "/decisions", form, headers=client._headers())


def _open_session(w: CouncilWorld, proposals=(), *, present: bool = True):
    session = services.session_open(
        actor=w.board, council=w.council, date=SESSION_DAY, proposals=list(proposals)
    )
    if present:
        services.session_set_present(actor=w.board, session=session, members=w.members)
    return session


def _status(proposal: Proposal) -> str:
    proposal.refresh_from_db()
    return proposal.status


# ── Happy paths ──────────────────────────────────────────────────────────────────────────────


def test_api_council_and_members(world):
    board = _client(world, "board")

    listed = board.get("/councils").json()
    added = board.post(
        f"/councils/{world.council.pk}/members",
        {"full_name": "Lê Thị Hoa", "title": "Giám đốc Sở Nội vụ", "active_from": "2025-06-01"},
    )
    ended = board.patch(f"/council-members/{added.json()['id']}", {"active_to": "2025-12-31"})
    renamed = board.patch(f"/councils/{world.council.pk}", {"name": "Hội đồng TĐKT tỉnh"})

    assert [c["id"] for c in listed["items"]] == [world.council.pk]
    assert listed["items"][0]["members_count"] == 5
    assert added.status_code == 201, added.content
    assert added.json()["role"] == "member"
    assert ended.json()["active_to"] == "2025-12-31"
    assert renamed.json()["name"] == "Hội đồng TĐKT tỉnh"
    assert len(renamed.json()["members"]) == 6


def test_api_council_replaced_after_deactivation(world):
    board = _client(world, "board")

    refused = board.post("/councils", {"province_id": world.province.pk, "name": "Hội đồng mới"})
    board.patch(f"/councils/{world.council.pk}", {"active": False})
    created = board.post("/councils", {"province_id": world.province.pk, "name": "Hội đồng mới"})

    assert refused.status_code == 409
    assert refused.json()["code"] == "council_exists"
    assert created.status_code == 201, created.content
    assert created.json()["active"] is True
    assert created.json()["members"] == []


def test_api_session_from_opening_to_outcomes(world):
    board = _client(world, "board")
    passing, failing = (valid_proposal(world.board, unit=u) for u in world.units)

    opened = board.post(
        f"/councils/{world.council.pk}/sessions",
        {"date": SESSION_DAY.isoformat(), "place": "Phòng họp số 1", "proposal_ids": [passing.pk]},
    )
    assert opened.status_code == 201, opened.content
    sid = opened.json()["id"]
    assert len(opened.json()["members"]) == 5
    added = board.post(f"/sessions/{sid}/proposals", {"ids": [failing.pk]})
    present = board.request(
        "put", f"/sessions/{sid}/present", {"member_ids": [m.pk for m in world.members]}
    )
    yes = [{"member_id": m.pk, "approve": True} for m in world.members]
    split = [{"member_id": m.pk, "approve": i < 2} for i, m in enumerate(world.members)]
    voted = board.request("put", f"/sessions/{sid}/proposals/{passing.pk}/votes", {"votes": yes})
    board.request("put", f"/sessions/{sid}/proposals/{failing.pk}/votes", {"votes": split})
    sheet = board.get(f"/sessions/{sid}/review-sheet").json()
    closed = board.post(f"/sessions/{sid}/close", {})

    assert [r["proposal_id"] for r in added.json()["rows"]] == [passing.pk, failing.pk]
    assert present.json()["present_ids"] == sorted(m.pk for m in world.members)
    assert [v["approve"] for v in voted.json()] == [True] * 5
    assert [r["approvals"] for r in sheet["rows"]] == [5, 2]
    assert sheet["rows"][0]["outcome"] is None
    assert closed.status_code == 200, closed.content
    body = closed.json()
    assert body["session"]["status"] == "closed"
    assert body["session"]["members_total"] == 5
    assert [r["outcome"] for r in body["rows"]] == ["approved", "not_approved"]
    assert all(r["rule_id"].startswith("VOT-") for r in body["rows"])
    assert [r["status"] for r in body["rows"]] == ["approved", "not_approved"]
    assert _status(passing) == ProposalStatus.APPROVED
    assert _status(failing) == ProposalStatus.NOT_APPROVED


def test_api_remove_a_proposal_from_an_open_session(world):
    proposal = valid_proposal(world.board, unit=world.units[0])
    session = _open_session(world, [proposal])

    response = _client(world, "board").delete(f"/sessions/{session.pk}/proposals/{proposal.pk}")

    assert response.status_code == 200, response.content
    assert response.json()["rows"] == []


def test_api_decision_creates_registry_records_exactly_once(world):
    proposals = approved_proposals(world, 2)
    board = _client(world, "board")
    form = _decision_form(world, proposals)

    first = _post_decision(board, {**form, "file": _pdf()})
    retry = _post_decision(board, form)

    assert first.status_code == 201, first.content
    assert retry.status_code == 200, retry.content
    body = first.json()
    assert retry.json()["id"] == body["id"]
    assert Decision.objects.count() == 1
    assert AwardRecord.objects.count() == 2
    lines = {line["proposal_id"]: line for line in body["lines"]}
    assert set(lines) == {p.pk for p in proposals}
    records = dict(DecisionLine.objects.values_list("proposal_id", "award_record_id"))
    assert {pk: line["award_record_id"] for pk, line in lines.items()} == records
    assert {_status(p) for p in proposals} == {ProposalStatus.DECIDED}
    assert body["file_url"] == f"/api/v1/decisions/{body['id']}/file"


def test_api_decision_number_taken_by_other_proposals_is_a_conflict(world):
    first, second = approved_proposals(world, 2)
    board = _client(world, "board")
    _post_decision(board, _decision_form(world, [first]))

    response = _post_decision(board, _decision_form(world, [second]))

    assert response.status_code == 409
    assert response.json()["code"] == "decision_exists"
    assert AwardRecord.objects.count() == 1


def test_api_decision_on_a_decided_proposal_is_refused(world):
    (proposal,) = approved_proposals(world, 1)
    board = _client(world, "board")
    _post_decision(board, _decision_form(world, [proposal]))

    response = _post_decision(board, _decision_form(world, [proposal], number="16/QĐ-UBND"))

    assert response.status_code == 409
    assert response.json()["code"] == "already_decided"
    assert AwardRecord.objects.count() == 1


def test_api_decision_on_a_proposal_not_approved_is_refused(world):
    proposal = valid_proposal(world.board, unit=world.units[0])

    response = _post_decision(_client(world, "board"), _decision_form(world, [proposal]))

    assert response.status_code == 409
    assert response.json()["code"] == "proposal_not_approved"


def test_api_decision_list_detail_and_file(world):
    proposals = approved_proposals(world, 1)
    created = _post_decision(
        _client(world, "board"), {**_decision_form(world, proposals), "file": _pdf()}
    ).json()
    viewer = _client(world, "viewer")

    listed = viewer.get("/decisions", {"province_id": world.province.pk, "year": 2026}).json()
    detail = viewer.get(f"/decisions/{created['id']}").json()
    download = viewer.client.get(created["file_url"], headers=viewer._headers())
    foreign = _client(world, "other_board")

    assert [d["lines_count"] for d in listed["items"]] == [1]
    assert detail["lines"][0]["award_record_id"] == AwardRecord.objects.get().pk
    assert detail["lines"][0]["subject_name"] == world.units[0].name
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Disposition"].startswith("attachment")
    assert foreign.get(f"/decisions/{created['id']}").status_code == 404
    file_status = foreign.client.get(created["file_url"], headers=foreign._headers()).status_code
    assert file_status == 404


def test_api_decision_without_a_file_has_no_download(world):
    proposals = approved_proposals(world, 1)
    board = _client(world, "board")
    created = _post_decision(board, _decision_form(world, proposals)).json()

    response = board.client.get(f"{BASE}/decisions/{created['id']}/file", headers=board._headers())

    assert created["file_url"] is None
    assert response.status_code == 404


# ── Bad input and wrong states ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("get", "/councils/999999", None, 404, "not_found"),
        ("get", "/sessions/999999", None, 404, "not_found"),
        ("get", "/decisions/999999", None, 404, "not_found"),
        ("get", "/sessions/999999/review-sheet", None, 404, "not_found"),
        ("patch", "/council-members/999999", {"title": "x"}, 404, "not_found"),
        ("post", "/councils", {"name": "Hội đồng"}, 422, "validation_error"),
        ("post", "/councils", {"province_id": 999999, "name": "Hội đồng"}, 404, "not_found"),
    ],
)
def test_api_bad_input(world, method, path, body, status, code):
    board = _client(world, "board")

    response = board.get(path) if method == "get" else getattr(board, method)(path, body)

    assert response.status_code == status, response.content
    assert response.json()["code"] == code


def test_api_nul_bytes_are_refused(world):
    board = _client(world, "board")
    (proposal,) = approved_proposals(world, 1)

    member = board.post(
        f"/councils/{world.council.pk}/members",
        {"full_name": "Lê\x00Hoa", "active_from": "2025-06-01"},
    )
    council = board.patch(f"/councils/{world.council.pk}", {"name": "\x00"})
    decision = _post_decision(board, _decision_form(world, [proposal], signer_name="An\x00"))

    assert [member.status_code, council.status_code, decision.status_code] == [422, 422, 422]
    assert _status(proposal) == ProposalStatus.APPROVED


def test_api_decision_missing_fields_and_unknown_proposals(world):
    board = _client(world, "board")

    missing = _post_decision(board, {"province_id": world.province.pk, "number": "1/QĐ"})
    unknown = _post_decision(board, _decision_form(world, [], proposal_ids=[999999]))
    bad_date = _post_decision(board, _decision_form(world, [], proposal_ids=[1], date="31/12"))

    assert missing.status_code == 422
    assert unknown.status_code == 404
    assert bad_date.status_code == 422


def test_api_decision_file_must_be_a_pdf(world):
    proposals = approved_proposals(world, 1)
    fake = SimpleUploadedFile("qd.pdf", b"not a pdf", content_type="application/pdf")

    response = _post_decision(
        _client(world, "board"), {**_decision_form(world, proposals), "file": fake}
    )

    assert response.status_code == 422
    assert response.json()["code"] == "file_type"
    assert AwardRecord.objects.count() == 0


def test_api_closing_twice_is_refused(world):
    proposals = approved_proposals(world, 1)
    session = proposals[0].council_reviews.get().session

    response = _client(world, "board").post(f"/sessions/{session.pk}/close", {})

    assert response.status_code == 409
    assert response.json()["code"] == "session_closed"


def test_api_session_with_a_proposal_not_valid_is_refused(world):
    proposal = Proposal.objects.create(
        unit=world.units[0], award_type="co_thi_dua_ubnd_tinh", year=2025
    )

    response = _client(world, "board").post(
        f"/councils/{world.council.pk}/sessions",
        {"date": SESSION_DAY.isoformat(), "proposal_ids": [proposal.pk]},
    )

    assert response.status_code == 409
    assert response.json()["code"] == "proposal_not_valid"


def test_api_absent_member_votes_only_in_writing(world):
    proposal = valid_proposal(world.board, unit=world.units[0])
    session = _open_session(world, [proposal], present=False)
    services.session_set_present(actor=world.board, session=session, members=world.members[:4])
    absent = world.members[4]
    board = _client(world, "board")
    path = f"/sessions/{session.pk}/proposals/{proposal.pk}/votes"

    refused = board.request("put", path, {"votes": [{"member_id": absent.pk, "approve": True}]})
    written = board.request(
        "put", path, {"votes": [{"member_id": absent.pk, "approve": True, "in_writing": True}]}
    )

    assert refused.status_code == 409
    assert refused.json()["code"] == "absent_vote_not_in_writing"
    assert written.status_code == 200
    assert written.json()[0]["in_writing"] is True


def test_api_present_member_of_another_council_is_refused(world):
    session = _open_session(world, present=False)
    other = council_world(1, units=1).members[0]

    response = _client(world, "board").request(
        "put", f"/sessions/{session.pk}/present", {"member_ids": [other.pk]}
    )

    assert response.status_code == 422
    assert response.json()["code"] == "not_a_member"


# ── Reads: who sees what, query counts ─────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("board", 200),
        ("officer", 200),
        ("other_officer", 200),
        ("viewer", 200),
        ("other_board", 404),
        ("anonymous", 401),
    ],
)
def test_api_session_reads_by_role(world, role, status):
    session = _open_session(world, [valid_proposal(world.board, unit=world.units[0])])
    client = _client(world, role)

    assert client.get(f"/sessions/{session.pk}").status_code == status
    assert client.get(f"/sessions/{session.pk}/review-sheet").status_code == status
    assert client.get(f"/councils/{world.council.pk}").status_code == status


def test_api_lists_of_another_province_are_empty(world):
    approved_proposals(world, 1)
    foreign = _client(world, "other_board")

    assert foreign.get("/councils").json()["count"] == 0
    assert foreign.get("/sessions").json()["count"] == 0
    assert foreign.get("/decisions").json()["count"] == 0


@pytest.mark.parametrize("n", [1, 3])
def test_api_decision_lists_queries_do_not_grow(world, django_assert_max_num_queries, n):
    for i in range(n):
        proposal = valid_proposal(world.board, unit=world.units[0], year=2020 + i)
        run_session(world, [proposal], approvals=5, day=SESSION_DAY + datetime.timedelta(days=i))
        proposal.refresh_from_db()
        services.decision_record(
            actor=world.board,
            province=world.province,
            number=f"{i + 1}/QĐ-UBND",
            date=datetime.date(2026, 2, 1),
            signer_name="Nguyễn Văn An",
            proposals=[proposal],
        )
    board = _client(world, "board")

    with django_assert_max_num_queries(6):
        decisions = board.get("/decisions").json()
    with django_assert_max_num_queries(6):
        sessions = board.get("/sessions").json()
    with django_assert_max_num_queries(6):
        councils = board.get("/councils").json()

    assert decisions["count"] == n
    assert sessions["count"] == n
    assert councils["count"] == 1


# ── Every write, every role ────────────────────────────────────────────────────────────────────

BOARD = frozenset({"board"})


@dataclass(frozen=True)
class Case:
    method: str
    template: str
    setup: Callable[[CouncilWorld], Any]
    path: Callable[[CouncilWorld, Any], str]
    body: Callable[[CouncilWorld, Any], Any]
    multipart: bool = False


def _nothing(w):
    return None


def _inactive(w):
    services.council_update(actor=w.board, council=w.council, active=False)


def _session_with_proposal(w):
    proposal = valid_proposal(w.board, unit=w.units[0])
    return _open_session(w, [proposal]), proposal


def _voted_session(w):
    session, proposal = _session_with_proposal(w)
    services.session_record_votes(
        actor=w.board, session=session, proposal=proposal, votes={m.pk: True for m in w.members}
    )
    return session


def _s(template):
    return lambda w, session: template.format(id=session.pk)


WRITES: dict[str, Case] = {
    "council_post": Case(
        "post",
        "/councils",
        _inactive,
        lambda w, _: "/councils",
        lambda w, _: {"province_id": w.province.pk, "name": "Hội đồng mới"},
    ),
    "council_patch": Case(
        "patch",
        "/councils/{council_id}",
        _nothing,
        lambda w, _: f"/councils/{w.council.pk}",
        lambda w, _: {"name": "Hội đồng TĐKT"},
    ),
    "member_post": Case(
        "post",
        "/councils/{council_id}/members",
        _nothing,
        lambda w, _: f"/councils/{w.council.pk}/members",
        lambda w, _: {"full_name": "Lê Thị Hoa", "active_from": "2025-06-01"},
    ),
    "member_patch": Case(
        "patch",
        "/council-members/{member_id}",
        _nothing,
        lambda w, _: f"/council-members/{w.members[-1].pk}",
        lambda w, _: {"title": "Giám đốc Sở Tài chính"},
    ),
    "session_post": Case(
        "post",
        "/councils/{council_id}/sessions",
        lambda w: valid_proposal(w.board, unit=w.units[0]),
        lambda w, _: f"/councils/{w.council.pk}/sessions",
        lambda w, p: {"date": SESSION_DAY.isoformat(), "proposal_ids": [p.pk]},
    ),
    "session_present": Case(
        "put",
        "/sessions/{session_id}/present",
        lambda w: _open_session(w, present=False),
        _s("/sessions/{id}/present"),
        lambda w, s: {"member_ids": [m.pk for m in w.members]},
    ),
    "session_add": Case(
        "post",
        "/sessions/{session_id}/proposals",
        lambda w: (_open_session(w), valid_proposal(w.board, unit=w.units[0])),
        lambda w, t: f"/sessions/{t[0].pk}/proposals",
        lambda w, t: {"ids": [t[1].pk]},
    ),
    "session_remove": Case(
        "delete",
        "/sessions/{session_id}/proposals/{proposal_id}",
        _session_with_proposal,
        lambda w, t: f"/sessions/{t[0].pk}/proposals/{t[1].pk}",
        lambda w, t: None,
    ),
    "session_votes": Case(
        "put",
        "/sessions/{session_id}/proposals/{proposal_id}/votes",
        _session_with_proposal,
        lambda w, t: f"/sessions/{t[0].pk}/proposals/{t[1].pk}/votes",
        lambda w, t: {"votes": [{"member_id": w.members[0].pk, "approve": True}]},
    ),
    "session_close": Case(
        "post",
        "/sessions/{session_id}/close",
        _voted_session,
        _s("/sessions/{id}/close"),
        lambda w, s: {},
    ),
    "decision_post": Case(
        "post",
        "/decisions",
        lambda w: approved_proposals(w, 1),
        lambda w, _: "/decisions",
        lambda w, proposals: {**_decision_form(w, proposals), "file": _pdf()},
        multipart=True,
    ),
}


def _denied_status(role: str) -> int:
    if role == "anonymous":
        return 401
    if role == "other_board":
        return 404
    return 403


def base_permission_test(role: str, name: str) -> None:
    """Arrange the shared world, call the write as `role`, assert allowed or the denial code."""
    world = council_world(5, units=2)
    case = WRITES[name]
    target = case.setup(world)
    client = _client(world, role)
    path, body = case.path(world, target), case.body(world, target)

    if case.multipart:
        response = client.client.post(BASE + path, body, headers=client._headers())
    else:
        response = client.request(case.method, path, body)

    if role in BOARD:
        assert 200 <= response.status_code < 300, response.content
    else:
        assert response.status_code == _denied_status(role), response.content
        assert response.json()["code"] in ("not_authenticated", "permission_denied", "not_found")


@pytest.mark.parametrize("name", sorted(WRITES))
@pytest.mark.parametrize("role", ROLES)
def test_decision_write_permission_matrix(db, media, role, name):
    base_permission_test(role, name)


def test_decision_writes_are_all_in_the_matrix():
    writes = schema_writes("decisions")

    assert {(c.method, c.template) for c in WRITES.values()} == COVERED_WRITES
    assert writes == COVERED_WRITES
