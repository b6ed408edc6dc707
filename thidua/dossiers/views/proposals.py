"""The unit side's pages of proposals: the unit's list, creating proposals for its staff or for
itself, a proposal's page (subject, award, summary, the vote and scorecard behind it, the
timeline, the checklist, files, generated documents) and its steps (edit, files, submit with an
override reason, withdraw, delete). The board's steps on the same page live in `board.py`."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.awards.rulebook import DOCUMENT_KINDS
from thidua.core.exceptions import Conflict, DomainError, NotFound
from thidua.dossiers import documents, forms, workflow
from thidua.dossiers.models import Dossier, Proposal, ProposalStatus
from thidua.dossiers.selectors import proposals as selectors
from thidua.dossiers.services import proposals as proposal_services
from thidua.dossiers.services import submission
from thidua.dossiers.services.checks import proposal_checks
from thidua.dossiers.views._common import (
    VIEW,
    award_name,
    may,
    rows_of,
    run,
    subject_name,
    upload_from_form,
)
from thidua.org import selectors as org_selectors
from thidua.org.views import page_view, require_can
from thidua.scoring.selectors.scorecard import scorecard_totals

SECTION = "proposals"
OVERRIDE_REQUIRED = "override_required"
UNIT_PARAM = "don-vi"


def proposal_url(proposal: Proposal | int, anchor: str = "") -> str:
    pk = proposal if isinstance(proposal, int) else proposal.pk
    url = reverse("dossiers:proposal_detail", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def unit_url(unit_id: int) -> str:
    return reverse("dossiers:unit_proposals", args=[unit_id])


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("nam", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None


@page_view(SECTION)
@require_GET
def proposal_home(request: HttpRequest) -> HttpResponse:
    """A unit officer goes to the unit's proposals, the board to its inbox; others pick a unit."""
    user: Any = request.user
    raw = request.GET.get(UNIT_PARAM, "")
    if raw.isdigit():
        return redirect(unit_url(int(raw)))
    if user.unit_id is not None:
        return redirect(unit_url(user.unit_id))
    if may(request, "dossiers.view_inbox"):
        return redirect("dossiers:inbox")
    units = org_selectors.unit_list_for_user(user=user).order_by("name")
    return render(request, "dossiers/proposal_home.html", {"units": units})


@page_view(SECTION)
@require_GET
def unit_proposals(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = org_selectors.unit_get_for_user(user=request.user, pk=unit_pk)
    year = _year(request)
    proposals = selectors.proposals_of_unit(user=request.user, unit=unit, year=year)
    dossiers = Dossier.objects.filter(submitting_unit=unit).order_by("-year", "-created_at")
    if year is not None:
        dossiers = dossiers.filter(year=year)
    context = {
        "unit": unit,
        "year": year,
        "rows": rows_of(proposals),
        "dossiers": list(dossiers),
        "may_create": may(request, "dossiers.create_proposal", unit),
    }
    return render(request, "dossiers/unit_proposals.html", context)


STAFF, COLLECTIVE = "ca-nhan", "tap-the"


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """Proposals for people of the unit (one per person) or one for the unit itself."""
    unit = org_selectors.unit_get_for_user(user=request.user, pk=unit_pk)
    require_can(request, "dossiers.create_proposal", unit)
    people = unit.people.order_by("full_name", "pk")
    chosen = request.POST.get("doi_tuong") if request.method == "POST" else None
    staff_form = forms.StaffProposalForm(
        request.POST if chosen == STAFF else None, people=people, prefix="cn"
    )
    unit_form = forms.UnitProposalForm(request.POST if chosen == COLLECTIVE else None, prefix="tt")
    if chosen == STAFF and staff_form.is_valid():
        data = staff_form.cleaned_data
        created, exc = run(
            lambda: proposal_services.proposals_create_for_staff(
                actor=request.user,
                unit=unit,
                people=list(data["people"]),
                award_type=data["award_type"],
                year=data["year"],
                summary=data["summary"],
            )
        )
        if exc is None:
            messages.success(
                request, _("Đã lập %(count)s đề nghị dự thảo.") % {"count": len(created)}
            )
            return redirect(unit_url(unit.pk))
        staff_form.add_error(None, exc.message)
    elif chosen == COLLECTIVE and unit_form.is_valid():
        data = unit_form.cleaned_data
        proposal, exc = run(
            lambda: proposal_services.proposal_create_for_unit(
                actor=request.user,
                unit=unit,
                award_type=data["award_type"],
                year=data["year"],
                summary=data["summary"],
            )
        )
        if exc is None:
            messages.success(request, _("Đã lập đề nghị dự thảo."))
            return redirect(proposal_url(proposal))
        unit_form.add_error(None, exc.message)
    context = {
        "unit": unit,
        "staff_form": staff_form,
        "unit_form": unit_form,
        "chosen": chosen or STAFF,
        "STAFF": STAFF,
        "COLLECTIVE": COLLECTIVE,
    }
    return render(request, "dossiers/proposal_create.html", context)


def _documents(request: HttpRequest, proposal: Proposal) -> tuple[list[Any], str]:
    """The generated documents of a proposal of a bloc's season, or why there are none."""
    if proposal.season_id is None:
        return [], ""
    found, exc = run(lambda: documents.proposal_documents(user=request.user, proposals=[proposal]))
    return (found or []), (exc.message if exc is not None else "")


def _score(proposal: Proposal) -> Any:
    """The totals of the scorecard behind the proposal (self and agreed), or None."""
    card = proposal.scorecard if proposal.scorecard_id is not None else None
    return scorecard_totals([card])[card.pk] if card is not None else None


def _file_rows(request: HttpRequest, detail: selectors.ProposalDetail, board: bool) -> list[Any]:
    with_unit = detail.proposal.status in workflow.WITH_UNIT
    unit_side = may(request, "dossiers.edit_proposal", detail.proposal)
    rows = []
    for item in detail.files:
        removable = (board and item.by_board) or (unit_side and with_unit and not item.by_board)
        kind = DOCUMENT_KINDS.get(item.kind, item.kind)
        rows.append({"file": item, "kind": kind, "removable": removable})
    return rows


def proposal_page(
    request: HttpRequest, pk: int, *, status: int = 200, **overrides: Any
) -> HttpResponse:
    """The proposal's page; `overrides` carry a bound form with its errors."""
    detail = selectors.proposal_detail(user=request.user, pk=pk)
    proposal = detail.proposal
    with_unit = proposal.status in workflow.WITH_UNIT
    steps = workflow.next_statuses(proposal.status)
    board = may(request, "dossiers.appraise_proposal", proposal)
    unit_side = may(request, "dossiers.edit_proposal", proposal)
    checks = detail.checks
    generated, documents_note = _documents(request, proposal)
    may_edit = unit_side and with_unit
    context: dict[str, Any] = {
        "proposal": proposal,
        "subject": subject_name(proposal),
        "award": award_name(proposal.award_type),
        "events": detail.events,
        "files": _file_rows(request, detail, board),
        "checks": checks,
        "overdue": detail.overdue,
        "documents": generated,
        "documents_note": documents_note,
        "may_edit": may_edit,
        "may_delete": may_edit
        and proposal.status == ProposalStatus.DRAFT
        and proposal.source_poll_id is None
        and not detail.events,
        "may_submit": may_edit and may(request, "dossiers.submit_proposal", proposal),
        "may_withdraw": ProposalStatus.WITHDRAWN in steps
        and may(request, "dossiers.withdraw_proposal", proposal),
        "may_upload": (board or may_edit) and may(request, "dossiers.upload_file", proposal),
        "board": board,
        "may_receive": board and ProposalStatus.RECEIVED in steps,
        "may_return": board and ProposalStatus.RETURNED in steps,
        "may_appraise": board and proposal.status == ProposalStatus.RECEIVED,
        "summary_form": forms.SummaryForm(initial={"summary": proposal.summary}),
        "file_form": forms.FileForm(),
        "submit_form": forms.SubmitForm(needs_override=checks.needs_override),
        "withdraw_form": forms.ReasonForm(label=_("Lý do rút đề nghị"), prefix="rut"),
        "return_form": forms.ReasonForm(label=_("Lý do trả lại"), prefix="tra"),
        "reject_form": forms.ReasonForm(label=_("Lý do không đủ điều kiện"), prefix="loai"),
        "valid_form": forms.NoteForm(prefix="hople"),
        "needs_override": checks.needs_override,
        "vote_percent": None if proposal.vote_share is None else proposal.vote_share * 100,
        "score": _score(proposal),
    }
    context.update(overrides)
    return render(request, "dossiers/proposal_detail.html", context, status=status)


def refused(request: HttpRequest, proposal: Proposal, exc: DomainError) -> HttpResponse | None:
    """A step refused for the proposal's state (Conflict) answers with its page and the message;
    a refused input (ValidationFailed) is shown on the bound form by the caller (None)."""
    if not isinstance(exc, Conflict):
        return None
    messages.error(request, exc.message)
    return redirect(proposal_url(proposal))


def guarded(request: HttpRequest, pk: int) -> Proposal:
    return selectors.proposal_get_for_user(user=request.user, pk=pk)


@page_view(SECTION)
@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return proposal_page(request, pk)


@page_view(SECTION)
@require_POST
def proposal_update(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = guarded(request, pk)
    require_can(request, "dossiers.edit_proposal", proposal)
    form = forms.SummaryForm(request.POST)
    if form.is_valid():
        _row, exc = run(
            lambda: proposal_services.proposal_update(
                actor=request.user, proposal=proposal, summary=form.cleaned_data["summary"]
            )
        )
        if exc is None:
            messages.success(request, _("Đã lưu tóm tắt thành tích."))
            return redirect(proposal_url(proposal, "tom-tat"))
        if (answer := refused(request, proposal, exc)) is not None:
            return answer
        form.add_error(None, exc.message)
    return proposal_page(request, pk, summary_form=form)


@page_view(SECTION)
@require_POST
def proposal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = guarded(request, pk)
    require_can(request, "dossiers.edit_proposal", proposal)
    unit_id = proposal.submitting_unit_id or proposal.subject_unit_id
    _none, exc = run(
        lambda: proposal_services.proposal_delete(actor=request.user, proposal=proposal)
    )
    if exc is not None:
        messages.error(request, exc.message)
        return redirect(proposal_url(proposal))
    messages.success(request, _("Đã xoá đề nghị dự thảo."))
    return redirect(unit_url(unit_id) if unit_id else reverse("dossiers:home"))


@page_view(SECTION)
@require_POST
def proposal_file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = guarded(request, pk)
    require_can(request, "dossiers.upload_file", proposal)
    return upload_from_form(
        request,
        forms.FileForm(request.POST, request.FILES),
        target={"proposal": proposal},
        done=proposal_url(proposal, "giay-to"),
        refused=lambda exc: refused(request, proposal, exc),
        page=lambda form: proposal_page(request, pk, file_form=form),
    )


@page_view(SECTION)
@require_POST
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = guarded(request, pk)
    require_can(request, "dossiers.submit_proposal", proposal)
    needs_override = proposal_checks(proposal).needs_override
    form = forms.SubmitForm(request.POST, needs_override=needs_override)
    if form.is_valid():
        _row, exc = run(
            lambda: submission.proposal_submit(
                actor=request.user,
                proposal=proposal,
                override_reason=form.cleaned_data["override_reason"],
            )
        )
        if exc is None:
            messages.success(request, _("Đã trình đề nghị lên Ban Thi đua – Khen thưởng."))
            return redirect(proposal_url(proposal))
        if (answer := refused(request, proposal, exc)) is not None:
            return answer
        form.add_error(None, exc.message)
        if exc.code == OVERRIDE_REQUIRED:
            form.fields["override_reason"].required = True
    return proposal_page(request, pk, submit_form=form)


@page_view(SECTION)
@require_POST
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = guarded(request, pk)
    require_can(request, "dossiers.withdraw_proposal", proposal)
    form = forms.ReasonForm(request.POST, label=_("Lý do rút đề nghị"), prefix="rut")
    if form.is_valid():
        _row, exc = run(
            lambda: submission.proposal_withdraw(
                actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
            )
        )
        if exc is None:
            messages.success(request, _("Đã rút đề nghị."))
            return redirect(proposal_url(proposal))
        if (answer := refused(request, proposal, exc)) is not None:
            return answer
        form.add_error(None, exc.message)
    return proposal_page(request, pk, withdraw_form=form)


@page_view(SECTION)
@require_GET
def proposal_document(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    """One generated document of the proposal's bloc pack, as .docx or PDF."""
    proposal = guarded(request, pk)
    require_can(request, VIEW, proposal)
    if proposal.season_id is None or fmt not in ("docx", "pdf"):
        raise NotFound()
    rendered, exc = run(
        lambda: documents.render_document(
            user=request.user, proposals=[proposal], kind=kind, fmt=fmt
        )
    )
    if exc is not None:
        messages.error(request, exc.message)
        return redirect(proposal_url(proposal, "van-ban"))
    return attachment(rendered)


@page_view(SECTION)
@require_GET
def proposal_pack(request: HttpRequest, pk: int) -> HttpResponse:
    """Every generated document of the proposal, .docx and PDF, in one zip."""
    proposal = guarded(request, pk)
    require_can(request, VIEW, proposal)
    if proposal.season_id is None:
        raise NotFound()
    rendered, exc = run(lambda: documents.render_pack(user=request.user, proposals=[proposal]))
    if exc is not None:
        messages.error(request, exc.message)
        return redirect(proposal_url(proposal, "van-ban"))
    return attachment(rendered)


def attachment(rendered: documents.RenderedDocument) -> HttpResponse:
    response = HttpResponse(rendered.data, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
