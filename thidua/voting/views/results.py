"""What a poll shows the room and the members: the projector (turnout live, never a partial
count), the result once closed, the anonymous ballot list with its hash, and the minutes."""

import json
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.views import run
from thidua.org.views import page_view, require_can
from thidua.voting import forms, minutes, selectors
from thidua.voting.enums import BallotStatus, PollStatus
from thidua.voting.models import Poll
from thidua.voting.views._common import SECTION, attachment, no_store
from thidua.voting.views.poll import poll_url

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def _viewable_poll(request: HttpRequest, pk: int) -> Poll:
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.view_meeting", poll)
    return poll


def _live_context(request: HttpRequest, poll: Poll) -> dict[str, Any]:
    """Turnout while open (who has voted, never what); the result only once the poll is closed."""
    status = poll.status
    return {
        "poll": poll,
        "meeting": poll.meeting,
        "season": poll.meeting.season,
        "is_draft": status == PollStatus.DRAFT,
        "is_open": status == PollStatus.OPEN,
        "is_closed": status == PollStatus.CLOSED,
        "is_cancelled": status == PollStatus.CANCELLED,
        "polling": status in (PollStatus.DRAFT, PollStatus.OPEN),
        "turnout": selectors.turnout(user=request.user, poll=poll)
        if status == PollStatus.OPEN
        else None,
        "result": selectors.poll_result(user=request.user, poll=poll)
        if status == PollStatus.CLOSED
        else None,
    }


@page_view(SECTION)
@require_GET
def projector(request: HttpRequest, pk: int) -> HttpResponse:
    """Large type for the room's screen; the figures refresh themselves every 2 seconds."""
    poll = _viewable_poll(request, pk)
    return no_store(render(request, "voting/projector.html", _live_context(request, poll)))


@page_view(SECTION)
@require_GET
def projector_live(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _viewable_poll(request, pk)
    return no_store(render(request, "voting/_projector_live.html", _live_context(request, poll)))


@page_view(SECTION)
@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _viewable_poll(request, pk)
    result, refusal = run(lambda: selectors.poll_result(user=request.user, poll=poll))
    context = {
        "poll": poll,
        "meeting": poll.meeting,
        "season": poll.meeting.season,
        "result": result,
        "refusal": refusal,
    }
    return render(request, "voting/results.html", context)


def _ballot_list(request: HttpRequest, pk: int) -> tuple[Poll, Any, Any]:
    poll = _viewable_poll(request, pk)
    require_can(request, "voting.view_ballots", poll)
    listing, refusal = run(lambda: selectors.ballot_list(user=request.user, poll=poll))
    return poll, listing, refusal


def _status_label(status: str) -> str:
    return str(BallotStatus(status).label) if status in BallotStatus.values else status


def canonical_json(rows: list[dict[str, Any]]) -> bytes:
    """The published ballot list as hashed: rows by receipt, sorted keys, no spaces, UTF-8."""
    ordered = sorted(rows, key=lambda row: row["receipt"])
    text = json.dumps(ordered, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def ballot_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The anonymous ballots of a closed poll; a member finds its receipt and recomputes.

    The receipt is searched by POST: a query string would put it in access logs next to the
    user's address, linking voter and ballot."""
    poll, listing, refusal = _ballot_list(request, pk)
    form = forms.ReceiptSearchForm(request.POST if request.method == "POST" else None)
    query = form.cleaned_data["ma"].strip().upper() if form.is_valid() else ""
    rows = listing.rows if listing is not None else []
    found = next((r for r in rows if r.receipt.upper() == query), None) if query else None
    context = {
        "poll": poll,
        "meeting": poll.meeting,
        "season": poll.meeting.season,
        "listing": listing,
        "refusal": refusal,
        "rows": rows,
        "form": form,
        "query": query,
        "found": found,
        "found_status": _status_label(found.status) if found else "",
        "candidates": selectors.poll_candidates(user=request.user, poll=poll)
        if listing is not None
        else [],
    }
    return render(request, "voting/ballot_list.html", context)


@page_view(SECTION)
@require_GET
def ballot_list_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballot list as the exact bytes that were hashed: `sha256sum` of the file is the hash."""
    poll, listing, refusal = _ballot_list(request, pk)
    if refusal is not None:
        messages.error(request, refusal.message)
        return redirect(poll_url(poll))
    content = canonical_json([asdict(row) for row in listing.rows])
    filename = f"danh-sach-phieu-{poll.pk}.json"
    return attachment(content, filename=filename, content_type="application/json")


def _minutes(
    request: HttpRequest, pk: int, *, render_minutes: Any, ext: str, content_type: str
) -> HttpResponse:
    poll = _viewable_poll(request, pk)
    if poll.status != PollStatus.CLOSED:
        messages.error(request, _("Biên bản kiểm phiếu chỉ có sau khi kết thúc bỏ phiếu."))
        return redirect(poll_url(poll))
    content, refusal = run(lambda: render_minutes(poll))
    if refusal is not None:
        messages.error(request, refusal.message)
        return redirect(poll_url(poll))
    filename = _("Biên bản kiểm phiếu – %(poll)s.%(ext)s") % {"poll": poll.title, "ext": ext}
    return attachment(content, filename=filename, content_type=content_type)


@page_view(SECTION)
@require_GET
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes(request, pk, render_minutes=minutes.minutes_docx, ext="docx", content_type=DOCX)


@page_view(SECTION)
@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes(request, pk, render_minutes=minutes.minutes_pdf, ext="pdf", content_type=PDF)
