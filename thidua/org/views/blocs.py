"""Blocs and their seasons (members, leader, deputy)."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.permissions import can
from thidua.org import forms, selectors, services
from thidua.org.models import Season, Unit
from thidua.org.selectors import pages
from thidua.org.views.common import (
    PAGE_SIZE,
    _board_provinces,
    _confirm_delete,
    _data,
    _form_page,
    _provinces,
    attempt,
    page_view,
    require_can,
)

# Blocs ----------------------------------------------------------------------------------------


@page_view("blocs")
def bloc_list(request: HttpRequest) -> HttpResponse:
    form = forms.FilterForm(request.GET or None, provinces=_provinces(request))
    province = form.value("province") if request.GET else None
    blocs = selectors.bloc_list_for_user(
        user=request.user,
        province_id=province.pk if province else None,
        q=form.value("q") if request.GET else None,
    )
    page = Paginator(blocs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/bloc_list.html", {"form": form, "page": page})


@page_view("blocs")
def bloc_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bloc = selectors.bloc_get_for_user(user=request.user, pk=pk)
    seasons = list(
        selectors.season_list_for_user(user=request.user, bloc_id=bloc.pk).order_by("-year")
    )
    context = {
        "bloc": bloc,
        "seasons": seasons,
        "history": pages.history_display(bloc),
    }
    return render(request, "org/bloc_detail.html", context)


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def bloc_create(request: HttpRequest) -> HttpResponse:
    provinces = _board_provinces(request)
    form = forms.BlocForm(_data(request), provinces=provinces)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, bloc = attempt(
            form,
            lambda: services.bloc_create(
                actor=request.user,
                province=data["province"],
                name=data["name"],
                kind=data["kind"],
                description=data["description"],
            ),
        )
        if ok:
            messages.success(request, _("Đã tạo khối “%(name)s”.") % {"name": bloc})
            return redirect("org:bloc_detail", pk=bloc.pk)
    return _form_page(request, "org/bloc_form.html", form, title=_("Thêm khối, cụm thi đua"))


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def bloc_update(request: HttpRequest, pk: int) -> HttpResponse:
    bloc = selectors.bloc_get_for_user(user=request.user, pk=pk)
    require_can(request, "org.change_bloc", bloc)
    initial = {"name": bloc.name, "kind": bloc.kind, "description": bloc.description}
    form = forms.BlocForm(_data(request), initial=initial, provinces=None)
    if request.method == "POST" and form.is_valid():
        ok, _bloc = attempt(
            form, lambda: services.bloc_update(actor=request.user, bloc=bloc, **form.cleaned_data)
        )
        if ok:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("org:bloc_detail", pk=bloc.pk)
    return _form_page(
        request, "org/bloc_form.html", form, title=_("Sửa khối, cụm thi đua"), bloc=bloc
    )


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def bloc_delete(request: HttpRequest, pk: int) -> HttpResponse:
    bloc = selectors.bloc_get_for_user(user=request.user, pk=pk)
    return _confirm_delete(
        request,
        bloc,
        perm="org.delete_bloc",
        delete=lambda: services.bloc_delete(actor=request.user, bloc=bloc),
        done_message=_("Đã xoá khối “%(name)s”.") % {"name": bloc.name},
        done_url=reverse("org:bloc_list"),
        cancel_url=reverse("org:bloc_detail", args=[bloc.pk]),
    )


# Seasons --------------------------------------------------------------------------------------


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def season_create(request: HttpRequest, bloc_pk: int) -> HttpResponse:
    bloc = selectors.bloc_get_for_user(user=request.user, pk=bloc_pk)
    require_can(request, "org.add_season", bloc)
    units = selectors.unit_list_for_user(user=request.user, province_id=bloc.province_id)
    form = forms.SeasonCreateForm(_data(request), units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, season = attempt(
            form,
            lambda: services.season_create(
                actor=request.user,
                bloc=bloc,
                year=data["year"],
                members=list(data["members"]),
                leader=data["leader"],
                deputy=data["deputy"],
                note=data["note"],
                source=data["source"],
                is_illustrative=data["is_illustrative"],
            ),
        )
        if ok:
            messages.success(request, _("Đã tạo năm thi đua %(year)s.") % {"year": season.year})
            return redirect("org:season_detail", pk=season.pk)
    return _form_page(request, "org/season_form.html", form, bloc=bloc, creating=True)


def _season_context(request: HttpRequest, season: Season, **extra: Any) -> dict[str, Any]:
    members = pages.season_member_units(season=season)
    context = {
        "season": season,
        "bloc": season.bloc,
        "members": members,
        "member_history": pages.season_membership_history(season=season),
        "history": pages.history_display(season),
        "can_edit": can(request.user, "org.change_season", season),
        "can_edit_members": can(request.user, "org.change_season_members", season),
        "can_edit_note": can(request.user, "org.change_season_note", season),
        "can_delete": can(request.user, "org.delete_season", season),
    }
    if context["can_edit_members"]:
        candidates = pages.season_candidate_units(season=season)
        context["has_candidates"] = candidates.exists()
        if "member_form" not in extra:
            context["member_form"] = forms.SeasonMemberForm(units=candidates)
    context.update(extra)
    return context


@page_view("blocs")
def season_detail(request: HttpRequest, pk: int) -> HttpResponse:
    season = selectors.season_get_for_user(user=request.user, pk=pk)
    return render(request, "org/season_detail.html", _season_context(request, season))


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def season_update(request: HttpRequest, pk: int) -> HttpResponse:
    season = selectors.season_get_for_user(user=request.user, pk=pk)
    require_can(request, "org.change_season", season)
    initial = {
        "leader": season.leader_id,
        "deputy": season.deputy_id,
        "note": season.note,
        "source": season.source,
    }
    members = Unit.objects.filter(memberships__season=season).order_by("name")
    form = forms.SeasonUpdateForm(_data(request), initial=initial, units=members)
    if request.method == "POST" and form.is_valid():
        ok, _season = attempt(
            form,
            lambda: services.season_update(actor=request.user, season=season, **form.cleaned_data),
        )
        if ok:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("org:season_detail", pk=season.pk)
    return _form_page(request, "org/season_form.html", form, bloc=season.bloc, season=season)


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def season_note(request: HttpRequest, pk: int) -> HttpResponse:
    season = selectors.season_get_for_user(user=request.user, pk=pk)
    require_can(request, "org.change_season_note", season)
    form = forms.SeasonNoteForm(_data(request), initial={"note": season.note})
    if request.method == "POST" and form.is_valid():
        ok, _season = attempt(
            form,
            lambda: services.season_update_note(
                actor=request.user, season=season, note=form.cleaned_data["note"]
            ),
        )
        if ok:
            messages.success(request, _("Đã lưu ghi chú."))
            return redirect("org:season_detail", pk=season.pk)
    return _form_page(request, "org/season_note_form.html", form, season=season, bloc=season.bloc)


def _members_response(request: HttpRequest, season: Season, form: Form | None) -> HttpResponse:
    """The members block for htmx, or a redirect to the season page without JavaScript."""
    if request.htmx:  # type: ignore[attr-defined]
        season = selectors.season_get_for_user(user=request.user, pk=season.pk)
        extra = {"member_form": form} if form is not None and form.errors else {}
        return render(
            request, "org/_season_members.html", _season_context(request, season, **extra)
        )
    if form is not None:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(reverse("org:season_detail", args=[season.pk]) + "#thanh-vien")


@page_view("blocs")
@require_POST
def season_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    season = selectors.season_get_for_user(user=request.user, pk=pk)
    require_can(request, "org.change_season_members", season)
    form = forms.SeasonMemberForm(
        request.POST, units=selectors.unit_list_for_user(user=request.user)
    )
    if form.is_valid():
        ok, _season = attempt(
            form,
            lambda: services.season_add_member(
                actor=request.user, season=season, unit=form.cleaned_data["unit"]
            ),
        )
        if ok and not request.htmx:  # type: ignore[attr-defined]
            messages.success(request, _("Đã thêm thành viên."))
    return _members_response(request, season, form)


@page_view("blocs")
@require_POST
def season_member_remove(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    season = selectors.season_get_for_user(user=request.user, pk=pk)
    require_can(request, "org.change_season_members", season)
    unit = selectors.unit_get_for_user(user=request.user, pk=unit_pk)
    form = forms.ConfirmForm(request.POST)
    form.is_valid()
    ok, _season = attempt(
        form, lambda: services.season_remove_member(actor=request.user, season=season, unit=unit)
    )
    if ok and not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("Đã bỏ thành viên."))
    return _members_response(request, season, form)


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def season_delete(request: HttpRequest, pk: int) -> HttpResponse:
    season = selectors.season_get_for_user(user=request.user, pk=pk)
    return _confirm_delete(
        request,
        season,
        perm="org.delete_season",
        delete=lambda: services.season_delete(actor=request.user, season=season),
        done_message=_("Đã xoá năm thi đua."),
        done_url=reverse("org:bloc_detail", args=[season.bloc_id]),
        cancel_url=reverse("org:season_detail", args=[season.pk]),
    )
