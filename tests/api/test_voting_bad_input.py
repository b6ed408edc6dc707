"""Bad input to the voting API answers a JSON 4xx with a code, never a 500."""

import pytest

from tests.api.voting_world import (
    candidate_ids,
    conflict_sheet,
    draft_poll,
    open_poll,
    paper_poll,
    voting_world,
)
from thidua.voting.models import Ballot

pytestmark = pytest.mark.integration

NUL = "a\x00b"
BIG = 2**63


@pytest.fixture
def vw(db):
    return voting_world()


def _code(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) >= {"code", "message"}
    return body["code"]


# (method, path, valid body) builders of every voting write that takes a body.
BODIES = {
    "meeting_post": (
        "post",
        lambda vw: f"/seasons/{vw.season.pk}/meeting",
        lambda vw: {"held_on": "2023-12-01"},
    ),
    "meeting_patch": ("patch", lambda vw: f"/meetings/{vw.meeting.pk}", lambda vw: {}),
    "attendance_put": (
        "put",
        lambda vw: f"/meetings/{vw.meeting.pk}/attendance/{vw.units[0].pk}",
        lambda vw: {"present": True},
    ),
    "committee_post": (
        "post",
        lambda vw: f"/meetings/{vw.meeting.pk}/committee",
        lambda vw: {"full_name": "Lê Văn Tám"},
    ),
    "poll_post": (
        "post",
        lambda vw: f"/meetings/{vw.meeting.pk}/polls",
        lambda vw: {"kind": "leader"},
    ),
    "poll_cancel": (
        "post",
        lambda vw: f"/polls/{draft_poll(vw).pk}/cancel",
        lambda vw: {"reason": "Lập nhầm"},
    ),
    "ballot_cast": (
        "post",
        lambda vw: f"/polls/{open_poll(vw).pk}/ballots",
        lambda vw: {"choices": []},
    ),
    "paper_issue": (
        "post",
        lambda vw: f"/polls/{open_poll(vw).pk}/paper/issue",
        lambda vw: {"unit_ids": [vw.units[-1].pk]},
    ),
    "paper_entry": (
        "post",
        lambda vw: f"/polls/{paper_poll(vw).pk}/paper/entries",
        lambda vw: {"number": 1, "choices": []},
    ),
    "paper_resolve": (
        "post",
        lambda vw: f"/polls/{conflict_sheet(vw).pk}/paper/sheets/1/resolve",
        lambda vw: {"choices": [], "note": "Theo phiếu gốc"},
    ),
}

# A text field of each body and its maximum length.
TEXT_FIELDS = [
    ("meeting_post", "title", 255),
    ("meeting_post", "place", 255),
    ("meeting_post", "place_name", 120),
    ("meeting_post", "chair_name", 160),
    ("meeting_post", "note", 4000),
    ("meeting_patch", "secretary_name", 160),
    ("meeting_patch", "chair_title", 255),
    ("attendance_put", "delegate_name", 160),
    ("attendance_put", "delegate_title", 255),
    ("committee_post", "full_name", 160),
    ("committee_post", "title", 255),
    ("poll_post", "title", 255),
    ("poll_post", "override_reason", 4000),
    ("poll_cancel", "reason", 4000),
    ("paper_resolve", "note", 4000),
]


def _send(vw, name, **changes):
    method, path, body = BODIES[name]
    client = vw.client("board")
    return getattr(client, method)(path(vw), {**body(vw), **changes})


@pytest.mark.parametrize(("name", "field", "limit"), TEXT_FIELDS)
def test_nul_byte_in_text_is_refused(vw, name, field, limit):
    assert _code(_send(vw, name, **{field: NUL}), 422) == "validation_error"


@pytest.mark.parametrize(("name", "field", "limit"), TEXT_FIELDS)
def test_text_over_its_length_is_refused(vw, name, field, limit):
    assert _code(_send(vw, name, **{field: "x" * (limit + 1)}), 422) == "validation_error"


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("meeting_post", "held_on", "20/01/2022"),
        ("meeting_post", "held_on", 2022),
        ("meeting_patch", "held_on", None),
        ("meeting_patch", "title", None),
        ("attendance_put", "present", "yes"),
        ("attendance_put", "present", 1),
        ("committee_post", "role", "chief"),
        ("committee_post", "user_id", 0),
        ("committee_post", "user_id", BIG),
        ("poll_post", "kind", "mayor"),
        ("poll_post", "seats", 0),
        ("poll_post", "seats", 101),
        ("poll_post", "seats", "two"),
        ("poll_post", "seats", True),
        ("poll_post", "entries_required", "2"),
        ("poll_post", "entries_required", 4),
        ("poll_post", "allow_online", "false"),
        ("poll_post", "tie_policy", "coin"),
        ("poll_post", "award_type", "Cờ thi đua"),
        ("ballot_cast", "choices", "1,2"),
        ("ballot_cast", "choices", [True]),
        ("ballot_cast", "choices", ["1"]),
        ("ballot_cast", "choices", [1.5]),
        ("ballot_cast", "choices", [0]),
        ("ballot_cast", "choices", [BIG]),
        ("ballot_cast", "choices", list(range(1, 102))),
        ("ballot_cast", "choices", None),
        ("paper_issue", "unit_ids", []),
        ("paper_issue", "unit_ids", [NUL]),
        ("paper_entry", "number", 0),
        ("paper_entry", "number", 10_000),
        ("paper_entry", "number", "1"),
        ("paper_entry", "marked_spoiled", "no"),
        ("paper_resolve", "note", ""),
        ("paper_resolve", "choices", {"a": 1}),
    ],
)
def test_wrong_type_or_range_is_refused(vw, name, field, value):
    assert _code(_send(vw, name, **{field: value}), 422) == "validation_error"


@pytest.mark.parametrize("name", sorted(BODIES))
def test_body_that_is_not_a_json_object_is_malformed(vw, name):
    method, path, _body = BODIES[name]
    client, url = vw.client("board"), path(vw)

    response = getattr(client, method)(url, raw=b"[1, 2]")
    broken = getattr(client, method)(url, raw=b'{"choices": [1,')

    assert _code(response, 400) == "malformed_body"
    assert _code(broken, 400) == "malformed_body"


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/0",
        f"/meetings/{BIG}",
        f"/polls/{2**64}",
        f"/polls/{BIG}/result",
        "/polls/1/paper/sheets/0/resolve",
    ],
)
def test_path_id_out_of_range_is_refused(vw, path):
    client = vw.client("board")
    response = client.post(path, {}) if path.endswith("resolve") else client.get(path)

    assert _code(response, 422) == "validation_error"


def test_missing_record_is_not_found(vw):
    client = vw.client("board")

    for path in ("/meetings/987654", "/polls/987654", "/polls/987654/result"):
        assert _code(client.get(path), 404) == "not_found"
    assert _code(client.delete("/candidates/987654"), 404) == "not_found"
    assert _code(client.delete("/committee/987654"), 404) == "not_found"


def test_nul_in_a_ballot_stores_nothing(vw):
    poll = open_poll(vw)

    response = vw.client("member_officer").post(
        f"/polls/{poll.pk}/ballots", {"choices": [NUL, *candidate_ids(poll, 0)]}
    )

    assert _code(response, 422) == "validation_error"
    assert not Ballot.objects.filter(poll=poll).exists()
