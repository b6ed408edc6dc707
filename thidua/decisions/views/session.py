"""Council sessions: the list, opening one, the session page (attendance, proposals, the review
sheet with each proposal's threshold and rule), the members' votes on a proposal, and closing."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.awards.rulebook import load_rulebook
from thidua.awards.selectors.search import award_name
from thidua.core.exceptions import NotFound
from thidua.core.views import run
from thidua.decisions import council as council_rules
from thidua.decisions import forms, selectors, services
from thidua.decisions.enums import SessionStatus
from thidua.decisions.models import CouncilSession, CouncilVote
from thidua.decisions.services._common import finding_dict, members_on, overrides_for_province
from thidua.decisions.views._common import (
    chosen_province,
    may,
    member_label,
    proposals_to_review,
    sorted_members,
)
from thidua.decisions.views.council import active_council, council_url
from thidua.dossiers.views._common import labels as proposal_labels
from thidua.dossiers.views._common import subject_name
from thidua.org.views import page_view, require_can
from thidua.org.views import post_data as _data

SECTION = "council"
NEEDS_REASON = "needs_override_reason"
MANAGE = "decisions.manage_session"


def session_url(session: CouncilSession, anchor: str = "") -> str:
    return reverse("decisions:session_detail", args=[session.pk]) + (f"#{anchor}" if anchor else "")


def _session(request: HttpRequest, pk: int, perm: str = "decisions.view") -> CouncilSession:
    session = selectors.session_get_for_user(user=request.user, pk=pk)
    require_can(request, perm, session.council.province)
    return session


def _closed(request: HttpRequest, session: CouncilSession) -> HttpResponse | None:
    """A form of a closed session answers with the session page and a message."""
    if session.status == SessionStatus.OPEN:
        return None
    messages.error(request, _("Phiên họp đã kết thúc."))
    return redirect(session_url(session))


def _members(session: CouncilSession) -> list[Any]:
    return sorted_members(members_on(session.council_id, session.date))


def _present_form(session: CouncilSession, data: Any = None) -> forms.PresentForm:
    members = _members(session)
    return forms.PresentForm(
        data,
        members=members_on(session.council_id, session.date),
        labels={m.pk: member_label(m) for m in members},
        initial={"members": list(session.present.values_list("pk", flat=True))},
    )


def _add_form(session: CouncilSession, data: Any = None) -> forms.ProposalsForm:
    proposals = proposals_to_review(session.council.province)
    return forms.ProposalsForm(
        data,
        proposals=proposals,
        labels=proposal_labels(proposals),
        label=_("Đề nghị hợp lệ chờ Hội đồng xét"),
    )


def _quorum(session: CouncilSession, sheet: selectors.ReviewSheet) -> list[dict[str, Any]]:
    """The quorum findings: frozen when closed, checked live on the attendance while open."""
    if session.status == SessionStatus.CLOSED:
        return list(session.warnings or [])
    if sheet.present == 0 or sheet.members_total == 0:
        return []
    findings = council_rules.check_quorum(
        load_rulebook(),
        session.date,
        members_total=sheet.members_total,
        present=sheet.present,
        overrides=overrides_for_province(session.council.province_id),
    )
    return [finding_dict(f) for f in findings]


def _rows(sheet: selectors.ReviewSheet) -> list[dict[str, Any]]:
    return [
        {
            "row": row,
            "subject": subject_name(row.proposal),
            "award": award_name(row.proposal.award_type),
        }
        for row in sheet.rows
    ]


def _session_page(
    request: HttpRequest, session: CouncilSession, *, status: int = 200, **overrides: Any
) -> HttpResponse:
    sheet = selectors.session_review_sheet(session=session)
    province = session.council.province
    may_manage = session.status == SessionStatus.OPEN and may(request, MANAGE, province)
    context: dict[str, Any] = {
        "session": session,
        "council": session.council,
        "province": province,
        "sheet": sheet,
        "rows": _rows(sheet),
        "quorum": _quorum(session, sheet),
        "may_manage": may_manage,
        "present_form": _present_form(session) if may_manage else None,
        "add_form": _add_form(session) if may_manage else None,
        "present_names": [member_label(m) for m in sorted_members(session.present.all())],
    }
    context.update(overrides)
    return render(request, "decisions/session_detail.html", context, status=status)


@page_view(SECTION)
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    province, provinces = chosen_province(request)
    sessions = selectors.session_list_for_user(user=request.user).filter(council__province=province)
    current = active_council(request.user, province)
    context = {
        "province": province,
        "provinces": provinces,
        "sessions": list(sessions),
        "council": current,
        "may_open": current is not None and may(request, MANAGE, province),
    }
    return render(request, "decisions/session_list.html", context)


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def session_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a session of the council (date, place); proposals are added on the session page."""
    current = selectors.council_get_for_user(user=request.user, pk=pk)
    require_can(request, MANAGE, current.province)
    form = forms.SessionForm(_data(request), initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        session, exc = run(
            lambda: services.session_open(actor=request.user, council=current, **form.cleaned_data)
        )
        if exc is None:
            messages.success(request, _("Đã mở phiên họp Hội đồng."))
            return redirect(session_url(session))
        form.add_error(None, exc.message)
    context = {
        "form": form,
        "title": _("Mở phiên họp Hội đồng"),
        "province": current.province,
        "submit": _("Mở phiên họp"),
        "cancel_url": council_url(current.province),
        "crumb_url": council_url(current.province),
        "crumb": _("Hội đồng Thi đua – Khen thưởng"),
    }
    return render(request, "decisions/form_page.html", context)


@page_view(SECTION)
@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_page(request, _session(request, pk))


@page_view(SECTION)
@require_POST
def session_present(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, MANAGE)
    form = _present_form(session, request.POST)
    if form.is_valid():
        _result, exc = run(
            lambda: services.session_set_present(
                actor=request.user, session=session, members=form.cleaned_data["members"]
            )
        )
        if exc is None:
            messages.success(request, _("Đã lưu danh sách thành viên có mặt."))
            return redirect(session_url(session, "co-mat"))
        form.add_error(None, exc.message)
    return _session_page(request, session, present_form=form)


@page_view(SECTION)
@require_POST
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, MANAGE)
    form = _add_form(session, request.POST)
    if form.is_valid():
        _items, exc = run(
            lambda: services.session_add_proposals(
                actor=request.user, session=session, proposals=form.cleaned_data["proposals"]
            )
        )
        if exc is None:
            messages.success(request, _("Đã đưa đề nghị vào phiên họp."))
            return redirect(session_url(session, "phieu-xet"))
        form.add_error(None, exc.message)
    return _session_page(request, session, add_form=form)


def _item(session: CouncilSession, proposal_pk: int) -> Any:
    item = (
        session.items.select_related("proposal__unit", "proposal__person__unit")
        .filter(proposal_id=proposal_pk)
        .first()
    )
    if item is None:
        raise NotFound()
    return item


@page_view(SECTION)
@require_POST
def session_remove(request: HttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    session = _session(request, pk, MANAGE)
    item = _item(session, proposal_pk)
    _none, exc = run(
        lambda: services.session_remove_proposal(
            actor=request.user, session=session, proposal=item.proposal
        )
    )
    if exc is None:
        messages.success(request, _("Đã bỏ đề nghị khỏi phiên họp."))
    else:
        messages.error(request, exc.message)
    return redirect(session_url(session, "phieu-xet"))


def _vote_rows(session: CouncilSession, proposal_pk: int, data: Any = None) -> list[dict[str, Any]]:
    present = set(session.present.values_list("pk", flat=True))
    votes = {
        v.member_id: v for v in CouncilVote.objects.filter(session=session, proposal_id=proposal_pk)
    }
    rows = []
    for member in _members(session):
        vote = votes.get(member.pk)
        initial = {
            "vote": "" if vote is None else (forms.APPROVE if vote.approve else forms.DISAPPROVE),
            "in_writing": vote.in_writing if vote else member.pk not in present,
        }
        form = forms.VoteRowForm(
            data, prefix=f"tv{member.pk}", initial=initial, has_vote=vote is not None
        )
        rows.append({"member": member, "present": member.pk in present, "form": form})
    return rows


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def session_votes(request: HttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    """Key the members' votes on one proposal: one line per member of the council on the day."""
    session = _session(request, pk, MANAGE)
    item = _item(session, proposal_pk)
    if (closed := _closed(request, session)) is not None:
        return closed
    rows = _vote_rows(session, proposal_pk, _data(request))
    error = ""
    if request.method == "POST":
        if all(row["form"].is_valid() for row in rows):
            votes, written = {}, []
            for row in rows:
                choice = row["form"].cleaned_data["vote"]
                if choice == forms.NOT_VOTED:
                    continue
                votes[row["member"].pk] = choice == forms.APPROVE
                if row["form"].cleaned_data["in_writing"]:
                    written.append(row["member"].pk)
            _saved, exc = run(
                lambda: services.session_record_votes(
                    actor=request.user,
                    session=session,
                    proposal=item.proposal,
                    votes=votes,
                    in_writing=written,
                )
            )
            if exc is None:
                messages.success(request, _("Đã lưu biểu quyết của các thành viên."))
                return redirect(session_url(session, "phieu-xet"))
            error = exc.message
        else:
            error = _("Vui lòng sửa các lỗi bên dưới.")
    context = {
        "session": session,
        "province": session.council.province,
        "item": item,
        "subject": subject_name(item.proposal),
        "award": award_name(item.proposal.award_type),
        "rows": rows,
        "error": error,
    }
    return render(request, "decisions/session_votes.html", context)


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def session_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm the close. A quorum rule that only warns asks for the reason box; a binding one
    refuses, with the rule cited."""
    session = _session(request, pk, MANAGE)
    if (closed := _closed(request, session)) is not None:
        return closed
    sheet = selectors.session_review_sheet(session=session)
    quorum = _quorum(session, sheet)
    needs_reason = any(not f["blocking"] for f in quorum)
    form = forms.CloseForm(_data(request), needs_reason=needs_reason)
    if request.method == "POST" and form.is_valid():
        _result, exc = run(
            lambda: services.session_close(
                actor=request.user,
                session=session,
                override_reason=form.cleaned_data["override_reason"],
            )
        )
        if exc is None:
            messages.success(request, _("Đã kết thúc phiên họp; kết quả xét đã được ghi."))
            return redirect(session_url(session))
        if exc.code == NEEDS_REASON:
            needs_reason = True
        form.add_error(None, exc.message)
    context = {
        "session": session,
        "province": session.council.province,
        "sheet": sheet,
        "rows": _rows(sheet),
        "quorum": quorum,
        "needs_reason": needs_reason,
        "form": form,
    }
    return render(request, "decisions/session_close.html", context)
