"""The secret feed links of the calendar (a unit's, the province's)."""

import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import Conflict
from thidua.deadlines.models import FeedToken
from thidua.org.models import Province, Unit
from thidua.org.services._common import save

TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


@transaction.atomic
def feed_token_rotate(
    *, actor: Any, unit: Unit | None = None, province: Province | None = None
) -> FeedToken:
    """Create the feed link of a unit (or of a province), or replace its secret.

    Side effects: the new secret is stored; the old URL answers 404 from now on; a history
    record (who, when; the secret itself is not kept in the history).
    """
    if (unit is None) == (province is None):
        raise ValueError("feed_token_rotate: a unit or a province")
    if unit is not None:
        require(actor, "deadlines.unit_feed", unit)
        row = FeedToken.objects.select_for_update().filter(unit=unit).first()
    else:
        require(actor, "deadlines.province_feed", province)
        row = FeedToken.objects.select_for_update().filter(province=province).first()
    created = row is None
    row = row or FeedToken(unit=unit, province=province)
    row.token = new_token()
    row.created_at = timezone.now()
    row.created_by = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            save(
                row,
                actor=actor,
                reason="feed_token_create" if created else "feed_token_rotate",
                update_fields=None if created else ["token", "created_at", "created_by"],
            )
    except IntegrityError as exc:
        raise Conflict(
            _("Đường dẫn vừa được người khác tạo; vui lòng tải lại trang."), code="conflict"
        ) from exc
    return row
