"""Template context shared by every page: who is signed in and what the header offers them."""

from typing import Any

from django.http import HttpRequest

from thidua.accounts.enums import Role


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    is_board = bool(signed_in and (user.is_superuser or user.role == Role.BOARD_ADMIN))  # type: ignore[union-attr]
    return {
        "nav_signed_in": signed_in,
        "nav_is_board": is_board,
        "nav_section": getattr(request, "nav_section", ""),
    }
