"""Server-rendered pages of the org app. Reads go through selectors, writes through services.

Every fetch uses a `*_get_for_user` selector (missing and forbidden both answer 404); a write
button is shown only when `can()` allows it, and the services check again.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.permissions import can
from thidua.core.exceptions import DomainError, NotFound, PermissionDeniedError
from thidua.org import forms, selectors, services
from thidua.org.models import Province, Season, Unit
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


# Dashboard ------------------------------------------------------------------------------------


@page_view("dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    provinces_qs = _provinces(request)
    provinces = list(provinces_qs)
    province = pages.default_province_for_user(user=request.user, provinces=provinces)
    wanted = _int_or_none(request.GET.get("province"))
    if wanted is not None:
        province = next((p for p in provinces if p.pk == wanted), province)
    province_id = province.pk if province else None
    year, years = pages.default_year_for_user(user=request.user, province_id=province_id)
    wanted_year = _int_or_none(request.GET.get("year"))
    if wanted_year in years:
        year = wanted_year  # type: ignore[assignment]
    form = forms.DashboardForm(
        initial={"province": province_id, "year": year}, provinces=provinces_qs, years=years
    )
    rows = (
        selectors.dashboard_rows(user=request.user, province_id=province_id, year=year)
        if province is not None
        else []
    )
    context = {
        "form": form,
        "province": province,
        "year": year,
        "rows": rows,
        "led_count": sum(1 for r in rows if r.season and r.season.leader_id),
        "season_count": sum(1 for r in rows if r.season),
        "member_total": sum(r.member_count for r in rows),
    }
    return render(request, "org/dashboard.html", context)


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
