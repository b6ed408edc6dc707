"""The province's calendar template (every kind with its rule and citation) and its editor."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.exceptions import DomainError
from thidua.core.views import run
from thidua.deadlines import forms, selectors, services
from thidua.deadlines.enums import Anchor, Audience, Confidence, DeadlineKind, Scope
from thidua.deadlines.schedule import KINDS, TemplateRow
from thidua.deadlines.views._common import SECTION, may
from thidua.org import selectors as org_selectors
from thidua.org.models import Province
from thidua.org.views import page_view, post_data, require_can


def template_url(province: Province) -> str:
    return reverse("deadlines:template", args=[province.pk])


def _described(row: TemplateRow) -> dict[str, Any]:
    return {
        "row": row,
        "kind_label": DeadlineKind(row.kind).label,
        "scope_label": Scope(KINDS[row.kind].scope).label,
        "audience_label": Audience(KINDS[row.kind].audience).label,
        "anchor_label": Anchor(row.anchor).label,
        "confidence_label": Confidence(row.confidence).label,
    }


@page_view(SECTION)
@require_GET
def template(request: HttpRequest, province_pk: int) -> HttpResponse:
    province = org_selectors.province_get_for_user(user=request.user, pk=province_pk)
    rows = selectors.template_for_user(user=request.user, province=province)
    days = selectors.reminder_days_for([province.pk])[province.pk]
    may_edit = may(request, "deadlines.change_template", province)
    context = {
        "province": province,
        "rows": [_described(r) for r in rows.values()],
        "may_edit": may_edit,
        "reminder_form": forms.ReminderDaysForm(
            initial={"reminder_days": ", ".join(str(d) for d in days)}
        )
        if may_edit
        else None,
        "reminder_days": days,
    }
    return render(request, "deadlines/template.html", context)


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise Http404()
    return kind


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, province_pk: int, kind: str) -> HttpResponse:
    province = org_selectors.province_get_for_user(user=request.user, pk=province_pk)
    require_can(request, "deadlines.change_template", province)
    row = selectors.template_for(province)[_kind(kind)]
    initial = {name: getattr(row, name) for name in services.template.EDITABLE}
    form = forms.TemplateRowForm(post_data(request), initial=initial, kind=kind)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            values = {k: form.cleaned_data[k] for k in services.template.EDITABLE}
            _row, exc = run(
                lambda: services.template_row_set(
                    actor=request.user, province=province, kind=kind, **values
                )
            )
            if exc is None:
                messages.success(request, _("Đã lưu mốc “%(title)s”.") % {"title": values["title"]})
                return redirect(template_url(province) + f"#moc-{kind}")
            _add_errors(form, exc)
        status = 422
    context = {"province": province, "form": form, "info": _described(row), "kind": kind}
    return render(request, "deadlines/template_edit.html", context, status=status)


def _add_errors(form: Any, exc: DomainError) -> None:
    details = exc.details if isinstance(exc.details, dict) else {}
    placed = False
    for name, message in details.items():
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


@page_view(SECTION)
@require_POST
def reminder_days(request: HttpRequest, province_pk: int) -> HttpResponse:
    province = org_selectors.province_get_for_user(user=request.user, pk=province_pk)
    require_can(request, "deadlines.change_template", province)
    form = forms.ReminderDaysForm(request.POST)
    if form.is_valid():
        _setting, exc = run(
            lambda: services.reminder_days_set(
                actor=request.user, province=province, days=form.cleaned_data["reminder_days"]
            )
        )
        if exc is None:
            messages.success(request, _("Đã lưu số ngày nhắc trước hạn."))
            return redirect(template_url(province) + "#nhac-han")
        form.add_error("reminder_days", exc.message)
    rows = selectors.template_for(province)
    context = {
        "province": province,
        "rows": [_described(r) for r in rows.values()],
        "may_edit": True,
        "reminder_form": form,
        "reminder_days": selectors.reminder_days_for([province.pk])[province.pk],
    }
    return render(request, "deadlines/template.html", context, status=422)
