"""Server-rendered pages of the scoring app: the unit's scorecard, review and cross-scoring grids,
objections and exclusions. Reads go through selectors, writes through services.

Autosave endpoints answer htmx with a small fragment (status "Đã lưu" or the error, plus
out-of-band totals); without JavaScript the same forms post and redirect back.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.permissions import can
from thidua.core.exceptions import DomainError, NotFound, PermissionDeniedError
from thidua.covenants.models import Criterion
from thidua.org.forms import ConfirmForm
from thidua.org.selectors import pages, season_get_for_user
from thidua.org.views import post_data as _data
from thidua.org.views.common import attempt, page_view, require_can
from thidua.scoring import forms, selectors, services
from thidua.scoring.enums import ScorecardStatus
from thidua.scoring.models import Score, Scorecard
from thidua.scoring.selectors.scorecard import Totals

S = ScorecardStatus
SECTION = "blocs"

# The labels of the scoring services' change reasons, for the history table.
REASON_LABELS = {
    "scorecard_create": gettext_lazy("Mở bảng tự chấm"),
    "scorecard_submit": gettext_lazy("Nộp bảng tự chấm"),
    "scorecard_mark_reviewed": gettext_lazy("Chốt thẩm định"),
    "scorecard_open_objections": gettext_lazy("Mở nhận ý kiến"),
    "scorecard_finalize": gettext_lazy("Chốt điểm chính thức"),
    "scorecard_reopen": gettext_lazy("Mở lại bảng điểm"),
}


def _history(card: Scorecard) -> list[dict[str, Any]]:
    rows = pages.history_display(card, limit=30)
    for row in rows:
        code, _sep, detail = row["reason"].partition(": ")
        label = REASON_LABELS.get(code)
        if label is not None:
            row["reason_label"] = f"{label}: {detail}" if detail else str(label)
    return rows


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _run(request: HttpRequest, call: Callable[[], Any], done: str) -> tuple[bool, str]:
    """Run a service; a refusal becomes a message (NotFound and 403 propagate to page_view)."""
    try:
        call()
    except (NotFound, PermissionDeniedError):
        raise
    except DomainError as exc:
        return False, exc.message
    return True, done


def _flash(request: HttpRequest, ok: bool, text: str) -> None:
    (messages.success if ok else messages.error)(request, text)


def _card_url(card: Scorecard, tab: int | None = None, anchor: str = "") -> str:
    url = reverse("scoring:scorecard_detail", args=[card.pk])
    if tab:
        url += f"?nhom={tab}"
    return url + (f"#{anchor}" if anchor else "")


def _score_of(request: HttpRequest, card_pk: int, score_pk: int) -> Score:
    score = selectors.score_get_for_user(user=request.user, pk=score_pk)
    if score.scorecard_id != card_pk:
        raise Http404
    return score


def _tab_of(request: HttpRequest, count: int) -> int:
    try:
        value = int(request.GET.get("nhom") or request.POST.get("nhom") or 0)
    except ValueError:
        value = 0
    return min(max(value, 0), max(count - 1, 0))


# The unit's scorecard -------------------------------------------------------------------------


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def my_scorecard(request: HttpRequest, season_pk: int) -> HttpResponse:
    """The officer's own card of the season: opens it, or offers to start self-scoring."""
    season = season_get_for_user(user=request.user, pk=season_pk)
    card = selectors.scorecard_get_own(user=request.user, season=season)
    if card is not None:
        return redirect(_card_url(card))
    unit = getattr(request.user, "unit", None)
    if unit is None:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    error = ""
    if request.method == "POST":
        try:
            card, _created = services.scorecard_get_or_create(
                actor=request.user, season=season, unit=unit
            )
        except (NotFound, PermissionDeniedError):
            raise
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Đã mở bảng tự chấm điểm."))
            return redirect(_card_url(card))
    context = {"season": season, "bloc": season.bloc, "unit": unit, "error": error}
    return render(request, "scoring/start.html", context, status=422 if error else 200)


def _card_context(request: HttpRequest, card: Scorecard) -> dict[str, Any]:
    sheet = selectors.scorecard_sheet(scorecard=card)
    tab = _tab_of(request, len(sheet.tabs))
    user = request.user
    can_review = can(user, "scoring.review_scorecard", card)
    return {
        "card": card,
        "season": card.season,
        "sheet": sheet,
        "tab": sheet.tabs[tab] if sheet.tabs else None,
        "tab_index": tab,
        "editable": card.status == S.DRAFT and can(user, "scoring.self_score", card),
        "show_review": card.status != S.DRAFT and (can_review or card.status != S.SUBMITTED),
        "can_submit": card.status == S.DRAFT and can(user, "scoring.submit_scorecard", card),
        "can_mark_reviewed": card.status == S.SUBMITTED and can_review,
        "can_open": card.status == S.REVIEWED and can(user, "scoring.open_objections", card),
        "can_finalize": card.status == S.OBJECTION and can(user, "scoring.finalize", card),
        "can_reopen": card.status == S.FINAL and can(user, "scoring.reopen", card),
        "can_object": card.status == S.OBJECTION and can(user, "scoring.file_objection", card),
        "history": _history(card),
    }


@page_view(SECTION)
def scorecard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    card = selectors.scorecard_get_for_user(user=request.user, pk=pk)
    require_can(request, "scoring.view_scorecard", card)
    return render(request, "scoring/scorecard_detail.html", _card_context(request, card))


def _progress(card: Scorecard) -> Totals:
    return selectors.scorecard_totals([card])[card.pk]


@page_view(SECTION)
@require_POST
def score_self(request: HttpRequest, pk: int, score_pk: int) -> HttpResponse:
    """Autosave of one field (points or comment) of a row; one service call per change."""
    score = _score_of(request, pk, score_pk)
    form = forms.SelfScoreForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    points = data.get("points") if "points" in request.POST else score.self_score
    comment = data.get("comment") if "comment" in request.POST else None
    ok, text = _run(
        request,
        lambda: services.score_set_self(
            actor=request.user, score=score, points=points, comment=comment
        ),
        _("Đã lưu"),
    )
    if not form.is_valid():
        ok, text = False, _("Dữ liệu không hợp lệ.")
    if _is_htmx(request):
        context = {"score": score, "ok": ok, "text": text, "totals": _progress(score.scorecard)}
        return render(request, "scoring/_save_status.html", context)
    _flash(request, ok, text)
    return redirect(_card_url(score.scorecard, _tab_of(request, 99), f"dong-{score.pk}"))


def _evidence_response(request: HttpRequest, score: Score, ok: bool, text: str) -> HttpResponse:
    if _is_htmx(request):
        context = {
            "score": score,
            "files": list(selectors.evidence_list_for_user(user=request.user, score_id=score.pk)),
            "editable": True,
            "ok": ok,
            "text": text,
        }
        return render(request, "scoring/_evidence.html", context)
    _flash(request, ok, text)
    return redirect(_card_url(score.scorecard, _tab_of(request, 99), f"dong-{score.pk}"))


@page_view(SECTION)
@require_POST
def evidence_upload(request: HttpRequest, pk: int, score_pk: int) -> HttpResponse:
    score = _score_of(request, pk, score_pk)
    form = forms.EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _evidence_response(request, score, False, _("Hãy chọn một tệp minh chứng."))
    ok, text = _run(
        request,
        lambda: services.evidence_upload(
            actor=request.user, score=score, file=form.cleaned_data["file"]
        ),
        _("Đã tải lên minh chứng."),
    )
    return _evidence_response(request, score, ok, text)


@page_view(SECTION)
@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = selectors.evidence_get_for_user(user=request.user, pk=pk)
    score = evidence.score
    ok, text = _run(
        request,
        lambda: services.evidence_delete(actor=request.user, evidence=evidence),
        _("Đã xoá minh chứng."),
    )
    return _evidence_response(request, score, ok, text)


@page_view(SECTION)
def evidence_download(request: HttpRequest, pk: int) -> Any:
    """The stored file, as an attachment, to those who may see the scorecard."""
    evidence = selectors.evidence_get_for_user(user=request.user, pk=pk)
    require_can(request, "scoring.view_scorecard", evidence.score.scorecard)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def scorecard_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation page of a submission (what is missing, the deadline); POST submits."""
    card = selectors.scorecard_get_for_user(user=request.user, pk=pk)
    require_can(request, "scoring.submit_scorecard", card)
    form = ConfirmForm(_data(request))
    if request.method == "POST" and form.is_valid():
        ok, _card = attempt(
            form, lambda: services.scorecard_submit(actor=request.user, scorecard=card)
        )
        if ok:
            messages.success(request, _("Đã nộp bảng tự chấm điểm."))
            return redirect(_card_url(card))
    context = _card_context(request, card)
    context["form"] = form
    return render(request, "scoring/submit_confirm.html", context)


def _card_action(
    request: HttpRequest, pk: int, call: Callable[[Scorecard], Any], done: str
) -> HttpResponse:
    card = selectors.scorecard_get_for_user(user=request.user, pk=pk)
    ok, text = _run(request, lambda: call(card), done)
    _flash(request, ok, text)
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(_card_url(card))


@page_view(SECTION)
@require_POST
def scorecard_mark_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    return _card_action(
        request,
        pk,
        lambda c: services.scorecard_mark_reviewed(actor=request.user, scorecard=c),
        _("Đã chốt kết quả thẩm định của bảng điểm."),
    )


@page_view(SECTION)
@require_POST
def scorecard_open_objections(request: HttpRequest, pk: int) -> HttpResponse:
    return _card_action(
        request,
        pk,
        lambda c: services.scorecard_open_objections(actor=request.user, scorecard=c),
        _("Đã mở nhận ý kiến về điểm."),
    )


@page_view(SECTION)
@require_POST
def scorecard_finalize(request: HttpRequest, pk: int) -> HttpResponse:
    return _card_action(
        request,
        pk,
        lambda c: services.scorecard_finalize(actor=request.user, scorecard=c),
        _("Đã chốt điểm chính thức."),
    )


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    return render(request, "scoring/form_page.html", {"form": form, **context})


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def scorecard_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    card = selectors.scorecard_get_for_user(user=request.user, pk=pk)
    require_can(request, "scoring.reopen", card)
    form = forms.ReasonForm(_data(request))
    if request.method == "POST" and form.is_valid():
        ok, _card = attempt(
            form,
            lambda: services.scorecard_reopen(
                actor=request.user, scorecard=card, reason=form.cleaned_data["reason"]
            ),
        )
        if ok:
            messages.success(request, _("Đã mở lại bảng điểm để thẩm định lại."))
            return redirect(_card_url(card))
    return _form_page(
        request,
        form,
        title=_("Mở lại bảng điểm đã chốt"),
        intro=_("Bảng điểm trở về trạng thái “Đã thẩm định”. Lý do được lưu trong lịch sử."),
        card=card,
        season=card.season,
        cancel_url=_card_url(card),
        submit=_("Mở lại"),
    )


# Review and cross-scoring grids ---------------------------------------------------------------


def _season_and_covenant(request: HttpRequest, season_pk: int) -> tuple[Any, Any]:
    season = season_get_for_user(user=request.user, pk=season_pk)
    covenant = selectors.covenant_for_season(season)
    if covenant is None:
        raise Http404
    return season, covenant


@page_view(SECTION)
def review_grid(request: HttpRequest, season_pk: int) -> HttpResponse:
    """Units × criteria with self and review scores, reasons and totals (leader and board)."""
    season, covenant = _season_and_covenant(request, season_pk)
    require_can(request, "scoring.open_objections", season)
    grid = selectors.review_grid(user=request.user, season=season, covenant=covenant)
    context = {
        "season": season,
        "bloc": season.bloc,
        "grid": grid,
        "leader_mode": covenant.scoring_mode == "leader_review",
    }
    return render(request, "scoring/review_grid.html", context)


def _cell_response(
    request: HttpRequest, name: str, score: Score, ok: bool, text: str
) -> HttpResponse:
    """The cell's save status for htmx (with the unit's totals out of band), else the grid."""
    if _is_htmx(request):
        context = {
            "ok": ok,
            "text": text,
            "card": score.scorecard,
            "totals": _progress(score.scorecard) if name == "scoring:review_grid" else None,
        }
        return render(request, "scoring/_cell_status.html", context)
    _flash(request, ok, text)
    return redirect(reverse(name, args=[score.scorecard.season_id]) + f"#o-{score.pk}")


def _grid_cell_post(
    request: HttpRequest, season_pk: int, score_pk: int, *, service: Callable[..., Any], grid: str
) -> HttpResponse:
    """One cell of the review or cross-scoring grid: points and reason through `service`."""
    score = selectors.score_get_for_user(user=request.user, pk=score_pk)
    if score.scorecard.season_id != season_pk:
        raise Http404
    form = forms.ReviewScoreForm(request.POST)
    form.is_valid()
    ok, text = _run(
        request,
        lambda: service(
            actor=request.user,
            score=score,
            points=form.cleaned_data.get("points"),
            reason=form.cleaned_data.get("reason", ""),
        ),
        _("Đã lưu"),
    )
    return _cell_response(request, grid, score, ok, text)


@page_view(SECTION)
@require_POST
def score_review(request: HttpRequest, season_pk: int, score_pk: int) -> HttpResponse:
    return _grid_cell_post(
        request, season_pk, score_pk, service=services.score_set_review, grid="scoring:review_grid"
    )


@page_view(SECTION)
def cross_grid(request: HttpRequest, season_pk: int) -> HttpResponse:
    """The other members' submitted cards, for this member unit's cross-scores."""
    season, covenant = _season_and_covenant(request, season_pk)
    require_can(request, "scoring.cross_score", season)
    grid = selectors.cross_grid(user=request.user, season=season, covenant=covenant)
    context = {"season": season, "bloc": season.bloc, "grid": grid}
    return render(request, "scoring/cross_grid.html", context)


@page_view(SECTION)
@require_POST
def cross_score(request: HttpRequest, season_pk: int, score_pk: int) -> HttpResponse:
    return _grid_cell_post(
        request, season_pk, score_pk, service=services.cross_score_set, grid="scoring:cross_grid"
    )


@page_view(SECTION)
@require_POST
def season_open_objections(request: HttpRequest, season_pk: int) -> HttpResponse:
    season = season_get_for_user(user=request.user, pk=season_pk)
    ok, text = _run(
        request,
        lambda: services.season_open_objections(actor=request.user, season=season),
        _("Đã mở nhận ý kiến cho các bảng điểm đã thẩm định."),
    )
    _flash(request, ok, text)
    return redirect("scoring:review_grid", season_pk=season.pk)


# Objections -------------------------------------------------------------------------------------


@page_view(SECTION)
def objection_list(request: HttpRequest, season_pk: int) -> HttpResponse:
    season = season_get_for_user(user=request.user, pk=season_pk)
    objections = list(selectors.objection_list_for_user(user=request.user, season_id=season.pk))
    for item in objections:
        item.can_answer = item.status == "open" and can(  # type: ignore[attr-defined]
            request.user, "scoring.answer_objection", item
        )
    context = {"season": season, "bloc": season.bloc, "objections": objections}
    return render(request, "scoring/objection_list.html", context)


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def objection_file(request: HttpRequest, pk: int) -> HttpResponse:
    card = selectors.scorecard_get_for_user(user=request.user, pk=pk)
    require_can(request, "scoring.file_objection", card)
    criteria = Criterion.objects.filter(scores__scorecard=card).order_by("order", "id")
    initial = {"criterion": request.GET.get("tieu_chi")} if request.method == "GET" else None
    form = forms.ObjectionForm(_data(request), criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, _item = attempt(
            form,
            lambda: services.objection_file(
                actor=request.user,
                scorecard=card,
                criterion=form.cleaned_data["criterion"],
                text=form.cleaned_data["text"],
            ),
        )
        if ok:
            messages.success(request, _("Đã gửi ý kiến về điểm."))
            return redirect(_card_url(card, anchor="y-kien"))
    return _form_page(
        request,
        form,
        title=_("Gửi ý kiến về điểm thẩm định"),
        intro=_("Ý kiến gửi tới trưởng khối trong thời hạn nhận ý kiến."),
        card=card,
        season=card.season,
        cancel_url=_card_url(card),
        submit=_("Gửi ý kiến"),
    )


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def objection_answer(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.objection_get_for_user(user=request.user, pk=pk)
    require_can(request, "scoring.answer_objection", item)
    form = forms.AnswerForm(_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _item = attempt(
            form,
            lambda: services.objection_answer(
                actor=request.user,
                objection=item,
                answer=data["answer"],
                points=data["points"] or None,
                reason=data["reason"],
            ),
        )
        if ok:
            messages.success(request, _("Đã trả lời ý kiến."))
            return redirect("scoring:objection_list", season_pk=item.scorecard.season_id)
    return _form_page(
        request,
        form,
        title=_("Trả lời ý kiến về điểm"),
        objection=item,
        card=item.scorecard,
        season=item.scorecard.season,
        cancel_url=reverse("scoring:objection_list", args=[item.scorecard.season_id]),
        submit=_("Gửi trả lời"),
    )


# Exclusions -------------------------------------------------------------------------------------


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def exclusion_list(request: HttpRequest, season_pk: int) -> HttpResponse:
    season = season_get_for_user(user=request.user, pk=season_pk)
    may_edit = can(request.user, "scoring.exclude_unit", season)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    units = season.members.order_by("name")
    form = forms.ExclusionForm(_data(request), units=units) if may_edit else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _item = attempt(
            form,
            lambda: services.exclusion_create(
                actor=request.user,
                season=season,
                unit=data["unit"],
                rule_id=data["rule_id"],
                reason=data["reason"],
            ),
        )
        if ok:
            messages.success(request, _("Đã ghi nhận đơn vị không xét."))
            return redirect("scoring:exclusion_list", season_pk=season.pk)
    context = {
        "season": season,
        "bloc": season.bloc,
        "exclusions": selectors.exclusion_list_for_user(user=request.user, season_id=season.pk),
        "form": form,
        "may_edit": may_edit,
    }
    return render(request, "scoring/exclusion_list.html", context)


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def exclusion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.exclusion_get_for_user(user=request.user, pk=pk)
    require_can(request, "scoring.exclude_unit", item)
    form = forms.ReasonForm(_data(request))
    back = reverse("scoring:exclusion_list", args=[item.season_id])
    if request.method == "POST" and form.is_valid():
        ok, _none = attempt(
            form,
            lambda: services.exclusion_delete(
                actor=request.user, exclusion=item, reason=form.cleaned_data["reason"]
            ),
        )
        if ok:
            messages.success(request, _("Đã bỏ ghi nhận không xét."))
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Bỏ ghi nhận không xét: %(unit)s") % {"unit": item.unit.name},
        intro=_("Quy tắc %(rule)s. Lý do đã ghi: %(reason)s")
        % {"rule": item.rule_id, "reason": item.reason},
        season=item.season,
        cancel_url=back,
        submit=_("Bỏ ghi nhận"),
    )
