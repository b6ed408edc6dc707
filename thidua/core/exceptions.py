"""Domain errors shared by services, pages, the API and commands."""

from typing import Any

from django.utils.translation import gettext as _


class DomainError(Exception):
    """A refused operation: `code` is machine readable, `message` is shown to the user (Vietnamese)."""

    code = "domain_error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details


class ValidationFailed(DomainError):
    code = "validation_error"
    status = 422


class NotFound(DomainError):
    """Raised for objects that are missing *or* not visible to the user (same answer for both)."""

    code = "not_found"
    status = 404

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        super().__init__(message or _("Không tìm thấy dữ liệu."), **kwargs)


class PermissionDeniedError(DomainError):
    code = "permission_denied"
    status = 403


class Conflict(DomainError):
    code = "conflict"
    status = 409
