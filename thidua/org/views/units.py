"""Units and their lineage."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.org import forms, selectors, services
from thidua.org.selectors import pages
from thidua.org.views.common import (
    PAGE_SIZE,
    _board_provinces,
    _confirm_delete,
    _data,
    _form_page,
    _int_or_none,
    _provinces,
    attempt,
    page_view,
    require_can,
)

# Units ----------------------------------------------------------------------------------------


@page_view("units")
def unit_list(request: HttpRequest) -> HttpResponse:
    form = forms.UnitFilterForm(request.GET or None, provinces=_provinces(request))
    province = form.value("province") if request.GET else None
    units = selectors.unit_list_for_user(
        user=request.user,
        province_id=province.pk if province else None,
        kind=form.value("kind") if request.GET else None,
        q=form.value("q") if request.GET else None,
    )
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/unit_list.html", {"form": form, "page": page})


@page_view("units")
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_for_user(user=request.user, pk=pk)
    lineage = selectors.unit_lineage(unit=unit)
    context = {
        "unit": unit,
        "children": list(pages.unit_children_for_user(user=request.user, unit=unit)),
        "season_rows": pages.unit_season_rows(unit=unit, lineage=lineage),
        "lineage": lineage,
        "people": list(selectors.person_list_for_user(user=request.user, unit_id=unit.pk)),
        "history": pages.history_display(unit),
    }
    return render(request, "org/unit_detail.html", context)


def _unit_values(data: dict[str, Any]) -> dict[str, Any]:
    keys = ("code", "name", "short_name", "kind", "parent", "active_from", "active_to")
    return {key: data[key] for key in keys} | {"is_illustrative": data["is_illustrative"]}


@page_view("units")
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    provinces = _board_provinces(request)
    parents = selectors.unit_list_for_user(user=request.user).filter(
        province_id__in=[p.pk for p in provinces]
    )
    form = forms.UnitForm(_data(request), provinces=provinces, parents=parents)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, unit = attempt(
            form,
            lambda: services.unit_create(
                actor=request.user, province=data["province"], **_unit_values(data)
            ),
        )
        if ok:
            messages.success(request, _("Đã tạo đơn vị “%(name)s”.") % {"name": unit})
            return redirect("org:unit_detail", pk=unit.pk)
    return _form_page(request, "org/unit_form.html", form, title=_("Thêm đơn vị"))


@page_view("units")
@require_http_methods(["GET", "POST"])
def unit_update(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_for_user(user=request.user, pk=pk)
    require_can(request, "org.change_unit", unit)
    parents = selectors.unit_list_for_user(user=request.user, province_id=unit.province_id).exclude(
        pk=unit.pk
    )
    initial = {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent": unit.parent_id,
        "active_from": unit.active_from,
        "active_to": unit.active_to,
        "is_illustrative": unit.is_illustrative,
    }
    form = forms.UnitForm(_data(request), initial=initial, provinces=None, parents=parents)
    if request.method == "POST" and form.is_valid():
        ok, _unit = attempt(
            form,
            lambda: services.unit_update(
                actor=request.user, unit=unit, **_unit_values(form.cleaned_data)
            ),
        )
        if ok:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("org:unit_detail", pk=unit.pk)
    return _form_page(request, "org/unit_form.html", form, title=_("Sửa đơn vị"), unit=unit)


@page_view("units")
@require_http_methods(["GET", "POST"])
def unit_delete(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_for_user(user=request.user, pk=pk)
    return _confirm_delete(
        request,
        unit,
        perm="org.delete_unit",
        delete=lambda: services.unit_delete(actor=request.user, unit=unit),
        done_message=_("Đã xoá đơn vị “%(name)s”.") % {"name": unit.name},
        done_url=reverse("org:unit_list"),
        cancel_url=reverse("org:unit_detail", args=[unit.pk]),
    )


@page_view("units")
@require_http_methods(["GET", "POST"])
def lineage_event_create(request: HttpRequest) -> HttpResponse:
    provinces = _board_provinces(request)
    units = selectors.unit_list_for_user(user=request.user).filter(
        province_id__in=[p.pk for p in provinces]
    )
    initial = {}
    unit_pk = _int_or_none(request.GET.get("unit"))
    if unit_pk is not None:
        initial["predecessors"] = [unit_pk]
    form = forms.LineageEventForm(_data(request), initial=initial, provinces=provinces, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, event = attempt(
            form,
            lambda: services.lineage_event_record(
                actor=request.user,
                province=data["province"],
                kind=data["kind"],
                date=data["date"],
                predecessors=list(data["predecessors"]),
                successors=list(data["successors"]),
                legal_basis=data["legal_basis"],
                note=data["note"],
                is_illustrative=data["is_illustrative"],
            ),
        )
        if ok:
            messages.success(request, _("Đã ghi nhận sự kiện sắp xếp đơn vị."))
            return redirect("org:unit_detail", pk=event.successors.first().pk)
    return _form_page(request, "org/lineage_form.html", form)
