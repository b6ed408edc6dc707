"""Issuing and revoking API tokens, and the current user."""

from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from thidua.accounts.services import api_token_issue, api_token_revoke
from thidua.api.auth import actor, current_token
from thidua.api.errors import AUTH, Error
from thidua.api.schemas import MeOut, TokenIn, TokenOut
from thidua.core.exceptions import DomainError

router = Router(tags=["auth"])


class LoginFailed(DomainError):
    status = 401
    code = "invalid_credentials"


class TooManyAttempts(DomainError):
    status = 429
    code = "too_many_attempts"


@router.post(
    "/auth/token",
    auth=None,
    response={201: TokenOut, 400: Error, 401: Error, 422: Error, 429: Error},
    summary="Cấp mã truy cập",
)
def token_issue(request: HttpRequest, payload: TokenIn) -> Status[Any]:
    """Exchange a username and password for a bearer token (login throttling applies)."""
    user = authenticate(request=request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        # Answered here in JSON; the flag is cleared so the axes middleware keeps this answer.
        request.axes_locked_out = False  # type: ignore[attr-defined]
        raise TooManyAttempts(_("Đăng nhập sai quá nhiều lần, vui lòng thử lại sau ít phút."))
    if user is None or not user.is_active:
        raise LoginFailed(_("Tên đăng nhập hoặc mật khẩu không đúng."))
    token, secret = api_token_issue(user=user)
    return Status(201, {"token": secret, "expires_at": token.expires_at})


@router.delete("/auth/token", response={204: None, **AUTH}, summary="Thu hồi mã truy cập")
def token_revoke(request: HttpRequest) -> Status[None]:
    """Revoke the token used for this request."""
    api_token_revoke(token=current_token(request))
    return Status(204, None)


@router.get("/me", response={200: MeOut, **AUTH}, summary="Người dùng hiện tại")
def me(request: HttpRequest) -> Any:
    return actor(request)
