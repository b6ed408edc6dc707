"""A season's own dates (and the province's own steps for a year), instead of the template's."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import Conflict, NotFound, ValidationFailed
from thidua.deadlines.enums import DeadlineKind, Scope
from thidua.deadlines.models import DeadlineOverride
from thidua.deadlines.schedule import KINDS
from thidua.org.models import Province, Season
from thidua.org.services._common import delete, require_reason, save

MIN_YEAR, MAX_YEAR = 2000, 2100


def _kind(kind: Any, scope: str) -> str:
    if kind not in KINDS or KINDS[kind].scope != scope:
        raise ValidationFailed(
            _("Không điều chỉnh được loại mốc “%(kind)s” ở đây.")
            % {"kind": str(kind)[:40].replace("\x00", "")},
            code="unknown_kind",
        )
    return str(kind)


def _due(value: Any, year: int) -> datetime.date:
    """A real date within the emulation year's reach (the year before to the second after)."""
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValidationFailed(
            _("Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm."),
            code="invalid_date",
            details={"field": "due_on"},
        )
    if not year - 1 <= value.year <= year + 2:
        raise ValidationFailed(
            _("Hạn của năm thi đua %(year)s phải trong các năm %(low)s–%(high)s.")
            % {"year": year, "low": year - 1, "high": year + 2},
            code="invalid_date",
            details={"field": "due_on"},
        )
    return value


def _set_elsewhere(season: Season, kind: str) -> str:
    """Why the date cannot be overridden here (it lives in the covenant or the meeting), or ""."""
    field = KINDS[kind].covenant_field
    covenant = getattr(season, "covenant", None) if field else None
    if field and covenant is not None and getattr(covenant, field, None):
        return _(
            "Hạn này đã ghi trong giao ước thi đua (%(date)s) và được áp dụng khi chấm điểm; "
            "sửa trong trang giao ước."
        ) % {"date": getattr(covenant, field).strftime("%d/%m/%Y")}
    meeting = getattr(season, "meeting", None) if kind == DeadlineKind.MEETING else None
    if meeting is not None:
        return _("Hội nghị tổng kết đã có ngày họp (%(date)s); sửa trong trang hội nghị.") % {
            "date": meeting.held_on.strftime("%d/%m/%Y")
        }
    return ""


def _season(season: Season) -> Season:
    # Fresh, with the covenant and the meeting (a missing one reads as None through getattr).
    return Season.objects.select_related("bloc", "covenant", "meeting").get(pk=season.pk)


def _write(row: DeadlineOverride, *, actor: Any, reason: str, created: bool) -> None:
    try:
        with transaction.atomic():
            save(
                row,
                actor=actor,
                reason=reason,
                update_fields=None if created else ["due_on", "reason", "updated_by"],
            )
    except IntegrityError as exc:
        raise Conflict(
            _("Mốc này vừa được người khác điều chỉnh; vui lòng tải lại trang."), code="conflict"
        ) from exc


@transaction.atomic
def season_deadline_set(
    *, actor: Any, season: Season, kind: str, due_on: Any, reason: str
) -> DeadlineOverride:
    """Set a season's own date for `kind`, with the reason.

    Side effects: the override row saved with the acting user and a history record (old and new
    date, reason). Refusals: ValidationFailed (unknown_kind, invalid_date, reason_required),
    Conflict set_elsewhere (the covenant's deadline or the meeting's date rules), Conflict.
    """
    require(actor, "deadlines.override_season", season)
    kind = _kind(kind, Scope.SEASON)
    season = _season(season)
    due = _due(due_on, season.year)
    text = require_reason(reason, field=_("lý do điều chỉnh"))
    elsewhere = _set_elsewhere(season, kind)
    if elsewhere:
        raise Conflict(elsewhere, code="set_elsewhere")
    row = (
        DeadlineOverride.objects.select_for_update()
        .order_by("pk")
        .filter(season=season, kind=kind)
        .first()
    )
    created = row is None
    row = row or DeadlineOverride(
        season=season, province_id=season.bloc.province_id, year=season.year, kind=kind
    )
    if not created and row.due_on == due and row.reason == text:
        return row
    row.due_on, row.reason = due, text
    row.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    _write(row, actor=actor, reason="deadline_override_set", created=created)
    return row


@transaction.atomic
def season_deadline_clear(*, actor: Any, season: Season, kind: str) -> None:
    """Remove a season's own date: the template's applies again. Side effects: a history record
    of the deletion (who, the last date and reason). NotFound when there is none."""
    require(actor, "deadlines.override_season", season)
    kind = _kind(kind, Scope.SEASON)
    row = (
        DeadlineOverride.objects.select_for_update()
        .order_by("pk")
        .filter(season=season, kind=kind)
        .first()
    )
    if row is None:
        raise NotFound(_("Mốc này không có ngày điều chỉnh riêng."))
    delete(row, actor=actor, reason="deadline_override_clear")


@transaction.atomic
def province_deadline_set(
    *, actor: Any, province: Province, year: int, kind: str, due_on: Any, reason: str
) -> DeadlineOverride:
    """Set the date of one of the board's own steps (discipline reports, MOHA dossiers…) for
    an emulation year. Side effects and refusals as `season_deadline_set`."""
    require(actor, "deadlines.override_province", province)
    kind = _kind(kind, Scope.PROVINCE)
    year = _year(year)
    due = _due(due_on, year)
    text = require_reason(reason, field=_("lý do điều chỉnh"))
    row = (
        DeadlineOverride.objects.select_for_update()
        .order_by("pk")
        .filter(province=province, year=year, season__isnull=True, kind=kind)
        .first()
    )
    created = row is None
    row = row or DeadlineOverride(province=province, year=year, kind=kind)
    if not created and row.due_on == due and row.reason == text:
        return row
    row.due_on, row.reason = due, text
    row.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    _write(row, actor=actor, reason="deadline_override_set", created=created)
    return row


@transaction.atomic
def province_deadline_clear(*, actor: Any, province: Province, year: int, kind: str) -> None:
    require(actor, "deadlines.override_province", province)
    kind = _kind(kind, Scope.PROVINCE)
    row = (
        DeadlineOverride.objects.select_for_update()
        .order_by("pk")
        .filter(province=province, year=_year(year), season__isnull=True, kind=kind)
        .first()
    )
    if row is None:
        raise NotFound(_("Mốc này không có ngày điều chỉnh riêng."))
    delete(row, actor=actor, reason="deadline_override_clear")


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise ValidationFailed(
            _("Năm phải là số nguyên từ %(low)s đến %(high)s.")
            % {"low": MIN_YEAR, "high": MAX_YEAR},
            code="invalid_year",
        )
    return value
