"""The council page (the province's council and its members) and the board's forms for them."""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.scoping import scope_by_province
from thidua.core.exceptions import NotFound
from thidua.core.views import run
from thidua.decisions import forms, selectors, services
from thidua.decisions.models import Council, CouncilMember
from thidua.decisions.views._common import (
    PROVINCE_PARAM,
    chosen_province,
    may,
    province_get,
    sorted_members,
    users_of_province,
)
from thidua.org.models import Province
from thidua.org.views import page_view, require_can
from thidua.org.views import post_data as _data

SECTION = "council"
MEMBER_FIELDS = ("full_name", "title", "role", "active_from", "active_to", "user")


def council_url(province: Province, anchor: str = "") -> str:
    url = f"{reverse('decisions:council')}?{PROVINCE_PARAM}={province.pk}"
    return url + (f"#{anchor}" if anchor else "")


def active_council(user: Any, province: Province) -> Council | None:
    return selectors.council_list_for_user(user=user).filter(province=province, active=True).first()


def _member_get(request: HttpRequest, pk: int) -> CouncilMember:
    qs: QuerySet[CouncilMember] = CouncilMember.objects.select_related("council__province")
    member = scope_by_province(qs, request.user, field="council__province_id").filter(pk=pk).first()
    if member is None:
        raise NotFound()
    return member


@page_view(SECTION)
@require_GET
def council(request: HttpRequest) -> HttpResponse:
    """The province's active council and its members (all of them, with their dates)."""
    province, provinces = chosen_province(request)
    current = active_council(request.user, province)
    members = sorted_members(current.members.select_related("user")) if current else []
    may_manage = may(request, "decisions.manage_council", province)
    today = timezone.localdate()
    context = {
        "province": province,
        "provinces": provinces,
        "council": current,
        "members": [
            {
                "member": m,
                "active": m.active_from <= today and (m.active_to is None or m.active_to >= today),
            }
            for m in members
        ],
        "may_manage": may_manage,
        "may_session": current is not None and may(request, "decisions.manage_session", province),
        "council_form": forms.CouncilForm(
            initial={
                "name": _("Hội đồng Thi đua – Khen thưởng %(province)s")
                % {"province": province.name}
            }
        )
        if may_manage and current is None
        else None,
        "member_form": forms.MemberForm(
            users=users_of_province(province), initial={"active_from": today}
        )
        if may_manage and current is not None
        else None,
    }
    return render(request, "decisions/council.html", context)


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def council_create(request: HttpRequest, province_pk: int) -> HttpResponse:
    province = province_get(request, province_pk)
    require_can(request, "decisions.manage_council", province)
    form = forms.CouncilForm(_data(request))
    if request.method == "POST" and form.is_valid():
        _council, exc = run(
            lambda: services.council_create(
                actor=request.user, province=province, name=form.cleaned_data["name"]
            )
        )
        if exc is None:
            messages.success(request, _("Đã lập Hội đồng Thi đua – Khen thưởng."))
            return redirect(council_url(province))
        form.add_error(None, exc.message)
    return _form_page(
        request,
        form,
        title=_("Lập Hội đồng Thi đua – Khen thưởng"),
        province=province,
        submit=_("Lập Hội đồng"),
    )


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def council_update(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.council_get_for_user(user=request.user, pk=pk)
    require_can(request, "decisions.manage_council", current.province)
    form = forms.CouncilForm(_data(request), initial={"name": current.name})
    if request.method == "POST" and form.is_valid():
        _council, exc = run(
            lambda: services.council_update(
                actor=request.user, council=current, name=form.cleaned_data["name"]
            )
        )
        if exc is None:
            messages.success(request, _("Đã lưu tên Hội đồng."))
            return redirect(council_url(current.province))
        form.add_error(None, exc.message)
    return _form_page(
        request, form, title=_("Sửa tên Hội đồng"), province=current.province, submit=_("Lưu")
    )


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.council_get_for_user(user=request.user, pk=pk)
    province = current.province
    require_can(request, "decisions.manage_council", province)
    form = forms.MemberForm(
        _data(request),
        users=users_of_province(province),
        initial={"active_from": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        _member, exc = run(
            lambda: services.council_member_add(
                actor=request.user, council=current, **form.cleaned_data
            )
        )
        if exc is None:
            messages.success(request, _("Đã thêm thành viên Hội đồng."))
            return redirect(council_url(province, "thanh-vien"))
        form.add_error(None, exc.message)
    return _form_page(
        request, form, title=_("Thêm thành viên Hội đồng"), province=province, submit=_("Thêm")
    )


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def member_update(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member_get(request, pk)
    province = member.council.province
    require_can(request, "decisions.manage_council", province)
    initial = {name: getattr(member, name) for name in MEMBER_FIELDS}
    form = forms.MemberForm(_data(request), users=users_of_province(province), initial=initial)
    if request.method == "POST" and form.is_valid():
        _member, exc = run(
            lambda: services.council_member_update(
                actor=request.user, member=member, **form.cleaned_data
            )
        )
        if exc is None:
            messages.success(request, _("Đã lưu thông tin thành viên Hội đồng."))
            return redirect(council_url(province, "thanh-vien"))
        form.add_error(None, exc.message)
    title = _("Sửa thông tin thành viên: %(name)s") % {"name": member.full_name}
    return _form_page(request, form, title=title, province=province, submit=_("Lưu"))


def _form_page(
    request: HttpRequest, form: Any, *, title: str, province: Province, submit: str
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "province": province,
        "submit": submit,
        "cancel_url": council_url(province),
        "crumb_url": council_url(province),
        "crumb": _("Hội đồng Thi đua – Khen thưởng"),
    }
    return render(request, "decisions/form_page.html", context)
