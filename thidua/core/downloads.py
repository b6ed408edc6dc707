"""Downloads with a Vietnamese file name: an ASCII name for every client and the UTF-8 name
(RFC 6266 / 5987 `filename*`) for those that read it."""

from urllib.parse import quote

from django.http import HttpResponse


def content_disposition(filename: str, *, ascii_name: str) -> str:
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def attachment(
    content: bytes, *, filename: str, ascii_name: str, content_type: str
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, ascii_name=ascii_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
