"""Bearer-token authentication of the JSON API."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from thidua.accounts.models import ApiToken, User
from thidua.accounts.selectors import api_token_get_valid
from thidua.accounts.services import api_token_touch


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <secret>`; the token is looked up by the digest of the secret."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = api_token_get_valid(secret=token.strip())
        if api_token is None:
            return None
        api_token_touch(token=api_token)
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]
        return api_token.user


def current_token(request: HttpRequest) -> ApiToken:
    token: ApiToken = request.api_token  # type: ignore[attr-defined]
    return token


def actor(request: HttpRequest) -> User:
    """The user the bearer token belongs to."""
    user: User = request.auth  # type: ignore[attr-defined]
    return user
