"""The board's edits of a province's calendar template and reminder offsets."""

from dataclasses import asdict, replace
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import ValidationFailed
from thidua.deadlines import schedule
from thidua.deadlines.enums import Anchor, Confidence
from thidua.deadlines.models import CalendarSetting, DeadlineTemplate
from thidua.deadlines.schedule import KINDS, TemplateRow
from thidua.org.models import Province
from thidua.org.services._common import clean_text, save

TEXT_MAX = 255
DESCRIPTION_MAX = 4000
EDITABLE = (
    "title",
    "anchor",
    "month",
    "day",
    "year_offset",
    "days_before",
    "working_days",
    "description",
    "citation",
    "confidence",
    "active",
)


def _lock(province: Province) -> None:
    list(Province.objects.select_for_update().filter(pk=province.pk).values("pk"))


def template_seed(*, actor: Any, province: Province) -> int:
    """Copy the defaults (defaults.toml) into the province's rows for the kinds it lacks.

    Side effects: one row and one history record ("deadline_template_seed") per kind added.
    Returns the number of rows added. The caller holds the permission and the transaction.
    """
    have = set(DeadlineTemplate.objects.filter(province=province).values_list("kind", flat=True))
    added = 0
    for row in schedule.default_rows():
        if row.kind in have:
            continue
        instance = DeadlineTemplate(province=province, kind=row.kind, updated_by=_user(actor))
        _assign(instance, row)
        save(instance, actor=actor, reason="deadline_template_seed")
        added += 1
    return added


@transaction.atomic
def template_row_set(
    *, actor: Any, province: Province, kind: str, **values: Any
) -> DeadlineTemplate:
    """Set the province's row of `kind` (fields of EDITABLE; those not given keep their value).

    Side effects: the province's rows are first seeded from the defaults when missing; the row
    is saved with the acting user and a history record (old and new values). An unchanged row
    is returned without a record. Refusals: ValidationFailed (unknown_kind, unknown_field,
    invalid, required, too_long) with the problems per field in `details`; nothing changes.
    """
    require(actor, "deadlines.change_template", province)
    if kind not in KINDS:
        raise ValidationFailed(
            _("Không có loại mốc “%(kind)s”.") % {"kind": str(kind)[:40].replace("\x00", "")},
            code="unknown_kind",
        )
    unknown = sorted(set(values) - set(EDITABLE))
    if unknown:
        raise ValidationFailed(
            _("Không sửa được trường “%(field)s”.") % {"field": unknown[0][:40]},
            code="unknown_field",
        )
    _lock(province)
    template_seed(actor=actor, province=province)
    instance = DeadlineTemplate.objects.select_for_update().get(province=province, kind=kind)
    current = schedule.TemplateRow(**{k: getattr(instance, k) for k in ("kind", *EDITABLE)})
    wanted = clean_row(replace(current, **values))
    if wanted == current:
        return instance
    changed = [k for k in EDITABLE if getattr(wanted, k) != getattr(current, k)]
    _assign(instance, wanted)
    instance.updated_by = _user(actor)
    save(
        instance,
        actor=actor,
        reason="deadline_template_update",
        update_fields=[*changed, "updated_by"],
    )
    return instance


def clean_row(row: TemplateRow) -> TemplateRow:
    """The row with clean texts and consistent fields; ValidationFailed listing every problem."""
    problems: dict[str, str] = {}
    texts: dict[str, Any] = {}
    for name, label, limit, required in (
        ("title", _("tên mốc"), TEXT_MAX, True),
        ("citation", _("căn cứ"), TEXT_MAX, True),
        ("description", _("mô tả"), DESCRIPTION_MAX, False),
    ):
        try:
            texts[name] = clean_text(
                _str(getattr(row, name)), field=label, required=required, max_length=limit
            )
        except ValidationFailed as exc:
            problems[name] = exc.message
    for name in ("month", "day", "year_offset", "days_before"):
        value = getattr(row, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            problems[name] = _("Giá trị phải là số nguyên.")
    if row.anchor not in Anchor.values:
        problems["anchor"] = _("Cách tính không hợp lệ.")
    if row.confidence not in Confidence.values:
        problems["confidence"] = _("Mức tin cậy phải là C, R hoặc U.")
    for name in ("working_days", "active"):
        if not isinstance(getattr(row, name), bool):
            problems[name] = _("Giá trị phải là đúng hoặc sai.")
    if not problems:
        problems.update(schedule.row_errors(row))
    if problems:
        raise ValidationFailed(
            " ".join(dict.fromkeys(problems.values())), code="invalid", details=problems
        )
    # The fields of the other anchor are cleared, so the row says one thing only.
    if row.anchor == Anchor.DATE:
        return replace(row, **texts, days_before=None, working_days=False)
    return replace(row, **texts, month=None, day=None, year_offset=0)


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _assign(instance: DeadlineTemplate, row: TemplateRow) -> None:
    for name, value in asdict(row).items():
        if name in EDITABLE:
            setattr(instance, name, value)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def reminder_days_set(*, actor: Any, province: Province, days: Any) -> CalendarSetting:
    """Set the province's reminder offsets (1 to 5 distinct days, each 0–90, before a deadline).

    Side effects: the setting is saved with a history record. Refusals: ValidationFailed
    (invalid_reminder_days); nothing changes.
    """
    require(actor, "deadlines.change_template", province)
    cleaned = clean_reminder_days(days)
    _lock(province)
    setting = CalendarSetting.objects.filter(province=province).first()
    if setting is not None and list(setting.reminder_days) == cleaned:
        return setting
    created = setting is None
    setting = setting or CalendarSetting(province=province)
    setting.reminder_days = cleaned
    setting.updated_by = _user(actor)
    save(
        setting,
        actor=actor,
        reason="reminder_days_set",
        update_fields=None if created else ["reminder_days", "updated_by"],
    )
    return setting


def clean_reminder_days(days: Any) -> list[int]:
    """Distinct whole days from 0 to 90, largest first; a text "7, 1" is accepted."""
    if isinstance(days, str):
        parts = [p.strip() for p in days.replace(";", ",").split(",") if p.strip()]
        try:
            days = [int(p) for p in parts]
        except ValueError:
            days = None
    ok = (
        isinstance(days, list | tuple)
        and 1 <= len(days) <= schedule.MAX_REMINDERS
        and all(
            isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= schedule.MAX_REMINDER_DAY
            for d in days
        )
    )
    if not ok:
        raise ValidationFailed(
            _(
                "Số ngày nhắc trước phải là từ 1 đến %(count)s số nguyên từ 0 đến %(max)s, "
                "cách nhau bằng dấu phẩy, ví dụ “7, 1”."
            )
            % {"count": schedule.MAX_REMINDERS, "max": schedule.MAX_REMINDER_DAY},
            code="invalid_reminder_days",
            details={"field": "reminder_days"},
        )
    return sorted(set(days), reverse=True)
