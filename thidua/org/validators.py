"""Validation shared by models, forms, services and the importer."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

MIN_YEAR = 1945
MAX_YEAR = 2100


def validate_year(value: int) -> None:
    if value < MIN_YEAR or value > MAX_YEAR:
        raise ValidationError(
            _("Năm %(year)s không hợp lệ (phải từ %(min)s đến %(max)s).")
            % {"year": value, "min": MIN_YEAR, "max": MAX_YEAR},
            code="invalid_year",
        )


def validate_birth_year(value: int) -> None:
    this_year = timezone.localdate().year
    if value < 1900 or value > this_year - 14:
        raise ValidationError(
            _("Năm sinh %(year)s không hợp lệ.") % {"year": value}, code="invalid_birth_year"
        )


def validate_active_period(
    active_from: datetime.date | None, active_to: datetime.date | None
) -> None:
    if active_from and active_to and active_to < active_from:
        raise ValidationError(
            {"active_to": _("Ngày kết thúc hoạt động phải sau ngày bắt đầu.")},
            code="invalid_period",
        )


def validate_code(value: str) -> None:
    if not value or any(ch.isspace() for ch in value) or len(value) > 40:
        raise ValidationError(
            _("Mã “%(code)s” không hợp lệ: tối đa 40 ký tự, không chứa khoảng trắng.")
            % {"code": value},
            code="invalid_code",
        )
