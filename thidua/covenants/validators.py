"""Validation shared by the covenant services, forms, the API and the spreadsheet import.

Each function returns the cleaned value or raises ValidationFailed with a Vietnamese message.
"""

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.exceptions import ValidationFailed
from thidua.core.text import nfc

from .enums import TieBreak

MAX_POINTS = Decimal("999999.99")
MAX_BANDS = 10
MAX_TITLES = 20
CODE_PATTERN = re.compile(r"^[0-9A-Za-zÀ-ỹĐđ._\-/]{1,20}$")


def clean_long_text(
    value: str | None, *, field: str, required: bool = False, max_length: int = 20000
) -> str:
    """Multi-line text: NFC, trailing spaces and blank edges trimmed, line breaks kept."""
    text = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise ValidationFailed(_("Trường “%(field)s” chứa ký tự không hợp lệ.") % {"field": field})
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    if required and not text:
        raise ValidationFailed(_("Trường “%(field)s” là bắt buộc.") % {"field": field})
    if len(text) > max_length:
        raise ValidationFailed(
            _("Trường “%(field)s” dài quá %(max)s ký tự.") % {"field": field, "max": max_length}
        )
    return text


def clean_points(value: Any, *, field: str, allow_zero: bool = True) -> Decimal:
    """A points value: a number with at most two decimals, not negative, within the column."""
    try:
        points = Decimal(str(value).strip().replace(",", ".")) if value is not None else None
    except InvalidOperation:
        points = None
    if points is None or not points.is_finite():
        raise ValidationFailed(
            _("Trường “%(field)s” phải là một số.") % {"field": field}, code="invalid_points"
        )
    if points != points.quantize(Decimal("0.01")):
        raise ValidationFailed(
            _("Trường “%(field)s” chỉ được có tối đa hai chữ số thập phân.") % {"field": field},
            code="invalid_points",
        )
    if points < 0 or points > MAX_POINTS:
        raise ValidationFailed(
            _("Trường “%(field)s” phải từ 0 đến 999999,99.") % {"field": field},
            code="invalid_points",
        )
    if points == 0 and not allow_zero:
        raise ValidationFailed(
            _("Trường “%(field)s” phải lớn hơn 0.") % {"field": field}, code="invalid_points"
        )
    return points.quantize(Decimal("0.01"))


def clean_code(value: str | None) -> str:
    code = nfc(value or "")
    if not CODE_PATTERN.match(code):
        raise ValidationFailed(
            _(
                "Mã “%(code)s” không hợp lệ: tối đa 20 ký tự gồm chữ, số và các dấu . - _ /, "
                "không có khoảng trắng."
            )
            % {"code": code},
            code="invalid_code",
        )
    return code


def clean_tie_breaks(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        raise ValidationFailed(_("Quy tắc xếp hạng khi bằng điểm phải là một danh sách."))
    result: list[str] = []
    for item in value:
        if item not in TieBreak.values:
            raise ValidationFailed(
                _("Quy tắc xếp hạng “%(rule)s” không hợp lệ.") % {"rule": item},
                code="invalid_tie_break",
            )
        if item in result:
            raise ValidationFailed(
                _("Quy tắc xếp hạng “%(rule)s” bị lặp lại.") % {"rule": item},
                code="invalid_tie_break",
            )
        result.append(str(item))
    return result


def _share(value: Any, *, field: str, code: str) -> float:
    try:
        share = Decimal(str(value))
    except InvalidOperation:
        share = Decimal(-1)
    if isinstance(value, bool) or not share.is_finite() or share < 0 or share > 1:
        raise ValidationFailed(
            _("Mức xếp loại “%(code)s”: “%(field)s” phải là tỉ lệ từ 0 đến 1.")
            % {"code": code, "field": field},
            code="invalid_band",
        )
    return float(share)


def clean_bands(value: Any) -> list[dict[str, Any]]:
    """Bands in order from the highest: unique codes, labels, shares between 0 and 1, descending."""
    if not isinstance(value, list | tuple) or len(value) > MAX_BANDS:
        raise ValidationFailed(
            _("Mức xếp loại phải là danh sách tối đa %(max)s mức.") % {"max": MAX_BANDS},
            code="invalid_band",
        )
    result: list[dict[str, Any]] = []
    for band in value:
        if not isinstance(band, dict):
            raise ValidationFailed(
                _("Mỗi mức xếp loại phải là một đối tượng."), code="invalid_band"
            )
        code = nfc(str(band.get("code") or ""))
        label = nfc(str(band.get("label") or ""))
        if not code or len(code) > 40 or not label or len(label) > 100:
            raise ValidationFailed(
                _("Mỗi mức xếp loại cần mã (tối đa 40 ký tự) và tên (tối đa 100 ký tự)."),
                code="invalid_band",
            )
        if any(b["code"] == code for b in result):
            raise ValidationFailed(
                _("Mã mức xếp loại “%(code)s” bị lặp lại.") % {"code": code}, code="invalid_band"
            )
        min_share = _share(band.get("min_share", 0), field="min_share", code=code)
        floor = _share(band.get("min_criterion_share", 0), field="min_criterion_share", code=code)
        if result and min_share > result[-1]["min_share"]:
            raise ValidationFailed(
                _("Các mức xếp loại phải xếp từ cao xuống thấp (mức “%(code)s”).") % {"code": code},
                code="invalid_band",
            )
        result.append(
            {"code": code, "label": label, "min_share": min_share, "min_criterion_share": floor}
        )
    return result


def clean_titles(value: Any) -> list[str]:
    """The titles a unit aims for: a free list of names, trimmed, without blanks or repeats."""
    if not isinstance(value, list | tuple):
        raise ValidationFailed(_("Danh hiệu đăng ký phải là một danh sách."))
    result: list[str] = []
    for item in value:
        title = nfc(str(item))
        if "\x00" in title or len(title) > 255:
            raise ValidationFailed(
                _("Tên danh hiệu không hợp lệ hoặc dài quá 255 ký tự."), code="invalid_title"
            )
        if title and title not in result:
            result.append(title)
    if len(result) > MAX_TITLES:
        raise ValidationFailed(
            _("Chỉ đăng ký tối đa %(max)s danh hiệu, hình thức khen thưởng.") % {"max": MAX_TITLES},
            code="invalid_title",
        )
    return result


def check_deadlines(
    registration: datetime.date | None,
    scoring: datetime.date | None,
    objection: datetime.date | None,
) -> None:
    if registration and scoring and scoring < registration:
        raise ValidationFailed(
            _("Hạn nộp bảng tự chấm phải sau hạn đăng ký thi đua."), code="invalid_deadlines"
        )
    if scoring and objection and objection < scoring:
        raise ValidationFailed(
            _("Hạn gửi ý kiến về điểm phải sau hạn nộp bảng tự chấm."), code="invalid_deadlines"
        )


def check_period(start: datetime.date | None, end: datetime.date | None) -> None:
    if start and end and end < start:
        raise ValidationFailed(_("Ngày kết thúc phải sau ngày bắt đầu."), code="invalid_period")
