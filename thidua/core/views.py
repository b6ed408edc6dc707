"""Helpers shared by the apps' page views."""

from collections.abc import Callable
from typing import Any

from thidua.core.exceptions import DomainError, NotFound, PermissionDeniedError


def run(call: Callable[[], Any]) -> tuple[Any, DomainError | None]:
    """Run a service: (result, None), or (None, the refusal). NotFound and 403 propagate."""
    try:
        return call(), None
    except (NotFound, PermissionDeniedError):
        raise
    except DomainError as exc:
        return None, exc
