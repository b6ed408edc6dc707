"""Units excluded from a season's ranking by a hard rule (e.g. GEN-03), recorded by the board."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.org.models import Season, Unit
from thidua.scoring.models import Exclusion
from thidua.scoring.services._common import clean_text, delete, require_reason, save

DEFAULT_RULE = "GEN-03"


@transaction.atomic
def exclusion_create(
    *, actor: Any, season: Season, unit: Unit, reason: str, rule_id: str = DEFAULT_RULE
) -> Exclusion:
    """Record that a member unit is not ranked this season, with the rule and the reason.

    Side effect: the exclusion is created (audited).
    """
    require(actor, "scoring.exclude_unit", season)
    if not season.memberships.filter(unit=unit).exists():
        raise ValidationFailed(
            _("Đơn vị “%(unit)s” không phải thành viên của khối trong năm %(year)s.")
            % {"unit": unit, "year": season.year},
            code="not_member",
        )
    if Exclusion.objects.filter(season=season, unit=unit).exists():
        raise Conflict(
            _("Đơn vị “%(unit)s” đã được ghi nhận không xét trong năm này.") % {"unit": unit},
            code="already_excluded",
        )
    exclusion = Exclusion(
        season=season,
        unit=unit,
        rule_id=clean_text(rule_id, field=_("quy tắc"), max_length=20) or DEFAULT_RULE,
        reason=require_reason(reason, field=_("lý do")),
        recorded_by=actor,
    )
    save(exclusion, actor=actor, reason="exclusion_create")
    return exclusion


@transaction.atomic
def exclusion_delete(*, actor: Any, exclusion: Exclusion, reason: str) -> None:
    """Remove an exclusion; the reason goes into the history."""
    item = Exclusion.objects.select_related("season").get(pk=exclusion.pk)
    require(actor, "scoring.exclude_unit", item)
    text = require_reason(reason, field=_("lý do bỏ ghi nhận"))
    delete(item, actor=actor, reason=f"exclusion_delete: {text}")
