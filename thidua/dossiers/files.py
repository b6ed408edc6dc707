"""Checks of a dossier's uploaded documents: by content (magic bytes; for Word and Excel the main
part named in `[Content_Types].xml`), by extension, and by size.

The browser's MIME type and the name are never trusted alone: the content decides the type, and
the extension must agree with it. The limit is the setting `DOSSIER_MAX_UPLOAD_BYTES` (20 MB by
default).
"""

import hashlib
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from thidua.core.exceptions import ValidationFailed
from thidua.core.text import nfc
from thidua.scoring.validators import DOCX, JPEG, PDF, PNG, XLSX, sniff_content_type

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
NAME_MAX_LENGTH = 255
# Accepted types and the extensions each may carry.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: ("pdf",),
    DOCX: ("docx",),
    XLSX: ("xlsx",),
    JPEG: ("jpg", "jpeg"),
    PNG: ("png",),
}
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    name: str  # the original name, NFC, without folders, at most 255 characters
    extension: str
    size: int
    sha256: str


def max_upload_bytes() -> int:
    return int(getattr(settings, "DOSSIER_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def _size_of(stream: IO[bytes]) -> int:
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    return size


def _digest(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(_CHUNK), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def _original_name(name: str) -> str:
    text = nfc(name or "").replace("\x00", "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if len(text) > NAME_MAX_LENGTH:
        stem, dot, extension = text.rpartition(".")
        keep = NAME_MAX_LENGTH - len(extension) - 1
        text = f"{stem[:keep]}.{extension}" if dot and keep > 0 else text[:NAME_MAX_LENGTH]
    return text or "tep"


def _refuse_type() -> ValidationFailed:
    return ValidationFailed(
        _(
            "Tệp hồ sơ phải là PDF, Word (.docx), Excel (.xlsx) hoặc ảnh JPEG, PNG, và phần mở "
            "rộng của tên tệp phải đúng với nội dung tệp."
        ),
        code="file_type",
    )


def check_upload(upload: Any) -> CheckedUpload:
    """Check an uploaded file (a Django UploadedFile, or any object with `name` and a binary
    stream in `file` or itself). Raises ValidationFailed with code `file_empty`,
    `file_too_large` or `file_type`."""
    stream: IO[bytes] = getattr(upload, "file", None) or upload
    size = _size_of(stream)
    if size == 0:
        raise ValidationFailed(_("Tệp tải lên không có nội dung."), code="file_empty")
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationFailed(
            _("Tệp tải lên lớn quá %(limit)s MB.") % {"limit": f"{limit / 1024 / 1024:g}"},
            code="file_too_large",
        )
    name = _original_name(str(getattr(upload, "name", "") or ""))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    content_type = sniff_content_type(stream, name=name)
    if content_type not in EXTENSIONS or extension not in EXTENSIONS[content_type]:
        raise _refuse_type()
    return CheckedUpload(
        content_type=content_type,
        name=name,
        extension=extension,
        size=size,
        sha256=_digest(stream),
    )
