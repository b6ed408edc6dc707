"""Helpers shared by the org services."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from thidua.core.audit import stamp
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.core.text import nfc


def clean_text(
    value: str | None, *, field: str, required: bool = False, max_length: int = 255
) -> str:
    text = nfc(value or "")
    if "\x00" in text:
        raise ValidationFailed(_("Trường “%(field)s” chứa ký tự không hợp lệ.") % {"field": field})
    if required and not text:
        raise ValidationFailed(_("Trường “%(field)s” là bắt buộc.") % {"field": field})
    if len(text) > max_length:
        raise ValidationFailed(
            _("Trường “%(field)s” dài quá %(max)s ký tự.") % {"field": field, "max": max_length}
        )
    return text


def require_reason(reason: str, *, field: str) -> str:
    """A reason the user must give (a review change, an override, a cancellation…)."""
    text = clean_text(reason, field=field, max_length=4000)
    if not text:
        raise ValidationFailed(
            _("Cần ghi rõ lý do (%(field)s).") % {"field": field}, code="reason_required"
        )
    return text


def validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(f"{m}" for messages in exc.message_dict.values() for m in messages)
    return " ".join(str(m) for m in exc.messages)


def _loaded_relations(instance: models.Model) -> list[str]:
    """Foreign keys whose target object is already in hand: checking they exist costs a query each."""
    names = []
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.is_cached(instance):
            target = getattr(instance, field.name)
            if target is not None and target.pk is not None:
                names.append(field.name)
    return names


def full_clean_or_raise(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """Model.full_clean, minus the existence query for foreign keys whose object is in hand.

    Unique checks and constraints still see every field (full_clean's `exclude` would skip them).
    """
    errors: dict[str, list[Any]] = {}
    steps = (
        lambda: instance.clean_fields(exclude=[*(exclude or []), *_loaded_relations(instance)]),
        instance.clean,
        lambda: instance.validate_unique(exclude=exclude),
        lambda: instance.validate_constraints(exclude=exclude),
    )
    for step in steps:
        try:
            step()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        combined = ValidationError(errors)
        raise ValidationFailed(validation_message(combined), details=combined.message_dict)


def save(
    instance: models.Model, *, actor: Any, reason: str, update_fields: list[str] | None = None
) -> None:
    """Validate and save with an audit stamp (who, why); history keeps old and new values."""
    stamp(instance, actor=actor, reason=reason)
    full_clean_or_raise(instance)
    if update_fields is not None:
        instance.save(update_fields=update_fields)
    else:
        instance.save()


def delete(instance: models.Model, *, actor: Any, reason: str) -> None:
    stamp(instance, actor=actor, reason=reason)
    try:
        instance.delete()
    except (ProtectedError, RestrictedError) as exc:
        raise Conflict(
            _("Không thể xoá “%(name)s” vì còn dữ liệu liên quan.") % {"name": instance},
            code="in_use",
        ) from exc
