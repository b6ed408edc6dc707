"""The registry API: records (list with filters and pagination, read, create, change, revoke),
the timelines of a unit (with lineage) and of a person, yearly assessments, and the error shape;
the role matrix of every write endpoint (base_permission_test)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.world import ROLES, World, build_world
from tests.factories import PersonFactory, UnitFactory
from thidua.awards import services
from thidua.awards.models import AnnualAssessment, AwardRecord
from thidua.org.enums import LineageKind
from thidua.org.services import lineage_event_record

pytestmark = pytest.mark.integration

COLLECTIVE = "tap_the_lao_dong_xuat_sac"
INDIVIDUAL = "chien_si_thi_dua_co_so"
# The write endpoints whose role matrix this module covers (for tests/api/test_permissions.py).
COVERED_WRITES = {
    ("post", "/award-records"),
    ("patch", "/award-records/{record_id}"),
    ("post", "/award-records/{record_id}/revoke"),
    ("put", "/assessments"),
}


@pytest.fixture
def world(db) -> World:
    return build_world()


def _board(world: World):
    return world.users["board"]


def _record(world: World, *, unit=None, person=None, year=2023, number="5/QĐ-UBND", **values):
    values.setdefault("award_type", INDIVIDUAL if person is not None else COLLECTIVE)
    return services.award_record_create(
        actor=_board(world),
        unit=unit,
        person=person,
        year=year,
        decision_number=number,
        **values,
    )


# ── Role matrix of the writes ────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Write:
    method: str
    path: Callable[[World, AwardRecord], str]
    body: Callable[[World], Any]


WRITES = {
    "create": Write(
        "post",
        lambda w, r: "/award-records",
        lambda w: {"unit_id": w.member.pk, "award_type": COLLECTIVE, "year": 2024},
    ),
    "patch": Write(
        "patch", lambda w, r: f"/award-records/{r.pk}", lambda w: {"issuer": "UBND tỉnh"}
    ),
    "revoke": Write(
        "post", lambda w, r: f"/award-records/{r.pk}/revoke", lambda w: {"reason": "Hồ sơ sai"}
    ),
    "assessment": Write(
        "put",
        lambda w, r: "/assessments",
        lambda w: {"person_id": w.person.pk, "year": 2023, "rating": "htxs"},
    ),
}
ALLOWED = frozenset({"board"})


def _denied_status(role: str) -> int:
    return {"anonymous": 401, "other_board": 404}.get(role, 403)


def base_permission_test(role: str, name: str) -> None:
    """Arrange the shared world and one record of its board, call the write as `role`, assert
    allowed (2xx) or the denial code with nothing changed."""
    world = build_world()
    record = _record(world, person=world.person)
    write = WRITES[name]

    response = world.client(role).request(
        write.method, write.path(world, record), write.body(world)
    )

    if role in ALLOWED:
        assert 200 <= response.status_code < 300, response.content
        return
    assert response.status_code == _denied_status(role), response.content
    assert response.json()["code"] in ("not_authenticated", "permission_denied", "not_found")
    record.refresh_from_db()
    assert (AwardRecord.objects.count(), record.issuer, record.revoked) == (1, "", False)
    assert AnnualAssessment.objects.count() == 0


@pytest.mark.parametrize("name", sorted(WRITES))
@pytest.mark.parametrize("role", ROLES)
def test_registry_write_permission_matrix(db, role, name):
    base_permission_test(role, name)


# ── Reads ────────────────────────────────────────────────────────────────────────────────────


def test_list_with_filters_and_pagination(world):
    flag = _record(world, unit=world.leader, award_type="co_thi_dua_ubnd_tinh", year=2022)
    person = _record(world, person=world.person, year=2023)
    gone = _record(world, unit=world.spare, year=2023)
    services.award_record_revoke(actor=_board(world), record=gone, reason="Sai")
    client = world.client("viewer")

    everything = client.get("/award-records").json()
    page = client.get("/award-records", {"limit": 1, "offset": 1}).json()
    revoked = client.get("/award-records", {"include_revoked": "true", "year": 2023}).json()
    individual = client.get("/award-records", {"subject_kind": "individual"}).json()
    by_bloc = client.get("/award-records", {"bloc_id": world.bloc.pk}).json()
    by_level = client.get("/award-records", {"level": "province"}).json()
    by_unit = client.get("/award-records", {"unit_id": world.member.pk}).json()

    assert everything["count"] == 2
    assert [i["id"] for i in everything["items"]] == [person.pk, flag.pk]
    assert page == {"count": 2, "items": [everything["items"][1]]}
    assert sorted(i["id"] for i in revoked["items"]) == sorted([person.pk, gone.pk])
    assert [i["id"] for i in individual["items"]] == [person.pk]
    assert sorted(i["id"] for i in by_bloc["items"]) == sorted([flag.pk, person.pk])
    assert [i["id"] for i in by_level["items"]] == [flag.pk]  # the revoked TTLĐXS is left out
    assert [i["id"] for i in by_unit["items"]] == [person.pk]


def test_list_item_shape(world):
    record = _record(world, person=world.person, decision_date=datetime.date(2024, 2, 1))

    item = world.client("viewer").get("/award-records").json()["items"][0]

    assert item | {"created_at": None} == {
        "id": record.pk,
        "subject_kind": "individual",
        "unit_id": None,
        "person_id": world.person.pk,
        "subject_name": world.person.full_name,
        "province_id": world.home.pk,
        "award_type": INDIVIDUAL,
        "award_name": "Chiến sĩ thi đua cơ sở",
        "level": "unit",
        "year": 2023,
        "basis": "merit",
        "decision_number": "5/QĐ-UBND",
        "decision_date": "2024-02-01",
        "issuer": "",
        "source": "manual",
        "revoked": False,
        "revoked_reason": "",
        "revoked_at": None,
        "note": "",
        "is_illustrative": False,
        "created_at": None,
    }


def test_list_is_scoped_to_the_province(world):
    _record(world, unit=world.member)

    assert world.client("other_board").get("/award-records").json()["count"] == 0
    assert world.client("anonymous").get("/award-records").status_code == 401


@pytest.mark.parametrize(
    "params",
    [{"year": 0}, {"subject_kind": "team"}, {"level": "world"}, {"limit": 0}, {"unit_id": -1}],
)
def test_list_refuses_bad_filters(world, params):
    response = world.client("viewer").get("/award-records", params)

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


def test_get_one_and_not_found(world):
    record = _record(world, unit=world.member)

    mine = world.client("viewer").get(f"/award-records/{record.pk}")
    theirs = world.client("other_board").get(f"/award-records/{record.pk}")
    missing = world.client("viewer").get(f"/award-records/{record.pk + 999}")

    assert mine.json()["subject_name"] == world.member.name
    assert (theirs.status_code, missing.status_code) == (404, 404)
    assert (
        theirs.json()
        == missing.json()
        == {"code": "not_found", "message": theirs.json()["message"]}
    )


def test_unit_timeline_inherits_through_the_lineage(world):
    lineage_event_record(
        actor=_board(world),
        province=world.home,
        kind=LineageKind.MERGE,
        date=datetime.date(2025, 7, 1),
        predecessors=[world.spare2],
        successors=[world.spare],
    )
    own = _record(world, unit=world.spare, year=2025)
    inherited = _record(world, unit=world.spare2, year=2024)

    response = world.client("viewer").get(f"/units/{world.spare.pk}/award-records")

    assert response.status_code == 200
    rows = response.json()
    assert [(r["record"]["id"], r["inherited_from"]) for r in rows] == [
        (own.pk, None),
        (
            inherited.pk,
            {"id": world.spare2.pk, "code": world.spare2.code, "name": world.spare2.name},
        ),
    ]


def test_person_timeline_and_scope(world):
    record = _record(world, person=world.person)

    mine = world.client("viewer").get(f"/people/{world.person.pk}/award-records")
    theirs = world.client("other_board").get(f"/people/{world.person.pk}/award-records")

    assert [r["record"]["id"] for r in mine.json()] == [record.pk]
    assert mine.json()[0]["inherited_from"] is None
    assert theirs.status_code == 404
    assert (
        world.client("other_board").get(f"/units/{world.member.pk}/award-records").status_code
        == 404
    )


# ── Writes ───────────────────────────────────────────────────────────────────────────────────


def test_create_for_a_person(world):
    response = world.client("board").post(
        "/award-records",
        {
            "person_id": world.person.pk,
            "award_type": INDIVIDUAL,
            "year": 2024,
            "decision_number": "7/QĐ-SGD",
            "decision_date": "2024-12-30",
            "basis": "thematic",
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    record = AwardRecord.objects.get()
    assert (body["id"], body["subject_kind"], body["basis"]) == (
        record.pk,
        "individual",
        "thematic",
    )
    assert record.history.get().history_user == _board(world)


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"award_type": COLLECTIVE, "year": 2024}, 422, "subject_required", "subject"),
        (
            {"unit_id": 1, "person_id": 1, "award_type": COLLECTIVE, "year": 2024},
            422,
            "subject_required",
            "subject",
        ),
        (
            {"unit": True, "award_type": INDIVIDUAL, "year": 2024},
            422,
            "wrong_subject",
            "award_type",
        ),
        (
            {"unit": True, "award_type": "khong_co", "year": 2024},
            422,
            "unknown_award_type",
            "award_type",
        ),
        ({"unit": True, "award_type": COLLECTIVE, "year": 1800}, 422, "invalid_year", "year"),
        (
            {"unit": True, "award_type": COLLECTIVE, "year": 2024, "note": "a\u0000"},
            422,
            "invalid_text",
            "note",
        ),
        (
            {"unit": True, "award_type": COLLECTIVE, "year": 2024, "decision_date": "2020-01-01"},
            422,
            "invalid_date",
            "decision_date",
        ),
        (
            {"unit": True, "award_type": COLLECTIVE, "year": 2024, "basis": "x"},
            422,
            "invalid_choice",
            "basis",
        ),
    ],
)
def test_create_refusals_use_the_error_shape_and_write_nothing(world, body, status, code, field):
    body = dict(body)
    if body.pop("unit", False):
        body["unit_id"] = world.member.pk
    if body.get("person_id") == 1:
        body["unit_id"], body["person_id"] = world.member.pk, world.person.pk

    response = world.client("board").post("/award-records", body)

    assert response.status_code == status, response.content
    error = response.json()
    assert (error["code"], error["details"]["field"]) == (code, field)
    assert error["message"]
    assert AwardRecord.objects.count() == 0


def test_create_refuses_a_year_as_text(world):
    response = world.client("board").post(
        "/award-records", {"unit_id": world.member.pk, "award_type": COLLECTIVE, "year": "2024"}
    )

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


def test_create_for_an_invisible_unit_is_not_found(world):
    response = world.client("board").post(
        "/award-records", {"unit_id": world.away_unit.pk, "award_type": COLLECTIVE, "year": 2024}
    )

    assert response.status_code == 404
    assert AwardRecord.objects.count() == 0


def test_create_duplicate_is_a_conflict(world):
    record = _record(world, unit=world.member, year=2024, number="")
    body = {"unit_id": world.member.pk, "award_type": COLLECTIVE, "year": 2024}

    response = world.client("board").post("/award-records", body)

    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_record"
    assert response.json()["details"] == {"id": record.pk}


def test_patch_changes_only_what_is_sent(world):
    record = _record(world, unit=world.member, note="giữ nguyên")
    client = world.client("board")

    response = client.patch(
        f"/award-records/{record.pk}", {"decision_date": "2023-12-01", "issuer": "UBND tỉnh"}
    )
    cleared = client.patch(f"/award-records/{record.pk}", {"decision_date": None})
    null_year = client.patch(f"/award-records/{record.pk}", {"year": None})
    subject = client.patch(f"/award-records/{record.pk}", {"unit_id": world.spare.pk})

    assert response.status_code == 200
    assert (response.json()["issuer"], response.json()["note"]) == ("UBND tỉnh", "giữ nguyên")
    assert cleared.json()["decision_date"] is None
    assert null_year.status_code == 422
    assert subject.status_code == 200  # unknown keys are ignored by the schema
    record.refresh_from_db()
    assert record.unit == world.member


def test_revoke_then_patch_and_revoke_again_conflict(world):
    record = _record(world, person=world.person)
    client = world.client("board")

    missing = client.post(f"/award-records/{record.pk}/revoke", {"reason": "  "})
    revoked = client.post(f"/award-records/{record.pk}/revoke", {"reason": "Gian dối"})
    again = client.post(f"/award-records/{record.pk}/revoke", {"reason": "Lần nữa"})
    patch = client.patch(f"/award-records/{record.pk}", {"issuer": "x"})
    listed = client.get("/award-records").json()["count"]
    timeline = client.get(f"/people/{world.person.pk}/award-records").json()

    assert (missing.status_code, missing.json()["code"]) == (422, "required")
    assert revoked.status_code == 200
    assert (revoked.json()["revoked"], revoked.json()["revoked_reason"]) == (True, "Gian dối")
    assert (again.status_code, again.json()["code"]) == (409, "already_revoked")
    assert (patch.status_code, patch.json()["code"]) == (409, "record_revoked")
    assert listed == 0
    assert [r["record"]["revoked"] for r in timeline] == [True]


def test_assessment_put_creates_then_updates(world):
    client = world.client("board")
    body = {"unit_id": world.member.pk, "year": 2023, "rating": "htt"}

    created = client.request("put", "/assessments", body)
    updated = client.request(
        "put", "/assessments", {**body, "rating": "htxs", "science_accepted": True}
    )

    assert created.status_code == updated.status_code == 200
    assert created.json()["id"] == updated.json()["id"]
    assert (updated.json()["rating"], updated.json()["science_accepted"]) == ("htxs", True)
    assert AnnualAssessment.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"year": 2023}, "subject_required"),
        ({"unit": True, "year": 2023, "rating": "great"}, "invalid_choice"),
        ({"unit": True, "year": 1900}, "invalid_year"),
        ({"unit": True, "year": 2023, "disciplined": "yes"}, "validation_error"),
    ],
)
def test_assessment_put_refusals(world, body, code):
    body = dict(body)
    if body.pop("unit", False):
        body["unit_id"] = world.member.pk

    response = world.client("board").request("put", "/assessments", body)

    assert response.status_code == 422
    assert response.json()["code"] == code
    assert AnnualAssessment.objects.count() == 0


def test_list_query_count_is_constant(world):
    client = world.client("viewer")
    _record(world, unit=world.member)
    assert client.get("/award-records").json()["count"] == 1

    with CaptureQueriesContext(connection) as one:
        client.get("/award-records")
    _record(world, person=PersonFactory(unit=world.member), year=2021)
    _record(world, unit=UnitFactory(province=world.home), year=2022)
    with CaptureQueriesContext(connection) as three:
        response = client.get("/award-records")

    assert response.json()["count"] == 3
    assert len(three.captured_queries) == len(one.captured_queries)
