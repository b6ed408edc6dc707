"""People."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.org import forms, selectors, services
from thidua.org.models import Unit
from thidua.org.selectors import pages
from thidua.org.views.common import (
    PAGE_SIZE,
    _confirm_delete,
    _data,
    _form_page,
    _int_or_none,
    _provinces,
    attempt,
    page_view,
    require_can,
)

# People ---------------------------------------------------------------------------------------


@page_view("people")
def person_list(request: HttpRequest) -> HttpResponse:
    form = forms.FilterForm(request.GET or None, provinces=_provinces(request))
    province = form.value("province") if request.GET else None
    people = selectors.person_list_for_user(
        user=request.user,
        province_id=province.pk if province else None,
        q=form.value("q") if request.GET else None,
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    may_add = pages.person_unit_choices_for_user(user=request.user).exists()
    return render(request, "org/person_list.html", {"form": form, "page": page, "may_add": may_add})


@page_view("people")
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    context = {"person": person, "history": pages.history_display(person)}
    return render(request, "org/person_detail.html", context)


def _person_values(data: dict[str, Any]) -> dict[str, Any]:
    keys = ("full_name", "gender", "birth_year", "position", "is_illustrative")
    return {key: data[key] for key in keys}


@page_view("people")
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    units = pages.person_unit_choices_for_user(user=request.user)
    if not units.exists():
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    initial: dict[str, Any] = {}
    unit_pk = _int_or_none(request.GET.get("unit"))
    if unit_pk is not None:
        require_can(
            request, "org.add_person", selectors.unit_get_for_user(user=request.user, pk=unit_pk)
        )
        initial["unit"] = unit_pk
    elif units.count() == 1:
        initial["unit"] = units.get().pk
    form = forms.PersonForm(_data(request), initial=initial, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, person = attempt(
            form,
            lambda: services.person_create(
                actor=request.user, unit=data["unit"], **_person_values(data)
            ),
        )
        if ok:
            messages.success(request, _("Đã thêm “%(name)s”.") % {"name": person})
            return redirect("org:person_detail", pk=person.pk)
    return _form_page(request, "org/person_form.html", form, title=_("Thêm cá nhân"))


@page_view("people")
@require_http_methods(["GET", "POST"])
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    require_can(request, "org.change_person", person)
    choices = pages.person_unit_choices_for_user(user=request.user).values("pk")
    units = Unit.objects.filter(Q(pk__in=choices) | Q(pk=person.unit_id)).order_by("name")
    initial = {
        "full_name": person.full_name,
        "gender": person.gender,
        "birth_year": person.birth_year,
        "unit": person.unit_id,
        "position": person.position,
        "is_illustrative": person.is_illustrative,
    }
    form = forms.PersonForm(_data(request), initial=initial, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _person = attempt(
            form,
            lambda: services.person_update(
                actor=request.user, person=person, unit=data["unit"], **_person_values(data)
            ),
        )
        if ok:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("org:person_detail", pk=person.pk)
    return _form_page(
        request, "org/person_form.html", form, title=_("Sửa thông tin cá nhân"), person=person
    )


@page_view("people")
@require_http_methods(["GET", "POST"])
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    return _confirm_delete(
        request,
        person,
        perm="org.delete_person",
        delete=lambda: services.person_delete(actor=request.user, person=person),
        done_message=_("Đã xoá “%(name)s”.") % {"name": person.full_name},
        done_url=reverse("org:unit_detail", args=[person.unit_id]),
        cancel_url=reverse("org:person_detail", args=[person.pk]),
    )
