"""Issuing and revoking bearer tokens of the JSON API."""

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import ApiToken

# Writing `last_used_at` on every request would turn each read into a write.
TOUCH_INTERVAL = datetime.timedelta(minutes=5)


@transaction.atomic
def api_token_issue(*, user: Any) -> tuple[ApiToken, str]:
    """Create a token for `user` and return it with its secret.

    Side effects: stores only the SHA-256 digest of the secret, so the secret is shown once;
    expired tokens of the same user are deleted.
    """
    now = timezone.now()
    ApiToken.objects.filter(user=user, expires_at__lte=now).delete()
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        digest=ApiToken.digest_of(secret),
        expires_at=now + datetime.timedelta(hours=settings.API_TOKEN_TTL_HOURS),
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).delete()


def api_token_touch(*, token: ApiToken) -> None:
    """Record that the token was used (at most once per TOUCH_INTERVAL)."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < TOUCH_INTERVAL:
        return
    token.last_used_at = now
    token.save(update_fields=["last_used_at"])
