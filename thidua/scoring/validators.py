"""Validation shared by the scoring services, forms and API: points and evidence files.

Evidence files are recognised by their content (magic bytes, and the main part named in
`[Content_Types].xml` for Office Open XML), never by their name or the browser's MIME type.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from thidua.core.exceptions import ValidationFailed

EVIDENCE_MAX_BYTES: int = getattr(settings, "SCORING_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
FILENAME_MAX_STEM = 80
TWO_PLACES = Decimal("0.01")

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PNG = "image/png"
JPEG = "image/jpeg"

EXTENSIONS = {
    PDF: "pdf",
    DOCX: "docx",
    XLSX: "xlsx",
    DOC: "doc",
    XLS: "xls",
    PNG: "png",
    JPEG: "jpg",
}
# The main part of a Word or Excel document; macro-enabled variants (.docm, .xlsm) differ and fail.
_OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_CONTENT_TYPES_MAX = 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    name: str
    size: int


def _refuse_type() -> ValidationFailed:
    return ValidationFailed(
        _(
            "Tệp minh chứng phải là PDF, Word (.docx, .doc), Excel (.xlsx, .xls) hoặc ảnh PNG, JPEG; "
            "nội dung tệp không đúng các loại này."
        ),
        code="evidence_type",
    )


def _ooxml_type(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_MAX:
                return None
            manifest = archive.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError):
        return None
    found = {kind for part, kind in _OOXML_MAIN_PARTS.items() if f'"{part}"' in manifest}
    return found.pop() if len(found) == 1 else None


def sniff_content_type(stream: IO[bytes], *, name: str = "") -> str | None:
    """The evidence type of the content, or None when it is not an accepted type.

    The old binary Office formats share one container (OLE2), so the name's extension picks
    Word or Excel; any other extension on an OLE2 file is refused.
    """
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(_OLE2):
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return {"doc": DOC, "xls": XLS}.get(extension)
    if head.startswith(_ZIP):
        kind = _ooxml_type(stream)
        stream.seek(0)
        return kind
    return None


def sanitize_filename(name: str, *, extension: str = "") -> str:
    """A safe file name: no folders, ASCII letters (Vietnamese folded), digits, `.`, `_`, `-`.

    `extension` (without the dot) replaces whatever extension the name had.
    """
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFKD", base.translate(_FOLDS))
    base = "".join(ch for ch in base if not unicodedata.combining(ch))
    stem, dot, old_extension = base.rpartition(".")
    if not dot:
        stem, old_extension = base, ""
    stem = _UNSAFE.sub("-", stem.replace(" ", "_")).strip(".-_")
    stem = re.sub(r"[-_.]{2,}", "-", stem)[:FILENAME_MAX_STEM].strip(".-_") or "minh-chung"
    extension = extension or _UNSAFE.sub("", old_extension)[:10].lower()
    return f"{stem}.{extension}" if extension else stem


def check_evidence_file(file: Any) -> CheckedFile:
    """Size (≤ EVIDENCE_MAX_BYTES, not empty), type by content, and a safe name for storage."""
    size = int(getattr(file, "size", 0) or 0)
    if size <= 0:
        raise ValidationFailed(_("Tệp minh chứng rỗng."), code="evidence_empty")
    if size > EVIDENCE_MAX_BYTES:
        raise ValidationFailed(
            _("Tệp minh chứng quá lớn: tối đa %(max)s MB.")
            % {"max": EVIDENCE_MAX_BYTES // (1024 * 1024)},
            code="evidence_too_large",
        )
    original = str(getattr(file, "name", "") or "")
    content_type = sniff_content_type(file, name=original)
    if content_type is None:
        raise _refuse_type()
    return CheckedFile(
        content_type=content_type,
        name=sanitize_filename(original, extension=EXTENSIONS[content_type]),
        size=size,
    )


def parse_points(value: Any) -> Decimal | None:
    """A points value from user input (`,` or `.` as decimal mark); empty means no score."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float):
        value = str(value)
    try:
        points = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationFailed(_("Điểm phải là một số."), code="score_invalid") from None
    if not points.is_finite():
        raise ValidationFailed(_("Điểm phải là một số."), code="score_invalid")
    return points


def check_points(criterion: Any, value: Any) -> Decimal | None:
    """0 ≤ points ≤ the criterion's maximum (the cap of a bonus/deduction rule), 2 decimals.

    Bonus and deduction rows hold the positive points added or removed; with `points_per_item`
    set the value must be a whole number of items.
    """
    points = parse_points(value)
    if points is None:
        return None
    maximum = Decimal(criterion.max_points)
    if points < 0 or points > maximum:
        raise ValidationFailed(
            _("Điểm của tiêu chí %(code)s phải từ 0 đến %(max)s.")
            % {"code": criterion.code, "max": _format(maximum)},
            code="score_out_of_range",
        )
    if points != points.quantize(TWO_PLACES):
        raise ValidationFailed(
            _("Điểm chỉ được có tối đa hai chữ số thập phân."), code="score_precision"
        )
    points = points.quantize(TWO_PLACES)
    step = criterion.points_per_item
    if criterion.kind in ("bonus", "deduction") and step and points % Decimal(step) != 0:
        raise ValidationFailed(
            _("Điểm của %(code)s phải là bội số của %(step)s điểm mỗi lần.")
            % {"code": criterion.code, "step": _format(Decimal(step))},
            code="score_not_multiple",
        )
    return points


def _format(value: Decimal) -> str:
    return f"{value.normalize():f}"
