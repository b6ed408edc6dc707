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


def validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(f"{m}" for messages in exc.message_dict.values() for m in messages)
    return " ".join(str(m) for m in exc.messages)


def full_clean_or_raise(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=True, validate_constraints=True)
    except ValidationError as exc:
        details = getattr(exc, "message_dict", None)
        raise ValidationFailed(validation_message(exc), details=details) from exc


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
