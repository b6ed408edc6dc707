"""GET /api/v1/search: results per kind, filters, scoping and the one error shape."""

import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import ApiClient
from tests.awards.test_search import CO_TINH, person, record, unit
from tests.factories import ProvinceFactory, UserFactory
from thidua.accounts.enums import Role

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _static_root() -> None:
    # WhiteNoise warns (an error under pytest) when STATIC_ROOT is missing.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def world(db):
    province = ProvinceFactory(name="Tỉnh Thanh Hoá")
    admin = UserFactory(role=Role.BOARD_ADMIN, province=province)
    office = unit(province, "Văn phòng UBND tỉnh", "vp")
    return province, admin, office


def _search(user, **params):
    return ApiClient().login(user).get("/search", params)


def test_search_api_returns_every_kind(world):
    province, admin, office = world
    dao = person(office, "Nguyễn Thị Đào")
    school = unit(province, "Trường THPT Đào Duy Từ", "thpt")
    line = record(school, award_type=CO_TINH, decision_number="88/QĐ-UBND", year=2024)

    response = _search(admin, q="Đào")

    assert response.status_code == 200
    data = response.json()
    assert (data["q"], data["words"], data["hint"]) == ("Đào", ["dao"], "")
    assert data["units"] == {
        "total": 1,
        "more": False,
        "items": [
            {
                "id": school.pk,
                "code": "thpt",
                "name": "Trường THPT Đào Duy Từ",
                "short_name": "",
                "province_id": province.pk,
                "province_name": "Tỉnh Thanh Hoá",
            }
        ],
    }
    assert data["people"]["items"] == [
        {
            "id": dao.pk,
            "full_name": "Nguyễn Thị Đào",
            "position": "",
            "unit_id": office.pk,
            "unit_name": "Văn phòng UBND tỉnh",
        }
    ]
    assert data["records"]["items"] == [
        {
            "id": line.pk,
            "year": 2024,
            "award_type": CO_TINH,
            "award_name": "Cờ thi đua của UBND tỉnh",
            "decision_number": "88/QĐ-UBND",
            "decision_date": None,
            "issuer": "",
            "revoked": False,
            "unit_id": school.pk,
            "person_id": None,
            "subject_name": "Trường THPT Đào Duy Từ",
        }
    ]


@pytest.mark.parametrize("q", ["dang", "DANG", "đặng", unicodedata.normalize("NFD", "Đặng")])
def test_search_api_folds_the_query(world, q):
    _province, admin, office = world
    person(office, "Đặng Thị Hoà")

    response = _search(admin, q=q, kind="person")

    assert [p["full_name"] for p in response.json()["people"]["items"]] == ["Đặng Thị Hoà"]


def test_search_api_kind_and_limit(world):
    _province, admin, office = world
    for name in ["Đào An", "Đào Bình", "Đào Chi"]:
        record(person(office, name))

    response = _search(admin, q="dao", kind="record", limit=2)

    data = response.json()
    assert (data["units"]["total"], data["people"]["total"]) == (0, 0)
    assert (len(data["records"]["items"]), data["records"]["total"]) == (2, 3)


def test_search_api_scoped(world):
    _province, admin, _office = world
    other = ProvinceFactory(name="Tỉnh Nghệ An")
    far = person(unit(other, "Sở Nội vụ Nghệ An"), "Nguyễn Thị Đào")
    record(far, decision_number="9/QĐ-UBND")

    data = _search(admin, q="nguyen dao").json()

    assert (data["people"]["total"], data["records"]["total"]) == (0, 0)


def test_search_api_short_query_answers_a_hint(world):
    _province, admin, _office = world

    response = _search(admin, q="d")

    assert response.status_code == 200
    assert response.json()["hint"] == "Nhập ít nhất 2 ký tự để tìm kiếm."


def test_search_api_requires_a_token(db):
    response = ApiClient().get("/search", {"q": "dao"})

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({"q": "a" * 201}, ["query", "q"]),
        ({}, ["query", "q"]),
        ({"q": "dao", "kind": "bloc"}, ["query", "kind"]),
        ({"q": "dao", "limit": 0}, ["query", "limit"]),
        ({"q": "dao", "limit": 51}, ["query", "limit"]),
        ({"q": "dao", "limit": "nhieu"}, ["query", "limit"]),
    ],
)
def test_search_api_bad_input_answers_422(world, params, loc):
    _province, admin, _office = world

    response = _search(admin, **params)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert [d["loc"] for d in body["details"]] == [loc]


def test_search_api_nul_byte_answers_400(world):
    _province, admin, _office = world

    response = _search(admin, q="dao\x00")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_characters"


def test_search_api_q_of_200_characters_accepted(world):
    _province, admin, _office = world

    response = _search(admin, q="dao " * 50)

    assert response.status_code == 200
    assert response.json()["words"] == ["dao"]


def test_search_api_query_count_same_for_one_and_three_items(world):
    province, admin, office = world
    api = ApiClient().login(admin)

    def add():
        record(person(office, "Nguyễn Thị Đào"), decision_number="1/QĐ")
        record(unit(province, "Trường Đào Tạo"), award_type=CO_TINH)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert api.get("/search", {"q": "dao"}).status_code == 200
        return len(ctx.captured_queries)

    queries()  # the token's first use records its last-used time once
    add()
    one = queries()
    add()
    add()

    assert queries() == one
