"""Reads of the accounts app."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import ApiToken, User
from thidua.accounts.scoping import visible_province_ids
from thidua.core.exceptions import NotFound

# Secrets are 43 characters; anything much longer is not one of ours and is not hashed.
MAX_SECRET_LENGTH = 200


def api_token_get_valid(*, secret: str) -> ApiToken | None:
    """The unexpired token of an active user whose secret is `secret`, or None."""
    if not secret or len(secret) > MAX_SECRET_LENGTH:
        return None
    return (
        ApiToken.objects.select_related("user", "user__province", "user__unit")
        .filter(
            digest=ApiToken.digest_of(secret),
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )


def user_in_scope_or_none(*, user: Any, pk: int | None) -> User | None:
    """An active account among the users in `user`'s provinces (by its unit, else its own
    province), for a form or request naming one: None when `pk` is None; NotFound when it is
    missing, inactive or out of scope."""
    if pk is None:
        return None
    found = User.objects.select_related("unit").filter(pk=pk, is_active=True).first()
    ids = visible_province_ids(user)
    if found is not None and ids is not None:
        province_id = found.unit.province_id if found.unit is not None else found.province_id
        if province_id not in ids:
            found = None
    if found is None:
        raise NotFound(_("Không tìm thấy tài khoản."))
    return found
