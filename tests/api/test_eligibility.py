"""The eligibility API: a scope's list (filters, status, pagination), a person's and a unit's
verdicts, next year's candidates; the role matrix of every endpoint, the error codes, and a
constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.world import ROLES, World, build_world
from tests.factories import PersonFactory
from thidua.awards.models import AnnualAssessment, AwardRecord

pytestmark = pytest.mark.integration

PROVINCIAL = "chien_si_thi_dua_cap_tinh"
CSTDCS = "chien_si_thi_dua_co_so"
YEAR = 2023  # the world's season


@pytest.fixture
def world(db) -> World:
    return build_world()


def _titles(person, years, code=CSTDCS, **facts):
    for year in years:
        AwardRecord.objects.create(person=person, award_type=code, year=year)
        if facts:
            AnnualAssessment.objects.create(person=person, year=year, **facts)


# ── Roles ────────────────────────────────────────────────────────────────────────────────────

PATHS = {
    "list": lambda w: (
        "/eligibility",
        {"award_type": PROVINCIAL, "year": YEAR, "unit_id": w.member.pk},
    ),
    "next_year": lambda w: (
        "/eligibility/next-year",
        {"award_type": PROVINCIAL, "year": YEAR, "bloc_id": w.bloc.pk},
    ),
    "person": lambda w: (f"/people/{w.person.pk}/eligibility", {"year": YEAR}),
    "unit": lambda w: (f"/units/{w.member.pk}/eligibility", {"year": YEAR}),
}
STATUS_BY_ROLE = {"anonymous": 401, "other_board": 404}


def base_permission_test(role: str, name: str) -> None:
    """The shared world; every signed-in user of the home province reads, a user of another
    province gets 404 (the scope does not exist for them), an anonymous caller 401."""
    world = build_world()
    path, params = PATHS[name](world)

    response = world.client(role).get(path, params)

    assert response.status_code == STATUS_BY_ROLE.get(role, 200), response.content
    if response.status_code != 200:
        assert response.json()["code"] in ("not_authenticated", "not_found")


@pytest.mark.parametrize("name", sorted(PATHS))
@pytest.mark.parametrize("role", ROLES)
def test_eligibility_read_permission_matrix(db, role, name):
    base_permission_test(role, name)


# ── The list ─────────────────────────────────────────────────────────────────────────────────


def test_list_groups_rows_with_reasons(world):
    ready = world.person
    _titles(ready, (2021, 2022, 2023), rating="htxs", initiative_scope="province")
    short = PersonFactory(unit=world.member, full_name="Vũ Thị Hà")
    _titles(short, (2022, 2023))

    body = (
        world.client("viewer")
        .get("/eligibility", {"award_type": PROVINCIAL, "year": YEAR, "bloc_id": world.bloc.pk})
        .json()
    )

    assert body["counts"] == {"eligible": 1, "needs_check": 0, "not_eligible": 1}
    assert (body["award_type"], body["subject_kind"], body["year"], body["count"]) == (
        PROVINCIAL,
        "individual",
        YEAR,
        2,
    )
    assert body["scope"] == {"province_id": None, "bloc_id": world.bloc.pk, "unit_id": None}
    first, second = body["items"]
    assert (first["person_id"], first["status"], first["decided_by"]) == (ready.pk, "eligible", "")
    assert (second["person_id"], second["status"], second["decided_by"]) == (
        short.pk,
        "not_eligible",
        "IND-03",
    )
    assert first["unit_id"] == world.member.pk and first["province_id"] == world.home.pk
    chain = [r for r in second["reasons"] if r["rule_id"] == "IND-03"][0]
    assert chain["met"] is False and chain["citation"]


def test_list_status_filter_and_pagination(world):
    for i in range(3):
        _titles(PersonFactory(unit=world.member, full_name=f"Người {i}"), (2023,))
    client = world.client("board")
    params = {"award_type": PROVINCIAL, "year": YEAR, "province_id": world.home.pk}

    everything = client.get("/eligibility", params).json()
    page = client.get("/eligibility", params | {"limit": 2, "offset": 1}).json()
    eligible = client.get("/eligibility", params | {"status": "eligible"}).json()

    assert everything["count"] == 4  # world.person too
    assert page["items"] == everything["items"][1:3]
    assert (eligible["count"], eligible["items"]) == (0, [])
    assert eligible["counts"] == everything["counts"]


def test_list_of_a_collective_award(world):
    body = (
        world.client("viewer")
        .get(
            "/eligibility",
            {"award_type": "tap_the_lao_dong_xuat_sac", "year": YEAR, "bloc_id": world.bloc.pk},
        )
        .json()
    )

    assert body["subject_kind"] == "collective"
    assert sorted(i["unit_id"] for i in body["items"]) == sorted(
        u.pk for u in (world.leader, world.deputy, world.member)
    )
    assert {i["person_id"] for i in body["items"]} == {None}


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"award_type": "khong_co"}, 422, "unknown_award_type"),
        ({"year": 1800}, 422, "invalid_year"),
        ({"year": 10**30}, 422, "invalid_year"),
        ({"year": "năm"}, 422, "validation_error"),
        ({"unit_id": None}, 400, "missing_scope"),
        ({"unit_id": 2**63}, 422, "validation_error"),
        ({"unit_id": 999_999}, 404, "not_found"),
        ({"status": "maybe"}, 422, "validation_error"),
        ({"limit": 0}, 422, "validation_error"),
    ],
)
def test_list_errors_answer_json_with_a_code(world, params, status, code):
    query = {"award_type": PROVINCIAL, "year": YEAR, "unit_id": world.member.pk} | params
    query = {k: v for k, v in query.items() if v is not None}

    response = world.client("board").get("/eligibility", query)

    assert (response.status_code, response.json()["code"]) == (status, code)
    assert response.json()["message"]


def test_list_outside_the_province_is_not_found(world):
    response = world.client("board").get(
        "/eligibility", {"award_type": PROVINCIAL, "year": YEAR, "province_id": world.away.pk}
    )

    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def _count(client, params):
    client.get("/eligibility", params)  # the token's last use is written once a while
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/eligibility", params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_takes_constant_queries_for_1_and_3_people(world):
    client = world.client("viewer")
    one = {"award_type": PROVINCIAL, "year": YEAR, "unit_id": world.member.pk}
    three = one | {"unit_id": world.spare.pk}
    _titles(world.person, (2022, 2023))
    for _ in range(3):
        _titles(PersonFactory(unit=world.spare), (2021, 2022, 2023), rating="htt")

    assert _count(client, one) == _count(client, three)


# ── A subject's verdicts ─────────────────────────────────────────────────────────────────────


def test_person_verdicts_for_every_individual_award(world):
    _titles(world.person, (2021, 2022, 2023), initiative_scope="province")

    body = (
        world.client("officer").get(f"/people/{world.person.pk}/eligibility", {"year": YEAR}).json()
    )

    by_code = {v["award_type"]: v for v in body}
    assert by_code[PROVINCIAL]["status"] == "eligible"
    assert by_code[PROVINCIAL]["level"] == "province"
    assert by_code["chien_si_thi_dua_toan_quoc"]["decided_by"] == "IND-04"
    assert "co_thi_dua_ubnd_tinh" not in by_code
    assert {v["year"] for v in body} == {YEAR}


def test_unit_verdicts_for_every_collective_award(world):
    body = (
        world.client("viewer").get(f"/units/{world.leader.pk}/eligibility", {"year": YEAR}).json()
    )

    codes = [v["award_type"] for v in body]
    assert "tap_the_lao_dong_xuat_sac" in codes and PROVINCIAL not in codes
    assert all(v["reasons"] for v in body)


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/people/{person}/eligibility", {}, 422, "validation_error"),
        ("/people/{person}/eligibility", {"year": 1000}, 422, "invalid_year"),
        ("/people/999999/eligibility", {"year": YEAR}, 404, "not_found"),
        ("/people/{away_person}/eligibility", {"year": YEAR}, 404, "not_found"),
        ("/units/{unit}/eligibility", {"year": "x"}, 422, "validation_error"),
        ("/units/{away_unit}/eligibility", {"year": YEAR}, 404, "not_found"),
        ("/units/0/eligibility", {"year": YEAR}, 422, "validation_error"),
    ],
)
def test_subject_errors_answer_json_with_a_code(world, path, params, status, code):
    url = path.format(
        person=world.person.pk,
        away_person=world.away_person.pk,
        unit=world.member.pk,
        away_unit=world.away_unit.pk,
    )

    response = world.client("board").get(url, params)

    assert (response.status_code, response.json()["code"]) == (status, code)


# ── Next year's candidates ───────────────────────────────────────────────────────────────────


def test_next_year_candidates(world):
    _titles(world.person, (2022, 2023))
    _titles(PersonFactory(unit=world.member), (2021, 2022, 2023))

    body = (
        world.client("viewer")
        .get(
            "/eligibility/next-year",
            {"award_type": PROVINCIAL, "year": YEAR, "unit_id": world.member.pk},
        )
        .json()
    )

    assert [i["person_id"] for i in body["items"]] == [world.person.pk]
    assert body["items"][0]["chain"] == 2
    assert (body["target_year"], body["chain_rule"], body["chain_award"], body["consecutive"]) == (
        YEAR + 1,
        "IND-03",
        CSTDCS,
        3,
    )
    assert body["counts"]["not_eligible"] == 0


def test_next_year_of_an_award_without_a_chain_is_refused(world):
    response = world.client("viewer").get(
        "/eligibility/next-year",
        {"award_type": "giay_khen", "year": YEAR, "unit_id": world.member.pk},
    )

    assert (response.status_code, response.json()["code"]) == (422, "award_without_chain")
