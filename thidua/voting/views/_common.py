"""Helpers shared by the meeting pages: running a service, refusals with rule findings, downloads."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify

from thidua.core import downloads
from thidua.core.exceptions import DomainError
from thidua.core.text import fold

SECTION = "blocs"
NEEDS_REASON = "needs_override_reason"


def flash(request: HttpRequest, exc: DomainError | None, done: str) -> None:
    if exc is None:
        messages.success(request, done)
    else:
        messages.error(request, exc.message)


def _get(item: Any, key: str, default: Any = "") -> Any:
    if isinstance(item, dict):
        return item.get(key, default)
    return getattr(item, key, default)


def findings(exc: DomainError | None) -> list[dict[str, Any]]:
    """The rule findings a refusal carries (rulebook `Finding`s or their dicts), for display."""
    if exc is None or not exc.details:
        return []
    details = exc.details
    if isinstance(details, dict):
        items = details.get("findings") or details.get("warnings") or [details]
    elif isinstance(details, list | tuple):
        items = list(details)
    else:
        items = [details]
    rows = []
    for item in items:
        rule_id = _get(item, "rule_id") or _get(item, "rule")
        message = _get(item, "message")
        if not (rule_id or message):
            continue
        rows.append(
            {
                "rule_id": rule_id,
                "citation": _get(item, "citation"),
                "message": message,
                "blocking": bool(_get(item, "blocking", False)),
            }
        )
    return rows


def attachment(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A download with a Vietnamese file name and an ASCII fallback for older clients."""
    stem, dot, ext = filename.rpartition(".")
    ascii_name = f"{slugify(fold(stem)) or 'tai-lieu'}{dot}{ext}"
    return downloads.attachment(
        content, filename=filename, ascii_name=ascii_name, content_type=content_type
    )


def no_store(response: HttpResponse) -> HttpResponse:
    """A page that must not be kept by the browser or a proxy (a receipt code, live figures)."""
    response["Cache-Control"] = "no-store, max-age=0"
    return response
