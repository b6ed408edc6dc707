"""The rulebook API: GET /rulebook, a province's rule settings (list, PUT, DELETE), errors."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.api.conftest import ApiClient
from tests.factories import ProvinceFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.awards import services
from thidua.awards.models import RuleSetting

pytestmark = pytest.mark.integration
CITATION = "QĐ 86/2025/QĐ-UBND, Điều 3"
BODY = {"params": {"seats_quota": 2}, "from_year": 2025, "citation": CITATION}
# The write endpoints whose role matrix this module covers (for tests/api/test_permissions.py).
COVERED_WRITES = {
    ("put", "/provinces/{province_id}/rule-settings/{rule_id}"),
    ("delete", "/rule-settings/{setting_id}"),
}


@pytest.fixture(autouse=True)
def _static_root() -> None:
    # WhiteNoise warns (an error under pytest) when STATIC_ROOT is missing.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


def _api(user):
    return ApiClient().login(user)


def _put(api, province_id, rule_id="BLK-09", body=None):
    return api.request("put", f"/provinces/{province_id}/rule-settings/{rule_id}", body or BODY)


def _setting(actor, province, rule_id="BLK-09", params=None):
    return services.rule_setting_set(
        actor=actor,
        province=province,
        rule_id=rule_id,
        params=params or {"seats_quota": 2},
        from_year=2024,
        citation=CITATION,
    )


# ── GET /rulebook ────────────────────────────────────────────────────────────────────────────


def test_rulebook_lists_rules_with_versions_and_the_catalogue(viewer):
    response = _api(viewer).get("/rulebook")

    assert response.status_code == 200
    data = response.json()
    rules = {rule["id"]: rule for rule in data["rules"]}
    vot03 = rules["VOT-03"]
    assert [v["confidence"] for v in vot03["versions"]] == ["C", "U"]
    assert vot03["versions"][0]["citation"] == "NĐ 98/2023/NĐ-CP, Điều 30 khoản 7"
    assert vot03["versions"][0]["effective_to"] == "2025-06-30"
    assert vot03["versions"][0]["params"] == {"share": "4/5", "strict": False, "base": "members"}
    assert "co_thi_dua_ubnd_tinh" in vot03["versions"][0]["applies_to"]
    assert vot03["group"] == "VOT"
    assert rules["BLK-Q-BK"]["group"] == "product"
    assert rules["BLK-09"]["settable_params"] == ["seats_quota"]
    codes = [a["code"] for a in data["award_types"]]
    assert codes[:2] == ["co_thi_dua_chinh_phu", "co_thi_dua_ubnd_tinh"]
    assert data["award_types"][1]["quota_rule"] == "BLK-09"


def test_rulebook_needs_a_token(api_client_anonymous):
    response = api_client_anonymous.get("/rulebook")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.fixture
def api_client_anonymous(db):
    return ApiClient()


# ── settings: list, put, delete ──────────────────────────────────────────────────────────────


def test_rule_setting_put_creates_then_updates(board_admin, province):
    api = _api(board_admin)

    created = _put(api, province.pk)
    updated = _put(api, province.pk, body={**BODY, "params": {"seats_quota": 3}, "note": "Sửa"})

    assert created.status_code == 200
    assert created.json() == {
        "id": created.json()["id"],
        "province_id": province.pk,
        "rule_id": "BLK-09",
        "params": {"seats_quota": 2},
        "from_year": 2025,
        "citation": CITATION,
        "note": "",
        "updated_by": board_admin.username,
    }
    assert updated.json()["id"] == created.json()["id"]
    assert RuleSetting.objects.get().params == {"seats_quota": 3}
    assert RuleSetting.history.count() == 2


@pytest.mark.parametrize("role", ["board_admin", "officer", "viewer"])
def test_rule_setting_list_readable_in_scope(request, board_admin, province, role):
    _setting(board_admin, province)
    _setting(board_admin, province, rule_id="VOT-11", params={"policy": "gen05"})

    response = _api(request.getfixturevalue(role)).get(f"/provinces/{province.pk}/rule-settings")

    assert response.status_code == 200
    assert [(s["rule_id"], s["params"]) for s in response.json()] == [
        ("BLK-09", {"seats_quota": 2}),
        ("VOT-11", {"policy": "gen05"}),
    ]


def test_rule_setting_list_other_province_is_404(board_admin, province):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())

    response = _api(stranger).get(f"/provinces/{province.pk}/rule-settings")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [("officer", 403, "permission_denied"), ("viewer", 403, "permission_denied")],
)
def test_rule_setting_put_denied(request, province, role, status, code):
    response = _put(_api(request.getfixturevalue(role)), province.pk)

    assert (response.status_code, response.json()["code"]) == (status, code)
    assert RuleSetting.objects.count() == 0


def test_rule_setting_put_other_province_is_404(province):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())

    response = _put(_api(stranger), province.pk)

    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert RuleSetting.objects.count() == 0


@pytest.mark.parametrize(
    ("rule_id", "body", "status", "code"),
    [
        ("VOT-99", BODY, 422, "unknown_rule"),
        ("BLK-09", {**BODY, "params": {"share": "1/2"}}, 422, "unknown_param"),
        ("VOT-13", {**BODY, "params": {"share": "1.5"}}, 422, "invalid_param"),
        ("VOT-13", {**BODY, "params": {"strict": "yes"}}, 422, "invalid_param"),
        ("BLK-09", {**BODY, "params": {"seats_quota": 0}}, 422, "invalid_param"),
        ("BLK-09", {**BODY, "citation": "QĐ\u0000"}, 422, "invalid_text"),
        ("BLK-09", {**BODY, "citation": ""}, 422, "required"),
        ("BLK-09", {**BODY, "from_year": 1999}, 422, "invalid_year"),
        ("BLK-09", {**BODY, "from_year": "2025"}, 422, "validation_error"),
        ("BLK-09", {"params": {"seats_quota": 2}}, 422, "validation_error"),
        ("BLK_09", BODY, 422, "validation_error"),
    ],
)
def test_rule_setting_put_bad_input(board_admin, province, rule_id, body, status, code):
    response = _put(_api(board_admin), province.pk, rule_id=rule_id, body=body)

    assert response.status_code == status
    error = response.json()
    assert error["code"] == code
    assert error["message"]
    assert RuleSetting.objects.count() == 0


def test_rule_setting_put_error_details_name_the_parameter(board_admin, province):
    response = _put(
        _api(board_admin),
        province.pk,
        rule_id="VOT-13",
        body={**BODY, "params": {"share": "1.5", "strict": True}},
    )

    assert list(response.json()["details"]["params"]) == ["share"]


def test_rule_setting_put_malformed_body_is_400(board_admin, province):
    api = _api(board_admin)

    response = api.request("put", f"/provinces/{province.pk}/rule-settings/BLK-09", raw=b"[1, 2]")

    assert (response.status_code, response.json()["code"]) == (400, "malformed_body")


def test_rule_setting_delete(board_admin, province):
    setting = _setting(board_admin, province)

    response = _api(board_admin).delete(f"/rule-settings/{setting.pk}")

    assert response.status_code == 204
    assert RuleSetting.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "status"), [("officer", 403), ("viewer", 403), ("foreign_board", 404)]
)
def test_rule_setting_delete_denied(request, board_admin, province, role, status):
    setting = _setting(board_admin, province)
    if role == "foreign_board":
        user = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())
    else:
        user = request.getfixturevalue(role)

    response = _api(user).delete(f"/rule-settings/{setting.pk}")

    assert response.status_code == status
    assert RuleSetting.objects.count() == 1


def test_rule_setting_delete_missing_is_404(board_admin):
    response = _api(board_admin).delete("/rule-settings/999999")

    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_openapi_documents_the_rulebook_paths(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert set(paths["/api/v1/rulebook"]) == {"get"}
    assert set(paths["/api/v1/provinces/{province_id}/rule-settings"]) == {"get"}
    assert set(paths["/api/v1/provinces/{province_id}/rule-settings/{rule_id}"]) == {"put"}
    assert set(paths["/api/v1/rule-settings/{setting_id}"]) == {"delete"}
    put_codes = set(
        paths["/api/v1/provinces/{province_id}/rule-settings/{rule_id}"]["put"]["responses"]
    )
    assert put_codes >= {"200", "400", "401", "403", "404", "409", "422"}
