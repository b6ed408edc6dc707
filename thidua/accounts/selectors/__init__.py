"""Reads of the accounts app."""

from django.utils import timezone

from thidua.accounts.models import ApiToken

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
