import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.api.conftest import ApiClient
from tests.factories import PASSWORD, UserFactory
from thidua.accounts.models import ApiToken

pytestmark = pytest.mark.integration


def test_token_issue_returns_secret_and_stores_only_its_digest(api_client, board_admin):
    before = timezone.now()

    response = api_client.post("/auth/token", {"username": "ban", "password": PASSWORD})

    assert response.status_code == 201
    body = response.json()
    stored = ApiToken.objects.get()
    assert stored.digest == ApiToken.digest_of(body["token"])
    assert stored.digest != body["token"]
    assert stored.user == board_admin
    ttl = datetime.timedelta(hours=settings.API_TOKEN_TTL_HOURS)
    assert before + ttl <= stored.expires_at <= timezone.now() + ttl
    returned = datetime.datetime.fromisoformat(body["expires_at"])
    assert abs(returned - stored.expires_at) < datetime.timedelta(milliseconds=1)


def test_token_use_authenticates_and_records_last_use(board_api, board_admin):
    response = board_api.get("/me")

    assert response.status_code == 200
    assert response.json()["username"] == "ban"
    assert ApiToken.objects.get().last_used_at is not None


def test_token_wrong_password_answers_invalid_credentials(api_client, board_admin):
    response = api_client.post("/auth/token", {"username": "ban", "password": "sai-mat-khau"})

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"
    assert ApiToken.objects.count() == 0


def test_token_unknown_user_answers_invalid_credentials(api_client):
    response = api_client.post("/auth/token", {"username": "khong-co", "password": PASSWORD})

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"


def test_token_inactive_user_answers_invalid_credentials(api_client, province):
    UserFactory(username="nghi", is_active=False)

    response = api_client.post("/auth/token", {"username": "nghi", "password": PASSWORD})

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"


def test_token_login_throttled_after_repeated_failures(api_client, board_admin):
    statuses = [
        api_client.post("/auth/token", {"username": "ban", "password": f"sai-{i}"}).status_code
        for i in range(6)
    ]
    locked = api_client.post("/auth/token", {"username": "ban", "password": PASSWORD})

    assert statuses[:4] == [401, 401, 401, 401]
    assert statuses[5] == 429
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/json; charset=utf-8"
    assert locked.json()["code"] == "too_many_attempts"
    assert ApiToken.objects.count() == 0


def test_token_expired_is_refused(board_api):
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = board_api.get("/me")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_token_revoked_is_refused(board_api):
    revoke = board_api.delete("/auth/token")
    after = board_api.get("/me")

    assert revoke.status_code == 204
    assert ApiToken.objects.count() == 0
    assert after.status_code == 401
    assert after.json()["code"] == "not_authenticated"


def test_token_revoke_leaves_other_tokens(board_admin):
    first = ApiClient().login(board_admin)
    second = ApiClient().login(board_admin)

    first.delete("/auth/token")

    assert second.get("/me").status_code == 200
    assert first.get("/me").status_code == 401


def test_token_of_deactivated_user_is_refused(board_api, board_admin):
    board_admin.is_active = False
    board_admin.save()

    response = board_api.get("/me")

    assert response.status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer ",
        "Bearer khong-dung",
        "Basic YmFuOm1r",
        "Token abc",
        "Bearer " + "x" * 5000,
    ],
)
def test_token_missing_or_invalid_header_is_refused(api_client, board_admin, header):
    headers = {"Authorization": header} if header is not None else {}

    response = api_client.client.get("/api/v1/units", headers=headers)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response.json()["message"]


def test_me_describes_officer_role_and_unit(officer):
    client = ApiClient().login(officer)

    body = client.get("/me").json()

    assert body["role"] == "unit_officer"
    assert body["unit"]["id"] == officer.unit_id
    assert body["province"]["id"] == officer.province_id


def test_token_endpoints_need_no_csrf_token(board_admin):
    client = ApiClient()
    client.client = Client(enforce_csrf_checks=True)

    issued = client.login(board_admin)
    created = client.post("/blocs", {"province_id": board_admin.province_id, "name": "Khối A"})

    assert issued.token
    assert created.status_code == 201


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/khong-co", 404, "not_found"),
        ("/units/1/khong-co", 404, "not_found"),
        ("/units/-1", 422, "validation_error"),
        ("/units/abc", 422, "validation_error"),
    ],
)
def test_unknown_api_path_answers_json_error(board_api, path, status, code):
    response = board_api.get(path)

    assert response.status_code == status
    assert response.json()["code"] == code
