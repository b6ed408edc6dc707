"""Server-rendered pages of the covenants app: movements, covenants, criteria tables, registrations.

Reads go through the covenants selectors (missing and forbidden both answer 404), writes through
the services; a write button is shown only when `can()` allows it, and the services check again.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.permissions import can
from thidua.covenants import forms, selectors, services
from thidua.covenants.enums import CovenantStatus, CriterionKind, RegistrationStatus, TieBreak
from thidua.covenants.models import Covenant, Movement
from thidua.covenants.models.covenant import default_bands
from thidua.org import selectors as org_selectors
from thidua.org.forms import ConfirmForm
from thidua.org.selectors import pages as org_pages
from thidua.org.views import attempt, confirm_delete, page_view, require_can
from thidua.org.views import post_data as _data

PAGE_SIZE = 50

# The labels of the covenant services' change reasons (audit stamps).
REASON_LABELS = {
    "movement_create": gettext_lazy("Phát động phong trào"),
    "movement_update": gettext_lazy("Sửa phong trào"),
    "covenant_create": gettext_lazy("Soạn giao ước"),
    "covenant_update": gettext_lazy("Sửa giao ước"),
    "covenant_open_signing": gettext_lazy("Mở ký kết"),
    "covenant_lock": gettext_lazy("Khoá bảng điểm"),
    "covenant_unlock": gettext_lazy("Mở khoá bảng điểm"),
}


def history_display(instance: Any) -> list[dict[str, Any]]:
    rows = org_pages.history_display(instance)
    for row in rows:
        if row["reason"] in REASON_LABELS:
            row["reason_label"] = str(REASON_LABELS[row["reason"]])
    return rows


def _form_page(
    request: HttpRequest, form: Form, *, title: str, cancel_url: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "title": title, "cancel_url": cancel_url, **extra}
    return render(request, "covenants/form.html", context)


def _post_action(
    request: HttpRequest, call: Callable[[], Any], done: str, url: str
) -> HttpResponse:
    """A one-button POST: success and refusals both come back as a message on the page."""
    form = ConfirmForm(request.POST)
    form.is_valid()
    ok, _result = attempt(form, call)
    if ok:
        messages.success(request, done)
    for error in form.non_field_errors():
        messages.error(request, str(error))
    return redirect(url)


# Movements ------------------------------------------------------------------------------------


def _movement_provinces(request: HttpRequest) -> list[Any]:
    provinces = org_selectors.province_list_for_user(user=request.user)
    return [p for p in provinces if can(request.user, "covenants.add_movement", p)]


@page_view("movements")
def movement_list(request: HttpRequest) -> HttpResponse:
    form = forms.MovementFilterForm(request.GET or None)
    movements = selectors.movement_list_for_user(
        user=request.user,
        kind=form.value("kind") if request.GET else None,
        q=form.value("q") if request.GET else None,
    )
    page = Paginator(movements, PAGE_SIZE).get_page(request.GET.get("page"))
    may_add = bool(_movement_provinces(request))
    return render(
        request, "covenants/movement_list.html", {"form": form, "page": page, "may_add": may_add}
    )


@page_view("movements")
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    movement = selectors.movement_get_for_user(user=request.user, pk=pk)
    context = {"movement": movement, "history": history_display(movement)}
    return render(request, "covenants/movement_detail.html", context)


def _movement_form(request: HttpRequest, movement: Movement | None) -> forms.MovementForm:
    if movement is None:
        provinces = _movement_provinces(request)
        if not provinces:
            require_can(request, "covenants.add_movement", None)
        ids = [p.pk for p in provinces]
        initial: dict[str, Any] = {}
    else:
        provinces, ids = None, [movement.province_id]
        initial = {
            field: getattr(movement, field)
            for field in (
                "name",
                "kind",
                "launched_by",
                "launched_by_unit",
                "start_date",
                "end_date",
                "goals",
                "is_illustrative",
            )
        }
        initial["blocs"] = list(movement.blocs.all())
        initial["units"] = list(movement.units.all())
    blocs = org_selectors.bloc_list_for_user(user=request.user).filter(province_id__in=ids)
    units = org_selectors.unit_list_for_user(user=request.user).filter(province_id__in=ids)
    return forms.MovementForm(
        _data(request), initial=initial, provinces=provinces, blocs=blocs, units=units
    )


@page_view("movements")
@require_http_methods(["GET", "POST"])
def movement_create(request: HttpRequest) -> HttpResponse:
    form = _movement_form(request, None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        ok, movement = attempt(form, lambda: services.movement_create(actor=request.user, **data))
        if ok:
            messages.success(request, _("Đã tạo phong trào “%(name)s”.") % {"name": movement})
            return redirect("covenants:movement_detail", pk=movement.pk)
    return _form_page(
        request,
        form,
        title=_("Phát động phong trào thi đua"),
        cancel_url=reverse("covenants:movement_list"),
    )


@page_view("movements")
@require_http_methods(["GET", "POST"])
def movement_update(request: HttpRequest, pk: int) -> HttpResponse:
    movement = selectors.movement_get_for_user(user=request.user, pk=pk)
    require_can(request, "covenants.change_movement", movement)
    form = _movement_form(request, movement)
    if request.method == "POST" and form.is_valid():
        ok, _m = attempt(
            form,
            lambda: services.movement_update(
                actor=request.user, movement=movement, **form.cleaned_data
            ),
        )
        if ok:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("covenants:movement_detail", pk=movement.pk)
    return _form_page(
        request,
        form,
        title=_("Sửa phong trào thi đua"),
        cancel_url=reverse("covenants:movement_detail", args=[movement.pk]),
    )


@page_view("movements")
@require_http_methods(["GET", "POST"])
def movement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    movement = selectors.movement_get_for_user(user=request.user, pk=pk)
    return confirm_delete(
        request,
        movement,
        perm="covenants.delete_movement",
        delete=lambda: services.movement_delete(actor=request.user, movement=movement),
        done_message=_("Đã xoá phong trào “%(name)s”.") % {"name": movement.name},
        done_url=reverse("covenants:movement_list"),
        cancel_url=reverse("covenants:movement_detail", args=[movement.pk]),
    )


# Covenants ------------------------------------------------------------------------------------


def _covenant_context(request: HttpRequest, covenant: Covenant, **extra: Any) -> dict[str, Any]:
    user = request.user
    editable = covenant.status != CovenantStatus.LOCKED
    context = {
        "covenant": covenant,
        "season": covenant.season,
        "bloc": covenant.season.bloc,
        "items": selectors.covenant_items(covenant=covenant),
        "may_edit": editable and can(user, "covenants.change_covenant", covenant),
        "may_lock": can(user, "covenants.lock_covenant", covenant),
        "may_sign": can(user, "covenants.sign_covenant", covenant),
        "history": history_display(covenant),
        "item_form": forms.ItemForm(),
        "tie_break_labels": [
            str(dict(TieBreak.choices).get(rule, rule)) for rule in covenant.tie_breaks
        ],
        "bands": [
            {
                "label": band.get("label", band.get("code")),
                "share": round(float(band.get("min_share", 0)) * 100, 2),
                "floor": round(float(band.get("min_criterion_share", 0)) * 100, 2),
            }
            for band in covenant.bands
        ],
    }
    context.update(extra)
    return context


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def covenant_create(request: HttpRequest, season_pk: int) -> HttpResponse:
    season = org_selectors.season_get_for_user(user=request.user, pk=season_pk)
    require_can(request, "covenants.create_covenant", season)
    initial = {
        "title": _("Giao ước thi đua năm %(year)s") % {"year": season.year},
        "total_points": 1000,
        "bands": forms.bands_to_text(default_bands()),
        "tie_break_1": "fewer_deductions",
        "tie_break_2": "higher_first_group",
        "tie_break_3": "more_bonus",
    }
    form = forms.CovenantForm(_data(request), initial=initial, creating=True)
    if request.method == "POST" and form.is_valid():
        copy = form.cleaned_data.get("copy_previous", False)
        ok, covenant = attempt(
            form,
            lambda: services.covenant_create(
                actor=request.user, season=season, copy_previous=copy, **form.values()
            ),
        )
        if ok:
            messages.success(request, _("Đã soạn giao ước."))
            return redirect("covenants:covenant_detail", pk=covenant.pk)
    return _form_page(
        request,
        form,
        title=_("Soạn giao ước thi đua năm %(year)s") % {"year": season.year},
        cancel_url=reverse("org:season_detail", args=[season.pk]),
        season=season,
    )


@page_view("blocs")
def covenant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = selectors.covenant_get_for_user(user=request.user, pk=pk)
    return render(request, "covenants/covenant_detail.html", _covenant_context(request, covenant))


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def covenant_update(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = selectors.covenant_get_for_user(user=request.user, pk=pk)
    require_can(request, "covenants.change_covenant", covenant)
    form = forms.CovenantForm(_data(request), initial=forms.CovenantForm.initial_for(covenant))
    if request.method == "POST" and form.is_valid():
        ok, _c = attempt(
            form,
            lambda: services.covenant_update(
                actor=request.user, covenant=covenant, **form.values()
            ),
        )
        if ok:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("covenants:covenant_detail", pk=covenant.pk)
    return _form_page(
        request,
        form,
        title=_("Sửa giao ước thi đua"),
        cancel_url=reverse("covenants:covenant_detail", args=[covenant.pk]),
        season=covenant.season,
    )


def _covenant_action(service: Callable[..., Any], done: Any) -> Callable[..., HttpResponse]:
    @page_view("blocs")
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        covenant = selectors.covenant_get_for_user(user=request.user, pk=pk)
        url = reverse("covenants:covenant_detail", args=[covenant.pk])
        return _post_action(
            request, lambda: service(actor=request.user, covenant=covenant), str(done), url
        )

    return view


covenant_open_signing = _covenant_action(
    services.covenant_open_signing, gettext_lazy("Đã mở ký kết giao ước.")
)
covenant_sign = _covenant_action(services.covenant_sign, gettext_lazy("Đã ký giao ước cho đơn vị."))
covenant_lock = _covenant_action(services.covenant_lock, gettext_lazy("Đã khoá bảng điểm."))


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def covenant_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = selectors.covenant_get_for_user(user=request.user, pk=pk)
    require_can(request, "covenants.unlock_covenant", covenant)
    form = forms.ReasonForm(_data(request))
    if request.method == "POST" and form.is_valid():
        ok, _c = attempt(
            form,
            lambda: services.covenant_unlock(
                actor=request.user, covenant=covenant, reason=form.cleaned_data["reason"]
            ),
        )
        if ok:
            messages.success(request, _("Đã mở khoá bảng điểm."))
            return redirect("covenants:covenant_detail", pk=covenant.pk)
    return _form_page(
        request,
        form,
        title=_("Mở khoá bảng điểm"),
        cancel_url=reverse("covenants:covenant_detail", args=[covenant.pk]),
        season=covenant.season,
    )


@page_view("blocs")
def covenant_signatures(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = selectors.covenant_get_for_user(user=request.user, pk=pk)
    rows = selectors.signature_rows(covenant=covenant)
    context = {
        "covenant": covenant,
        "season": covenant.season,
        "bloc": covenant.season.bloc,
        "rows": rows,
        "signed_count": sum(1 for r in rows if r.signature),
        "may_sign": covenant.status == CovenantStatus.SIGNING
        and can(request.user, "covenants.sign_covenant", covenant),
    }
    return render(request, "covenants/covenant_signatures.html", context)


# Items ----------------------------------------------------------------------------------------


def _items_url(covenant_id: int) -> str:
    return reverse("covenants:covenant_detail", args=[covenant_id]) + "#noi-dung"


@page_view("blocs")
@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = selectors.covenant_get_for_user(user=request.user, pk=pk)
    require_can(request, "covenants.change_covenant", covenant)
    form = forms.ItemForm(request.POST)
    if form.is_valid():
        attempt(
            form,
            lambda: services.covenant_item_add(
                actor=request.user, covenant=covenant, text=form.cleaned_data["text"]
            ),
        )
    if form.errors:
        return render(
            request,
            "covenants/covenant_detail.html",
            _covenant_context(request, covenant, item_form=form),
            status=422,
        )
    messages.success(request, _("Đã thêm nội dung."))
    return redirect(_items_url(covenant.pk))


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def item_update(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.covenant_item_get_for_user(user=request.user, pk=pk)
    require_can(request, "covenants.change_covenant", item.covenant)
    form = forms.ItemForm(_data(request), initial={"text": item.text})
    if request.method == "POST" and form.is_valid():
        ok, _i = attempt(
            form,
            lambda: services.covenant_item_update(
                actor=request.user, item=item, text=form.cleaned_data["text"]
            ),
        )
        if ok:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(_items_url(item.covenant_id))
    return _form_page(
        request,
        form,
        title=_("Sửa nội dung giao ước"),
        cancel_url=_items_url(item.covenant_id),
        season=item.covenant.season,
    )


@page_view("blocs")
@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.covenant_item_get_for_user(user=request.user, pk=pk)
    require_can(request, "covenants.change_covenant", item.covenant)
    return _post_action(
        request,
        lambda: services.covenant_item_delete(actor=request.user, item=item),
        _("Đã xoá nội dung."),
        _items_url(item.covenant_id),
    )


@page_view("blocs")
@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.covenant_item_get_for_user(user=request.user, pk=pk)
    require_can(request, "covenants.change_covenant", item.covenant)
    offset = -1 if request.POST.get("direction") == "up" else 1
    return _post_action(
        request,
        lambda: services.covenant_item_move(actor=request.user, item=item, offset=offset),
        _("Đã sắp xếp lại."),
        _items_url(item.covenant_id),
    )


# Criteria table -------------------------------------------------------------------------------


def _table_url(covenant_id: int) -> str:
    return reverse("covenants:criteria_table", args=[covenant_id])


@page_view("blocs")
def criteria_table(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = selectors.covenant_get_for_user(user=request.user, pk=pk)
    table = selectors.criteria_table(covenant=covenant)
    may_edit = covenant.status != CovenantStatus.LOCKED and can(
        request.user, "covenants.change_covenant", covenant
    )
    context = {
        "covenant": covenant,
        "season": covenant.season,
        "bloc": covenant.season.bloc,
        "table": table,
        "may_edit": may_edit,
        "import_form": forms.ImportForm() if may_edit else None,
    }
    return render(request, "covenants/criteria_table.html", context)


def _criterion_form_response(
    request: HttpRequest, form: Form, covenant: Covenant, *, title: str, action: str
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "action": action,
        "cancel_url": _table_url(covenant.pk),
        "covenant": covenant,
        "season": covenant.season,
    }
    template = "covenants/_criterion_form.html" if request.htmx else "covenants/criterion_form.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _groups(covenant: Covenant) -> Any:
    return covenant.criteria.filter(kind=CriterionKind.GROUP).order_by("code")


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def criterion_create(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = selectors.covenant_get_for_user(user=request.user, pk=pk)
    require_can(request, "covenants.change_covenant", covenant)
    initial = {"parent": request.GET.get("parent") or None}
    form = forms.CriterionForm(_data(request), initial=initial, groups=_groups(covenant))
    if request.method == "POST" and form.is_valid():
        ok, criterion = attempt(
            form,
            lambda: services.criterion_create(
                actor=request.user, covenant=covenant, **form.cleaned_data
            ),
        )
        if ok:
            messages.success(request, _("Đã thêm dòng “%(code)s”.") % {"code": criterion.code})
            return redirect(_table_url(covenant.pk) + f"#tc-{criterion.pk}")
    return _criterion_form_response(
        request,
        form,
        covenant,
        title=_("Thêm dòng vào bảng điểm"),
        action=reverse("covenants:criterion_create", args=[covenant.pk]),
    )


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def criterion_update(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = selectors.criterion_get_for_user(user=request.user, pk=pk)
    covenant = criterion.covenant
    require_can(request, "covenants.change_covenant", covenant)
    initial = {
        field: getattr(criterion, field)
        for field in (
            "code",
            "title",
            "kind",
            "parent",
            "max_points",
            "points_per_item",
            "guidance",
            "evidence_required",
        )
    }
    form = forms.CriterionForm(
        _data(request), initial=initial, groups=_groups(covenant).exclude(pk=criterion.pk)
    )
    if request.method == "POST" and form.is_valid():
        ok, _c = attempt(
            form,
            lambda: services.criterion_update(
                actor=request.user, criterion=criterion, **form.cleaned_data
            ),
        )
        if ok:
            messages.success(request, _("Đã lưu dòng “%(code)s”.") % {"code": criterion.code})
            return redirect(_table_url(covenant.pk) + f"#tc-{criterion.pk}")
    return _criterion_form_response(
        request,
        form,
        covenant,
        title=_("Sửa dòng “%(code)s”") % {"code": criterion.code},
        action=reverse("covenants:criterion_update", args=[criterion.pk]),
    )


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def criterion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = selectors.criterion_get_for_user(user=request.user, pk=pk)
    return confirm_delete(
        request,
        criterion,
        perm="covenants.change_covenant",
        delete=lambda: services.criterion_delete(actor=request.user, criterion=criterion),
        done_message=_("Đã xoá dòng “%(code)s” và các dòng con.") % {"code": criterion.code},
        done_url=_table_url(criterion.covenant_id),
        cancel_url=_table_url(criterion.covenant_id),
    )


@page_view("blocs")
def criteria_export(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = selectors.covenant_get_for_user(user=request.user, pk=pk)
    data = services.criteria_export(actor=request.user, covenant=covenant)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"bang-diem-{covenant.season.bloc_id}-{covenant.season.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@page_view("blocs")
@require_POST
def criteria_import(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = selectors.covenant_get_for_user(user=request.user, pk=pk)
    require_can(request, "covenants.change_covenant", covenant)
    form = forms.ImportForm(request.POST, request.FILES)
    result = None
    if form.is_valid():
        data = form.cleaned_data["file"].read()
        ok, result = attempt(
            form,
            lambda: services.criteria_import(actor=request.user, covenant=covenant, data=data),
        )
        if ok and result.ok:
            messages.success(
                request,
                _(
                    "Đã nhập bảng điểm: thêm %(created)s, sửa %(updated)s, xoá %(deleted)s, "
                    "giữ nguyên %(unchanged)s dòng."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "deleted": result.deleted,
                    "unchanged": result.unchanged,
                },
            )
            return redirect(_table_url(covenant.pk))
    context = {
        "covenant": covenant,
        "season": covenant.season,
        "bloc": covenant.season.bloc,
        "table": selectors.criteria_table(covenant=covenant),
        "may_edit": True,
        "import_form": form,
        "import_result": result,
    }
    return render(request, "covenants/criteria_table.html", context, status=422)


# Registrations --------------------------------------------------------------------------------


@page_view("blocs")
def registration_list(request: HttpRequest, season_pk: int) -> HttpResponse:
    season = org_selectors.season_get_for_user(user=request.user, pk=season_pk)
    context = {
        "season": season,
        "bloc": season.bloc,
        "rows": selectors.registration_rows(user=request.user, season=season),
        "may_decide": can(request.user, "covenants.decide_registration", season),
        "own": selectors.own_registration(user=request.user, season=season),
        "may_register": can(request.user, "covenants.register", season),
        "submitted": RegistrationStatus.SUBMITTED,
    }
    return render(request, "covenants/registration_list.html", context)


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def registration_own(request: HttpRequest, season_pk: int) -> HttpResponse:
    season = org_selectors.season_get_for_user(user=request.user, pk=season_pk)
    registration = selectors.own_registration(user=request.user, season=season)
    if registration is None:
        require_can(request, "covenants.register", season)
        initial: dict[str, Any] = {}
    else:
        initial = {
            "targets": registration.targets,
            "aimed_titles": "\n".join(registration.aimed_titles),
        }
    editable = registration is None or registration.status in services.registration.EDITABLE
    form = forms.RegistrationForm(_data(request), initial=initial)
    if request.method == "POST" and editable and form.is_valid():
        data = form.cleaned_data
        if registration is None:
            call: Callable[[], Any] = lambda: services.registration_create(  # noqa: E731
                actor=request.user, season=season, **data
            )
        else:
            call = lambda: services.registration_update(  # noqa: E731
                actor=request.user, registration=registration, **data
            )
        ok, saved = attempt(form, call)
        if ok:
            if "submit" in request.POST:
                return _post_action(
                    request,
                    lambda: services.registration_submit(actor=request.user, registration=saved),
                    _("Đã gửi bản đăng ký cho trưởng khối."),
                    reverse("covenants:registration_own", args=[season.pk]),
                )
            messages.success(request, _("Đã lưu bản đăng ký."))
            return redirect("covenants:registration_own", season_pk=season.pk)
    context = {
        "form": form,
        "season": season,
        "bloc": season.bloc,
        "registration": registration,
        "editable": editable,
        "deadline": getattr(getattr(season, "covenant", None), "registration_deadline", None),
    }
    return render(request, "covenants/registration_form.html", context)


def _registration_action(service: Callable[..., Any], done: Any) -> Callable[..., HttpResponse]:
    @page_view("blocs")
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        registration = selectors.registration_get_for_user(user=request.user, pk=pk)
        back = request.POST.get("back") or "list"
        name = "registration_own" if back == "own" else "registration_list"
        url = reverse(f"covenants:{name}", args=[registration.season_id])
        return _post_action(
            request,
            lambda: service(actor=request.user, registration=registration),
            str(done),
            url,
        )

    return view


registration_submit = _registration_action(
    services.registration_submit, gettext_lazy("Đã gửi bản đăng ký cho trưởng khối.")
)
registration_approve = _registration_action(
    services.registration_approve, gettext_lazy("Đã duyệt bản đăng ký.")
)


@page_view("blocs")
@require_http_methods(["GET", "POST"])
def registration_return(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.registration_get_for_user(user=request.user, pk=pk)
    require_can(request, "covenants.decide_registration", registration)
    form = forms.ReasonForm(_data(request))
    url = reverse("covenants:registration_list", args=[registration.season_id])
    if request.method == "POST" and form.is_valid():
        ok, _r = attempt(
            form,
            lambda: services.registration_return(
                actor=request.user, registration=registration, reason=form.cleaned_data["reason"]
            ),
        )
        if ok:
            messages.success(request, _("Đã trả lại bản đăng ký."))
            return redirect(url)
    return _form_page(
        request,
        form,
        title=_("Trả lại bản đăng ký của “%(unit)s”") % {"unit": registration.unit.name},
        cancel_url=url,
        season=registration.season,
        registration=registration,
    )
