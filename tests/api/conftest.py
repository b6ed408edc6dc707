"""An API client that signs in through the real token endpoint."""

import json
from typing import Any

import pytest
from django.test import Client

from tests.factories import PASSWORD

BASE = "/api/v1"


class ApiClient:
    """JSON requests to /api/v1 with an optional bearer token."""

    def __init__(self) -> None:
        self.client = Client()
        self.token: str | None = None

    def login(self, user: Any) -> "ApiClient":
        response = self.post("/auth/token", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 201, response.content
        self.token = response.json()["token"]
        return self

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def request(self, method: str, path: str, data: Any = None, *, raw: bytes | None = None):
        body: Any = raw if raw is not None else (json.dumps(data) if data is not None else "")
        return getattr(self.client, method)(
            BASE + path,
            data=body,
            content_type="application/json",
            headers=self._headers(),
        )

    def get(self, path: str, params: dict[str, Any] | None = None):
        return self.client.get(BASE + path, params or {}, headers=self._headers())

    def post(self, path: str, data: Any = None, **kw: Any):
        return self.request("post", path, data, **kw)

    def patch(self, path: str, data: Any = None, **kw: Any):
        return self.request("patch", path, data, **kw)

    def delete(self, path: str, data: Any = None, **kw: Any):
        return self.request("delete", path, data, **kw)


@pytest.fixture
def api_client(db):
    """An anonymous API client; call `.login(user)` to get a token through POST /auth/token."""
    return ApiClient()


@pytest.fixture
def board_api(board_admin):
    return ApiClient().login(board_admin)


@pytest.fixture
def officer_api(officer):
    return ApiClient().login(officer)


@pytest.fixture
def viewer_api(viewer):
    return ApiClient().login(viewer)


def schema_writes(tag: str | None = None) -> set[tuple[str, str]]:
    """(method, path) of every write operation of the API's schema; of `tag` only when given."""
    from thidua.api.main import api  # noqa: PLC0415 - the API after Django is set up

    schema = api.get_openapi_schema(path_prefix="")
    return {
        (method, path)
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if method != "get" and (tag is None or tag in op.get("tags", []))
    }
