"""Audit trail: every service write records who did it and why, through django-simple-history."""

from typing import Any

from django.db import models


def stamp(instance: models.Model, *, actor: Any, reason: str = "") -> None:
    """Attach the acting user and a change reason to the next history row of `instance`."""
    instance._history_user = actor if getattr(actor, "is_authenticated", False) else None  # type: ignore[attr-defined]
    instance._change_reason = reason[:100]  # type: ignore[attr-defined]


def save_audited(
    instance: models.Model, *, actor: Any, reason: str, update_fields: list[str] | None = None
) -> None:
    stamp(instance, actor=actor, reason=reason)
    instance.full_clean()
    if update_fields is not None and instance.pk is not None:
        instance.save(update_fields=update_fields)
    else:
        instance.save()


def history_rows(instance: models.Model, *, limit: int = 50) -> list[dict[str, Any]]:
    """The record's history, newest first, each with who, when, what and the changed fields."""
    rows: list[dict[str, Any]] = []
    manager: Any = instance.history  # type: ignore[attr-defined]
    records = list(
        manager.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    for i, record in enumerate(records[:limit]):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            changes = [{"field": c.field, "old": c.old, "new": c.new} for c in delta.changes]
        rows.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "type_code": record.history_type,
                "reason": record.history_change_reason or "",
                "changes": changes,
            }
        )
    return rows
