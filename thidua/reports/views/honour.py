"""The public honour board (bảng vàng): the published boards, a province's board (no sign-in),
and the board's settings and lines kept off it (the province's board only)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.permissions import can
from thidua.awards.selectors.registry import record_get_for_user
from thidua.awards.selectors.search import award_name
from thidua.core.exceptions import NotFound
from thidua.core.paging import CappedPaginator
from thidua.core.views import run
from thidua.org import selectors as org_selectors
from thidua.org.views import page_view, require_can
from thidua.reports.honour_forms import BoardFilterForm, HideForm, HonourBoardForm
from thidua.reports.selectors import honour as selectors
from thidua.reports.services import honour as services

SECTION = "honour"
PAGE_SIZE = 50
# Anonymous visitors may keep a public page this long (seconds).
PUBLIC_MAX_AGE = 300


def _may_manage(request: HttpRequest, province: object) -> bool:
    return bool(request.user.is_authenticated and can(request.user, services.MANAGE, province))


@require_GET
def board_list(request: HttpRequest) -> HttpResponse:
    """The provinces whose board published its honour board."""
    request.nav_section = SECTION  # type: ignore[attr-defined]
    boards = selectors.published_boards()
    managed = []
    if request.user.is_authenticated:
        managed = [
            p
            for p in org_selectors.province_list_for_user(user=request.user).order_by("name")
            if _may_manage(request, p)
        ]
    response = render(request, "reports/honour_list.html", {"boards": boards, "managed": managed})
    if not request.user.is_authenticated:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


@require_GET
def board(request: HttpRequest, code: str) -> HttpResponse:
    """A province's honour board: decided awards, newest year first; 404 unless published
    (the province's board also sees it unpublished, as a preview)."""
    request.nav_section = SECTION  # type: ignore[attr-defined]
    try:
        honour_board = selectors.board_by_code(code)
    except NotFound:
        raise Http404 from None
    may_manage = _may_manage(request, honour_board.province)
    if not honour_board.published and not may_manage:
        raise Http404
    award_types = selectors.board_award_types(honour_board)
    form = BoardFilterForm(request.GET or None, award_types=award_types)
    year = award_type = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["nam"]
        award_type = form.cleaned_data["hinh_thuc"] or None
    lines = selectors.honour_lines(honour_board, year=year, award_type=award_type)
    if form.is_bound and not form.is_valid():
        lines = lines.none()
    page = CappedPaginator(lines, PAGE_SIZE, cap=selectors.COUNT_CAP).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "record": r,
            "award": award_name(r.award_type),
            "name": r.person.full_name if r.person else r.unit.name if r.unit else "",
            "unit": r.person.unit.name if r.person else "",
            "is_person": r.person_id is not None,
        }
        for r in page.object_list
    ]
    context = {
        "honour_board": honour_board,
        "province": honour_board.province,
        "title": honour_board.title
        or _("Bảng vàng thi đua, khen thưởng – %(province)s")
        % {"province": honour_board.province.name},
        "form": form,
        "page": page,
        "rows": rows,
        "may_manage": may_manage,
    }
    response = render(request, "reports/honour_board.html", context)
    if not request.user.is_authenticated:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def settings(request: HttpRequest, province_pk: int) -> HttpResponse:
    province = org_selectors.province_get_for_user(user=request.user, pk=province_pk)
    require_can(request, services.MANAGE, province)
    current = services.honour_board_of(province)
    initial = {
        "published": current.published,
        "title": current.title,
        "intro": current.intro,
        "levels": current.levels,
        "from_year": current.from_year,
        "show_people": current.show_people,
    }
    form = HonourBoardForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        _board, error = run(
            lambda: services.honour_board_update(
                actor=request.user, province=province, **form.cleaned_data
            )
        )
        if error is None:
            messages.success(request, _("Đã lưu cài đặt bảng vàng."))
            return redirect("reports:honour_settings", province_pk=province.pk)
        form.add_error(None, error.message)
    context = {
        "province": province,
        "honour_board": current,
        "form": form,
        "hidden": list(selectors.hidden_lines(current)[:200]) if current.pk else [],
        "board_url": reverse("reports:honour_board", args=[province.code]),
    }
    return render(request, "reports/honour_settings.html", context)


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def hide(request: HttpRequest, record_pk: int) -> HttpResponse:
    """Keep one line off the public board, with a reason."""
    record = record_get_for_user(user=request.user, pk=record_pk)
    require_can(request, services.MANAGE, record.province)
    form = HideForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        _hidden, error = run(
            lambda: services.honour_record_hide(
                actor=request.user, record=record, reason=form.cleaned_data["reason"]
            )
        )
        if error is None:
            messages.success(request, _("Dòng khen thưởng không còn hiển thị trên bảng vàng."))
            return redirect("reports:honour_board", code=record.province.code)
        form.add_error(None, error.message)
    context = {
        "record": record,
        "award": award_name(record.award_type),
        "form": form,
        "board_url": reverse("reports:honour_board", args=[record.province.code]),
    }
    return render(request, "reports/honour_hide.html", context)


@page_view(SECTION)
@require_POST
def show(request: HttpRequest, record_pk: int) -> HttpResponse:
    """Put a line kept off the board back on it."""
    record = record_get_for_user(user=request.user, pk=record_pk)
    _result, error = run(lambda: services.honour_record_show(actor=request.user, record=record))
    if error is None:
        messages.success(request, _("Dòng khen thưởng đã hiển thị lại trên bảng vàng."))
    else:
        messages.error(request, error.message)
    return redirect("reports:honour_settings", province_pk=record.province_id)


urlpatterns = [
    path("bang-vang/", board_list, name="honour_list"),
    path("bang-vang/tinh/<int:province_pk>/cai-dat/", settings, name="honour_settings"),
    path("bang-vang/dong/<int:record_pk>/an/", hide, name="honour_hide"),
    path("bang-vang/dong/<int:record_pk>/hien/", show, name="honour_show"),
    path("bang-vang/<str:code>/", board, name="honour_board"),
]
