"""The one permission check used by services, pages, the API and management commands."""

from typing import Any

from django.utils.translation import gettext as _

from thidua.core.exceptions import NotFound, PermissionDeniedError


def require(user: Any, perm: str, obj: Any = None) -> None:
    """Raise PermissionDeniedError unless `user` holds `perm` on `obj`.

    A record outside the user's scope answers "not found", as a missing one would.
    """
    if obj is not None and not user.has_perm("org.view_record", obj):
        raise NotFound()
    if not user.has_perm(perm, obj):
        raise PermissionDeniedError(_("Bạn không có quyền thực hiện thao tác này."))


def can(user: Any, perm: str, obj: Any = None) -> bool:
    return bool(user.has_perm(perm, obj))
