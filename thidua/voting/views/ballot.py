"""Casting a ballot online (the delegate of a member unit) and the counting committee's paper
ballots: issuing them to present delegates, blind double entry, settling conflicts."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.permissions import can
from thidua.core.views import run
from thidua.org.models import Unit
from thidua.org.views import page_view, require_can
from thidua.org.views import post_data as _data
from thidua.voting import forms, selectors, services
from thidua.voting.enums import PollStatus, SheetStatus
from thidua.voting.models import Poll
from thidua.voting.views._common import SECTION, flash, no_store


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballot of the user's unit. The receipt code is shown once, in the answer to the POST,
    and stored nowhere with the voter; later visits only say that the unit has voted."""
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.view_meeting", poll)
    status = selectors.voter_status(user=request.user, poll=poll)
    candidates = selectors.poll_candidates(user=request.user, poll=poll)
    selectable = [c for c in candidates if c.selectable]
    form = forms.BallotForm(_data(request), candidates=selectable, max_choices=poll.seats)
    if request.method == "POST" and form.is_valid():
        choices = form.cleaned_data["choices"]
        receipt, exc = run(
            lambda: services.ballot_cast(actor=request.user, poll=poll, choices=choices)
        )
        if exc is None:
            done: dict[str, Any] = {
                "poll": poll,
                "meeting": poll.meeting,
                "season": poll.meeting.season,
                "receipt": receipt,
                "chosen": [c for c in selectable if c.pk in set(choices)],
            }
            return no_store(render(request, "voting/vote_receipt.html", done))
        form.add_error(None, exc.message)
        status = selectors.voter_status(user=request.user, poll=poll)
    context = {
        "poll": poll,
        "meeting": poll.meeting,
        "season": poll.meeting.season,
        "status": status,
        "candidates": candidates,
        "form": form,
        "is_open": poll.status == PollStatus.OPEN,
    }
    return no_store(render(request, "voting/vote.html", context))


# Paper ballots ------------------------------------------------------------------------------


def paper_url(poll: Poll, anchor: str = "") -> str:
    return reverse("voting:paper", args=[poll.pk]) + (f"#{anchor}" if anchor else "")


def _paper_rights(request: HttpRequest, poll: Poll) -> dict[str, bool]:
    user = request.user
    rights = {
        "may_key": can(user, "voting.key_paper", poll),
        "may_issue": can(user, "voting.issue_paper", poll),
        "may_resolve": can(user, "voting.resolve_paper", poll),
    }
    if not any(rights.values()):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    return rights


def _issue_units(request: HttpRequest, poll: Poll) -> Any:
    """Present units that have not voted yet: who may still be handed a paper ballot."""
    view = selectors.meeting_detail(user=request.user, meeting=poll.meeting)
    present = [a.unit_id for a in view.attendances if a.present]
    voted = set(selectors.turnout(user=request.user, poll=poll).voted_units)
    return Unit.objects.filter(pk__in=present).exclude(name__in=voted).order_by("name")


def _sheets(request: HttpRequest, poll: Poll, rights: dict[str, bool]) -> list[Any]:
    """The sheets with their keyed entries (shown once a sheet is complete) for the committee
    and for the leader or board who settle a conflict; otherwise numbers and states only."""
    if rights["may_key"] or rights.get("may_resolve"):
        return selectors.paper_sheets(user=request.user, poll=poll)
    return [
        selectors.SheetRow(
            number=sheet.number,
            status=sheet.status,
            entries=sheet.n_entries,
            keyed_by_me=False,
            entry_choices=[],
        )
        for sheet in poll.sheets.annotate(n_entries=Count("entries")).order_by("number")
    ]


def _paper_page(
    request: HttpRequest, poll: Poll, rights: dict[str, bool], **overrides: Any
) -> HttpResponse:
    candidates = selectors.poll_candidates(user=request.user, poll=poll)
    is_open = poll.status == PollStatus.OPEN
    sheets = _sheets(request, poll, rights)
    context: dict[str, Any] = {
        "poll": poll,
        "meeting": poll.meeting,
        "season": poll.meeting.season,
        "is_open": is_open,
        "sheets": sheets,
        "conflicts": sum(1 for s in sheets if s.status == SheetStatus.CONFLICT),
        "key_form": forms.PaperKeyForm(candidates=candidates)
        if is_open and rights["may_key"]
        else None,
        "issue_form": forms.PaperIssueForm(units=_issue_units(request, poll))
        if is_open and rights["may_issue"]
        else None,
        **rights,
    }
    context.update(overrides)
    return render(request, "voting/paper.html", context)


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    """The committee's page: sheets and their status, and the keying form (POST keys a sheet).
    What others keyed stays hidden until a sheet has all its entries (blind double entry)."""
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    rights = _paper_rights(request, poll)
    if request.method != "POST":
        return _paper_page(request, poll, rights)
    require_can(request, "voting.key_paper", poll)
    candidates = selectors.poll_candidates(user=request.user, poll=poll)
    form = forms.PaperKeyForm(request.POST, candidates=candidates)
    if form.is_valid():
        data = form.cleaned_data
        sheet, exc = run(lambda: services.paper_key(actor=request.user, poll=poll, **data))
        if exc is None:
            messages.success(
                request,
                _("Đã nhập phiếu số %(number)s (%(status)s).")
                % {"number": data["number"], "status": sheet.get_status_display()},
            )
            return redirect(paper_url(poll, "nhap-phieu"))
        form.add_error(None, exc.message)
    return _paper_page(request, poll, rights, key_form=form)


@page_view(SECTION)
@require_POST
def paper_issue(request: HttpRequest, pk: int) -> HttpResponse:
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.issue_paper", poll)
    form = forms.PaperIssueForm(request.POST, units=_issue_units(request, poll))
    if not form.is_valid():
        return _paper_page(request, poll, _paper_rights(request, poll), issue_form=form)
    units = list(form.cleaned_data["units"])
    count, exc = run(lambda: services.paper_issue(actor=request.user, poll=poll, units=units))
    done = _("Đã phát %(n)s phiếu giấy.") % {"n": count} if exc is None else ""
    flash(request, exc, done)
    return redirect(paper_url(poll, "phat-phieu"))


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def paper_resolve(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The leader or board settles a sheet whose entries differ, from the paper ballot itself."""
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.resolve_paper", poll)
    sheet = poll.sheets.filter(number=number).first()
    if sheet is None:
        raise Http404
    rights = {"may_key": can(request.user, "voting.key_paper", poll), "may_resolve": True}
    row = next((s for s in _sheets(request, poll, rights) if s.number == number), None)
    candidates = selectors.poll_candidates(user=request.user, poll=poll)
    form = forms.PaperResolveForm(_data(request), candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _sheet, exc = run(lambda: services.paper_resolve(actor=request.user, sheet=sheet, **data))
        if exc is None:
            messages.success(request, _("Đã xử lý phiếu số %(number)s.") % {"number": number})
            return redirect(paper_url(poll, "danh-sach-phieu-giay"))
        form.add_error(None, exc.message)
    context = {
        "form": form,
        "poll": poll,
        "meeting": poll.meeting,
        "season": poll.meeting.season,
        "sheet": sheet,
        "sheet_row": row,
        "title": _("Xử lý phiếu giấy số %(number)s") % {"number": number},
        "intro": _(
            "Các lần nhập không khớp. Đối chiếu với phiếu gốc rồi ghi nội dung đúng của phiếu và "
            "ghi chú cách xử lý."
        ),
        "submit": _("Lưu kết quả xử lý"),
        "cancel_url": paper_url(poll, "danh-sach-phieu-giay"),
    }
    return render(request, "voting/form_page.html", context)
