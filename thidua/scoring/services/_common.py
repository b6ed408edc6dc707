"""Helpers shared by the scoring services: covenant readiness, states, deadlines, scored rows."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.enums import Role
from thidua.core.exceptions import Conflict, PermissionDeniedError
from thidua.covenants.enums import CovenantStatus, CriterionKind, ScoringMode
from thidua.covenants.models import Covenant, Criterion
from thidua.org.models import Season
from thidua.org.services._common import clean_text, delete, require_reason, save
from thidua.scoring.enums import ScorecardStatus
from thidua.scoring.models import Scorecard

__all__ = [
    "READY_STATUSES",
    "clean_text",
    "covenant_of",
    "delete",
    "is_officer_of",
    "refuse_own_card",
    "require_editable",
    "require_mode",
    "require_reason",
    "require_status",
    "save",
    "scored_criteria",
    "today",
]

READY_STATUSES = (CovenantStatus.SIGNING, CovenantStatus.LOCKED)
SCORED_KINDS = (CriterionKind.CRITERION, CriterionKind.BONUS, CriterionKind.DEDUCTION)


def today() -> datetime.date:
    return timezone.localdate()


def covenant_of(season: Season) -> Covenant:
    """The season's covenant; refused (covenant_not_ready) when missing or its table is a draft."""
    covenant = Covenant.objects.filter(season=season).first()
    if covenant is None or covenant.status not in READY_STATUSES:
        raise Conflict(
            _(
                "Năm thi đua chưa có giao ước với bảng điểm đã ký kết hoặc đã khoá, "
                "chưa thể chấm điểm."
            ),
            code="covenant_not_ready",
        )
    return covenant


def scored_criteria(covenant: Covenant) -> QuerySet[Criterion]:
    """The rows that carry a score: leaves of kind criterion, bonus or deduction (never a group)."""
    return (
        Criterion.objects.filter(covenant=covenant, kind__in=SCORED_KINDS)
        .filter(children__isnull=True)
        .order_by("order", "id")
    )


def _status_label(status: str) -> str:
    return str(ScorecardStatus(status).label)


def require_status(card: Scorecard, allowed: Iterable[str], *, target: str | None = None) -> None:
    """Refuse (invalid_transition) unless the card is in one of the `allowed` states."""
    allowed = tuple(allowed)
    if card.status in allowed:
        return
    if target is not None:
        message = _(
            "Bảng điểm đang ở trạng thái “%(status)s”, không thể chuyển sang “%(target)s”."
        ) % {"status": _status_label(card.status), "target": _status_label(target)}
    else:
        message = _(
            "Bảng điểm đang ở trạng thái “%(status)s”, không thể thực hiện thao tác này."
        ) % {"status": _status_label(card.status)}
    raise Conflict(message, code="invalid_transition")


def is_officer_of(actor: Any, unit_id: int) -> bool:
    return bool(getattr(actor, "unit_id", None) == unit_id and actor.role == Role.UNIT_OFFICER)


def refuse_own_card(actor: Any, card: Scorecard, *, code: str) -> None:
    """An officer never reviews, cross-scores or answers for its own unit's card."""
    if is_officer_of(actor, card.unit_id):
        messages = {
            "cannot_score_self": _("Đơn vị không được chấm chéo bảng điểm của chính mình."),
            "cannot_review_self": _(
                "Đơn vị trưởng khối không thẩm định bảng điểm của chính mình; "
                "Ban Thi đua – Khen thưởng thẩm định bảng này."
            ),
        }
        raise PermissionDeniedError(messages[code], code=code)


def require_editable(card: Scorecard, allowed: Iterable[str]) -> None:
    """Refuse (scorecard_locked) a change of scores outside the states that allow it."""
    if card.status not in tuple(allowed):
        raise Conflict(
            _("Bảng điểm đang ở trạng thái “%(status)s”, không sửa được điểm ở bước này.")
            % {"status": _status_label(card.status)},
            code="scorecard_locked",
        )


def require_mode(covenant: Covenant, mode: str) -> None:
    if covenant.scoring_mode != mode:
        raise Conflict(
            _("Giao ước của năm thi đua không dùng hình thức “%(mode)s”.")
            % {"mode": ScoringMode(mode).label},
            code="wrong_mode",
        )
