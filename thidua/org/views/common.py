"""Helpers shared by the org pages (and the pages of other apps)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.accounts.permissions import can
from thidua.core.exceptions import DomainError, NotFound, PermissionDeniedError
from thidua.org import forms, selectors
from thidua.org.models import Province
from thidua.org.selectors import pages

View = Callable[..., HttpResponse]
PAGE_SIZE = 50


def page_view(section: str) -> Callable[[View], View]:
    """Sign-in required; domain NotFound → 404, PermissionDeniedError → 403 page."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            request.nav_section = section  # type: ignore[attr-defined]
            try:
                return view(request, *args, **kwargs)
            except NotFound as exc:
                raise Http404(exc.message) from exc
            except PermissionDeniedError as exc:
                raise PermissionDenied(exc.message) from exc

        return login_required(wrapper)

    return decorator


def attempt(form: Form, call: Callable[[], Any]) -> tuple[bool, Any]:
    """Run a service; a refused write becomes a form error (NotFound and 403 propagate)."""
    try:
        return True, call()
    except (NotFound, PermissionDeniedError):
        raise
    except DomainError as exc:
        form.add_error(None, exc.message)
        return False, None


def require_can(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not can(request.user, perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _data(request: HttpRequest) -> Any:
    """Bind forms on POST even when the body is empty (a delete confirmation has no fields)."""
    return request.POST if request.method == "POST" else None


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _provinces(request: HttpRequest) -> QuerySet[Province]:
    return selectors.province_list_for_user(user=request.user)


def _board_provinces(request: HttpRequest) -> list[Province]:
    provinces = pages.board_provinces_for_user(user=request.user)
    if not provinces:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    return provinces


def _form_page(
    request: HttpRequest, template: str, form: Form, status: int = 200, **context: Any
) -> HttpResponse:
    return render(request, template, {"form": form, **context}, status=status)


def _confirm_delete(
    request: HttpRequest,
    obj: Any,
    *,
    perm: str,
    delete: Callable[[], Any],
    done_message: str,
    done_url: str,
    cancel_url: str,
) -> HttpResponse:
    """The confirmation page of a delete; the service runs on POST and refusals show as form errors."""
    require_can(request, perm, obj)
    form = forms.ConfirmForm(_data(request))
    if request.method == "POST" and form.is_valid():
        ok, _none = attempt(form, delete)
        if ok:
            messages.success(request, done_message)
            return redirect(done_url)
    return _form_page(request, "org/confirm_delete.html", form, object=obj, cancel_url=cancel_url)
