"""Bad input answers a JSON 4xx, never a 500, before it reaches the database."""

import pytest

from tests.api.world import build_world
from thidua.org.models import Bloc, Person, Unit

pytestmark = pytest.mark.integration

BIG = 2**63
NUL = "a\x00b"


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def board(world):
    return world.client("board")


def _unit(w, **extra):
    return {"province_id": w.home.pk, "code": "moi", "name": "Đơn vị", "kind": "other", **extra}


def _person(w, **extra):
    return {"unit_id": w.member.pk, "full_name": "Vũ Văn Nam", "gender": "male", **extra}


def _bloc(w, **extra):
    return {"province_id": w.home.pk, "name": "Khối", **extra}


def _season(w, **extra):
    return {"bloc_id": w.empty_bloc.pk, "year": 2024, **extra}


def _event(w, **extra):
    return {
        "province_id": w.home.pk,
        "kind": "rename",
        "date": "2025-07-01",
        "predecessor_ids": [w.spare.pk],
        "successor_ids": [w.spare2.pk],
        **extra,
    }


# (method, path, body) builders for every write that takes a body.
BODIES = {
    "unit_post": ("post", lambda w: "/units", _unit),
    "unit_patch": ("patch", lambda w: f"/units/{w.spare.pk}", lambda w, **e: e),
    "person_post": ("post", lambda w: "/people", _person),
    "person_patch": ("patch", lambda w: f"/people/{w.person.pk}", lambda w, **e: e),
    "bloc_post": ("post", lambda w: "/blocs", _bloc),
    "bloc_patch": ("patch", lambda w: f"/blocs/{w.bloc.pk}", lambda w, **e: e),
    "season_post": ("post", lambda w: "/seasons", _season),
    "season_patch": ("patch", lambda w: f"/seasons/{w.season.pk}", lambda w, **e: e),
    "lineage_event_post": ("post", lambda w: "/lineage-events", _event),
}

# A text field of each body and its maximum length.
TEXT_FIELDS = [
    ("unit_post", "name", 255),
    ("unit_post", "code", 40),
    ("unit_post", "short_name", 80),
    ("unit_patch", "name", 255),
    ("unit_patch", "short_name", 80),
    ("person_post", "full_name", 120),
    ("person_post", "position", 160),
    ("person_patch", "full_name", 120),
    ("person_patch", "position", 160),
    ("bloc_post", "name", 255),
    ("bloc_post", "description", 4000),
    ("bloc_patch", "name", 255),
    ("bloc_patch", "description", 4000),
    ("season_post", "note", 4000),
    ("season_post", "source", 255),
    ("season_patch", "note", 4000),
    ("season_patch", "source", 255),
    ("lineage_event_post", "legal_basis", 255),
    ("lineage_event_post", "note", 4000),
]


def _send(client, world, endpoint, **fields):
    method, path, body = BODIES[endpoint]
    return getattr(client, method)(path(world), body(world, **fields))


def _assert_validation_error(response):
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["message"]
    assert body["details"]


@pytest.mark.parametrize(("name", "field", "max_length"), TEXT_FIELDS)
def test_text_with_nul_byte_is_rejected(world, board, name, field, max_length):
    response = _send(board, world, name, **{field: NUL})

    _assert_validation_error(response)
    assert response.json()["details"][0]["loc"][-1] == field


@pytest.mark.parametrize(("name", "field", "max_length"), TEXT_FIELDS)
def test_text_over_max_length_is_rejected(world, board, name, field, max_length):
    response = _send(board, world, name, **{field: "x" * (max_length + 1)})

    _assert_validation_error(response)


@pytest.mark.parametrize(("name", "field", "max_length"), TEXT_FIELDS)
def test_text_of_wrong_type_is_rejected(world, board, name, field, max_length):
    response = _send(board, world, name, **{field: 12345})

    _assert_validation_error(response)


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("unit_post", {"province_id": "một"}),
        ("unit_post", {"province_id": 1.5}),
        ("unit_post", {"is_illustrative": "có"}),
        ("unit_post", {"active_from": "2020-13-45"}),
        ("unit_post", {"active_from": 20200101}),
        ("unit_patch", {"parent_id": [1]}),
        ("person_post", {"birth_year": "năm"}),
        ("person_post", {"birth_year": 10**30}),
        ("person_patch", {"unit_id": {"id": 1}}),
        ("season_post", {"member_ids": "1,2"}),
        ("season_post", {"member_ids": [1, "x"]}),
        ("season_post", {"year": 1800}),
        ("season_post", {"year": 10**20}),
        ("lineage_event_post", {"date": "hôm qua"}),
        ("lineage_event_post", {"successor_ids": None}),
    ],
)
def test_wrong_types_are_rejected(world, board, name, fields):
    _assert_validation_error(_send(board, world, name, **fields))


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("unit_post", {"kind": "ministry"}),
        ("unit_patch", {"kind": ""}),
        ("person_post", {"gender": "other"}),
        ("person_patch", {"gender": "MALE"}),
        ("bloc_post", {"kind": "group"}),
        ("bloc_patch", {"kind": None}),
        ("lineage_event_post", {"kind": "annex"}),
    ],
)
def test_unknown_enum_values_are_rejected(world, board, name, fields):
    _assert_validation_error(_send(board, world, name, **fields))


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("unit_patch", {"name": None}),
        ("unit_patch", {"code": None}),
        ("person_patch", {"full_name": None}),
        ("person_patch", {"unit_id": None}),
        ("season_patch", {"note": None}),
    ],
)
def test_null_for_required_field_is_rejected(world, board, name, fields):
    _assert_validation_error(_send(board, world, name, **fields))


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("unit_post", {"province_id": BIG}),
        ("unit_post", {"province_id": 0}),
        ("unit_post", {"parent_id": -1}),
        ("unit_patch", {"parent_id": BIG}),
        ("person_post", {"unit_id": BIG}),
        ("bloc_post", {"province_id": 2**70}),
        ("season_post", {"bloc_id": BIG}),
        ("season_post", {"member_ids": [BIG]}),
        ("season_patch", {"leader_id": BIG}),
        ("lineage_event_post", {"predecessor_ids": [BIG]}),
    ],
)
def test_body_ids_out_of_range_are_rejected(world, board, name, fields):
    _assert_validation_error(_send(board, world, name, **fields))


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("unit_post", {"province_id": 999_999}),
        ("unit_post", {"parent_id": 999_999}),
        ("unit_patch", {"parent_id": 999_999}),
        ("person_post", {"unit_id": 999_999}),
        ("person_patch", {"unit_id": 999_999}),
        ("bloc_post", {"province_id": 999_999}),
        ("season_post", {"bloc_id": 999_999}),
        ("season_post", {"member_ids": [999_999]}),
        ("season_patch", {"deputy_id": 999_999}),
        ("lineage_event_post", {"successor_ids": [999_999]}),
    ],
)
def test_body_unknown_ids_answer_not_found(world, board, name, fields):
    response = _send(board, world, name, **fields)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


ID_PATHS = [
    ("get", "/provinces/{}"),
    ("patch", "/provinces/{}"),
    ("get", "/provinces/{}/history"),
    ("get", "/units/{}"),
    ("patch", "/units/{}"),
    ("delete", "/units/{}"),
    ("get", "/units/{}/lineage"),
    ("get", "/units/{}/history"),
    ("get", "/people/{}"),
    ("patch", "/people/{}"),
    ("delete", "/people/{}"),
    ("get", "/people/{}/history"),
    ("get", "/blocs/{}"),
    ("patch", "/blocs/{}"),
    ("delete", "/blocs/{}"),
    ("get", "/blocs/{}/history"),
    ("get", "/seasons/{}"),
    ("patch", "/seasons/{}"),
    ("delete", "/seasons/{}"),
    ("get", "/seasons/{}/history"),
    ("post", "/seasons/{}/members"),
    ("delete", "/seasons/{}/members/{}"),
]


def _call(client, method, template, value):
    path = template.replace("{}", str(value))
    if method == "get":
        return client.get(path)
    body = {"allow_multi_bloc_membership": True} if "/provinces/" in path else {}
    if path.endswith("/members"):
        body = {"unit_id": 1}
    return getattr(client, method)(path, body)


@pytest.mark.parametrize(("method", "template"), ID_PATHS)
def test_path_unknown_id_answers_not_found(world, board, method, template):
    response = _call(board, method, template, 999_999)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("value", [0, BIG, 2**64, 10**30])
@pytest.mark.parametrize(("method", "template"), ID_PATHS)
def test_path_id_out_of_range_is_rejected(world, board, method, template, value):
    _assert_validation_error(_call(board, method, template, value))


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/units", {"province_id": BIG}),
        ("/units", {"province_id": "x"}),
        ("/units", {"kind": "ministry"}),
        ("/units", {"active_in_year": 10**6}),
        ("/units", {"active_in_year": 0}),
        ("/units", {"q": "x" * 256}),
        ("/people", {"unit_id": BIG}),
        ("/people", {"province_id": -5}),
        ("/blocs", {"province_id": BIG}),
        ("/seasons", {"bloc_id": BIG}),
        ("/seasons", {"year": 10**6}),
        ("/seasons", {"province_id": "một"}),
    ],
)
def test_bad_filters_are_rejected(world, board, path, params):
    _assert_validation_error(board.get(path, params))


@pytest.mark.parametrize("path", ["/units", "/people", "/blocs", "/seasons", "/provinces"])
def test_nul_in_query_string_is_rejected(world, board, path):
    response = board.client.get(f"/api/v1{path}?q=a%00b", headers=board._headers())

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_characters"


@pytest.mark.parametrize(
    ("raw", "status", "code"),
    [
        (b"{not json", 400, "malformed_body"),
        (b'{"name": "Kh\xff"}', 400, "malformed_body"),
        (b"\xff\xfe\x00", 400, "malformed_body"),
        (b"[1, 2]", 400, "malformed_body"),
        ('"Khối"'.encode(), 400, "malformed_body"),
        (b"null", 400, "malformed_body"),
        (b"", 422, "validation_error"),
    ],
)
@pytest.mark.parametrize("name", ["unit_post", "bloc_patch", "season_post"])
def test_malformed_body_answers_json_error(world, board, name, raw, status, code):
    method, path, _ = BODIES[name]

    response = getattr(board, method)(path(world), raw=raw)

    assert response.status_code == status, response.content
    assert response.json()["code"] == code


@pytest.mark.parametrize(
    "body",
    [
        {"username": NUL, "password": "x"},
        {"username": "ban", "password": NUL},
        {"username": "x" * 151, "password": "x"},
        {"username": 1, "password": "x"},
        {"username": "ban"},
    ],
)
def test_token_bad_input_is_rejected(api_client, board_admin, body):
    _assert_validation_error(api_client.post("/auth/token", body))


def test_unit_code_with_spaces_answers_validation_error(world, board):
    response = _send(board, world, "unit_post", code="ma co dau cach")

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert not Unit.objects.filter(code="ma co dau cach").exists()


def test_unit_period_reversed_answers_validation_error(world, board):
    response = _send(board, world, "unit_post", active_from="2020-01-01", active_to="2019-01-01")

    assert response.status_code == 422


def test_unit_duplicate_code_answers_client_error(world, board):
    response = _send(board, world, "unit_post", code=world.member.code)

    assert response.status_code in (409, 422)
    assert Unit.objects.filter(code=world.member.code).count() == 1


def test_blank_required_text_answers_validation_error(world, board):
    responses = [
        _send(board, world, "bloc_post", name="   "),
        _send(board, world, "person_post", full_name=""),
        _send(board, world, "unit_patch", name=" "),
    ]

    assert [r.status_code for r in responses] == [422, 422, 422]
    assert not Bloc.objects.filter(name="").exists()
    assert not Person.objects.filter(full_name="").exists()


def test_birth_year_out_of_range_answers_validation_error(world, board):
    response = _send(board, world, "person_post", birth_year=1850)

    assert response.status_code == 422
