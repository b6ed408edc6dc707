"""The poll page: candidates by ranking, and the steps draft → open → closed (or cancelled), with
the turnout while open and the result, run-off and downloads once closed."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.permissions import can
from thidua.core.views import run
from thidua.org.forms import ConfirmForm
from thidua.org.views import page_view, require_can
from thidua.org.views import post_data as _data
from thidua.voting import forms, selectors, services
from thidua.voting.enums import PollStatus
from thidua.voting.models import Poll
from thidua.voting.views._common import NEEDS_REASON, SECTION, findings, flash


def poll_url(poll: Poll, anchor: str = "") -> str:
    return reverse("voting:poll_detail", args=[poll.pk]) + (f"#{anchor}" if anchor else "")


def _poll_context(request: HttpRequest, poll: Poll) -> dict[str, Any]:
    user = request.user
    status = poll.status
    candidates = selectors.poll_candidates(user=user, poll=poll)
    may_manage = can(user, "voting.manage_poll", poll)
    context: dict[str, Any] = {
        "poll": poll,
        "meeting": poll.meeting,
        "season": poll.meeting.season,
        "candidates": candidates,
        "may_manage": may_manage,
        "is_draft": status == PollStatus.DRAFT,
        "is_open": status == PollStatus.OPEN,
        "is_closed": status == PollStatus.CLOSED,
        "turnout": selectors.turnout(user=user, poll=poll) if status == PollStatus.OPEN else None,
        "result": selectors.poll_result(user=user, poll=poll)
        if status == PollStatus.CLOSED
        else None,
        "may_vote": status == PollStatus.OPEN and can(user, "voting.cast_ballot", poll),
        "may_paper": status in (PollStatus.OPEN, PollStatus.CLOSED)
        and poll.allow_paper
        and (
            can(user, "voting.key_paper", poll)
            or can(user, "voting.issue_paper", poll)
            or can(user, "voting.resolve_paper", poll)
        ),
        "may_ballots": status == PollStatus.CLOSED and can(user, "voting.view_ballots", poll),
    }
    if may_manage and status == PollStatus.DRAFT:
        taken = [c.unit_id for c in candidates]
        units = poll.meeting.season.members.exclude(pk__in=taken).order_by("name")
        context["candidate_form"] = forms.CandidateAddForm(units=units)
    result = context["result"]
    context["may_runoff"] = bool(
        may_manage and result is not None and result.tied_names and not poll.runoffs.exists()
    )
    return context


@page_view(SECTION)
def poll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.view_meeting", poll)
    return render(request, "voting/poll_detail.html", _poll_context(request, poll))


@page_view(SECTION)
@require_POST
def candidate_add(request: HttpRequest, pk: int) -> HttpResponse:
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.manage_poll", poll)
    units = poll.meeting.season.members.all()
    form = forms.CandidateAddForm(request.POST, units=units)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một đơn vị thành viên."))
        return redirect(poll_url(poll, "danh-sach"))
    unit = form.cleaned_data["unit"]
    _cand, exc = run(lambda: services.candidate_add(actor=request.user, poll=poll, unit=unit))
    flash(request, exc, _("Đã thêm %(unit)s vào danh sách.") % {"unit": unit.name})
    return redirect(poll_url(poll, "danh-sach"))


@page_view(SECTION)
@require_POST
def candidate_remove(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.manage_poll", poll)
    candidate = poll.candidates.select_related("unit").filter(pk=candidate_pk).first()
    if candidate is None:
        messages.error(request, _("Không tìm thấy dữ liệu."))
        return redirect(poll_url(poll, "danh-sach"))
    _none, exc = run(lambda: services.candidate_remove(actor=request.user, candidate=candidate))
    flash(request, exc, _("Đã bỏ %(unit)s khỏi danh sách.") % {"unit": candidate.unit.name})
    return redirect(poll_url(poll, "danh-sach"))


def _confirm_page(request: HttpRequest, poll: Poll, form: Any, **context: Any) -> HttpResponse:
    context = {
        "form": form,
        "poll": poll,
        "meeting": poll.meeting,
        "season": poll.meeting.season,
        "cancel_url": poll_url(poll),
        **context,
    }
    return render(request, "voting/form_page.html", context)


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def poll_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft poll's seats, title, channels, double entry and tie policy; the quota is
    checked again (a [U] rule's warning asks for a reason, a binding quota refuses)."""
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.manage_poll", poll)
    asked = bool(request.POST.get("override_reason"))
    initial = {
        "title": poll.title,
        "seats": poll.seats,
        "allow_online": poll.allow_online,
        "allow_paper": poll.allow_paper,
        "entries_required": poll.entries_required,
        "tie_policy": poll.tie_policy,
        "override_reason": poll.override_reason,
    }
    form = forms.PollEditForm(_data(request), initial=initial, needs_reason=asked)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("override_reason")
        _poll, refusal = run(
            lambda: services.poll_update(
                actor=request.user, poll=poll, override_reason=reason, **data
            )
        )
        if refusal is None:
            messages.success(request, _("Đã lưu cuộc bỏ phiếu."))
            return redirect(poll_url(poll))
        if refusal.code == NEEDS_REASON:
            form = forms.PollEditForm(request.POST, initial=initial, needs_reason=True)
            form.is_valid()
        form.add_error(None, refusal.message)
    return _confirm_page(
        request,
        poll,
        form,
        title=_("Sửa cuộc bỏ phiếu: %(poll)s") % {"poll": poll.title},
        intro=_("Chỉ sửa được khi chưa mở bỏ phiếu."),
        findings=findings(refusal),
        submit=_("Ghi lý do và lưu")
        if refusal is not None and refusal.code == NEEDS_REASON
        else _("Lưu"),
    )


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def poll_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the vote: shows the attendance against the quorum; a warning asks for a reason."""
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.manage_poll", poll)
    asked = bool(request.POST.get("override_reason"))
    form = forms.PollOpenForm(_data(request), needs_reason=asked)
    refusal = None
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["override_reason"]
        _poll, refusal = run(
            lambda: services.poll_open(actor=request.user, poll=poll, override_reason=reason)
        )
        if refusal is None:
            messages.success(request, _("Đã mở bỏ phiếu."))
            return redirect(poll_url(poll))
        if refusal.code == NEEDS_REASON:
            form = forms.PollOpenForm(request.POST, needs_reason=True)
            form.is_valid()
        form.add_error(None, refusal.message)
    view = selectors.meeting_detail(user=request.user, meeting=poll.meeting)
    return _confirm_page(
        request,
        poll,
        form,
        title=_("Mở bỏ phiếu: %(poll)s") % {"poll": poll.title},
        intro=_(
            "Khi mở, danh sách cử tri (mỗi đơn vị thành viên một phiếu) được chốt và danh sách "
            "đơn vị không sửa được nữa."
        ),
        quorum=view,
        findings=findings(refusal),
        submit=_("Ghi lý do và mở bỏ phiếu")
        if refusal is not None and refusal.code == NEEDS_REASON
        else _("Mở bỏ phiếu"),
    )


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def poll_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the vote (confirmation page with the turnout); the result is counted and frozen."""
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.manage_poll", poll)
    form = ConfirmForm(_data(request))
    if request.method == "POST" and form.is_valid():
        _poll, exc = run(lambda: services.poll_close(actor=request.user, poll=poll))
        if exc is None:
            messages.success(request, _("Đã kết thúc bỏ phiếu và kiểm phiếu."))
            return redirect(poll_url(poll))
        form.add_error(None, exc.message)
    turnout = (
        selectors.turnout(user=request.user, poll=poll) if poll.status == PollStatus.OPEN else None
    )
    return _confirm_page(
        request,
        poll,
        form,
        title=_("Kết thúc bỏ phiếu: %(poll)s") % {"poll": poll.title},
        intro=_(
            "Sau khi kết thúc, không nhận thêm phiếu; kết quả được kiểm và công bố, danh sách "
            "phiếu được niêm phong bằng mã băm SHA-256."
        ),
        turnout=turnout,
        submit=_("Kết thúc và kiểm phiếu"),
    )


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def poll_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.manage_poll", poll)
    form = forms.ReasonForm(_data(request))
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        _poll, exc = run(lambda: services.poll_cancel(actor=request.user, poll=poll, reason=reason))
        if exc is None:
            messages.success(request, _("Đã huỷ cuộc bỏ phiếu."))
            return redirect(poll_url(poll))
        form.add_error(None, exc.message)
    return _confirm_page(
        request,
        poll,
        form,
        title=_("Huỷ cuộc bỏ phiếu: %(poll)s") % {"poll": poll.title},
        intro=_("Lý do huỷ được ghi vào lịch sử của cuộc bỏ phiếu."),
        submit=_("Huỷ cuộc bỏ phiếu"),
        danger=True,
    )


@page_view(SECTION)
@require_POST
def poll_runoff(request: HttpRequest, pk: int) -> HttpResponse:
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    runoff, exc = run(lambda: services.poll_runoff(actor=request.user, poll=poll))
    flash(request, exc, _("Đã tạo cuộc bỏ phiếu lại giữa các đơn vị bằng phiếu."))
    return redirect(poll_url(runoff if exc is None else poll))
