"""A unit's dossiers (hồ sơ): creating one (the submission letter's title, number, symbol and
date, the simplified procedure, its proposals), its page (proposals, files, the checks that
need an override) and its steps (edit, assign, take out, submit all at once, delete)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.awards.rulebook import DOCUMENT_KINDS
from thidua.core.exceptions import Conflict, NotFound
from thidua.dossiers import forms, workflow
from thidua.dossiers.models import Dossier, DossierFile
from thidua.dossiers.services import dossiers as services
from thidua.dossiers.services import submission
from thidua.dossiers.services.checks import proposal_checks
from thidua.dossiers.views._common import (
    assignable,
    dossier_get_for_user,
    labels,
    may,
    rows_of,
    run,
    upload_from_form,
)
from thidua.dossiers.views.proposals import OVERRIDE_REQUIRED, unit_url
from thidua.org import selectors as org_selectors
from thidua.org.views import page_view, require_can

SECTION = "proposals"
EDIT = "dossiers.edit_proposal"


def dossier_url(dossier: Dossier, anchor: str = "") -> str:
    url = reverse("dossiers:dossier_detail", args=[dossier.pk])
    return f"{url}#{anchor}" if anchor else url


def _refused(request: HttpRequest, dossier: Dossier, exc: Any) -> HttpResponse | None:
    """A step refused for the dossier's state (Conflict): its page with the message."""
    if not isinstance(exc, Conflict):
        return None
    messages.error(request, exc.message)
    return redirect(dossier_url(dossier))


def _season_of(proposals: list[Any]) -> Any:
    """The bloc's season shared by all the chosen proposals, else None."""
    seasons = {p.season_id for p in proposals}
    if len(seasons) == 1 and None not in seasons:
        return proposals[0].season
    return None


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def dossier_create(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = org_selectors.unit_get_for_user(user=request.user, pk=unit_pk)
    require_can(request, "dossiers.create_proposal", unit)
    data = request.POST if request.method == "POST" else None
    form = forms.DossierForm(data)
    candidates = assignable(unit.pk).select_related("season")
    pick = forms.ProposalsForm(
        data,
        proposals=candidates,
        labels=labels(candidates),
        label=_("Đề nghị đưa vào hồ sơ"),
        required=False,
    )
    if data is not None and form.is_valid() and pick.is_valid():
        chosen = list(pick.cleaned_data["proposals"])
        values = form.cleaned_data
        dossier, exc = run(
            lambda: services.dossier_create(
                actor=request.user,
                submitting_unit=unit,
                season=_season_of(chosen),
                proposals=chosen,
                **values,
            )
        )
        if exc is None:
            messages.success(request, _("Đã lập hồ sơ đề nghị khen thưởng."))
            return redirect(dossier_url(dossier))
        form.add_error(None, exc.message)
    context = {"unit": unit, "form": form, "pick": pick}
    return render(request, "dossiers/dossier_create.html", context)


def _overrides(dossier: Dossier, proposals: list[Any]) -> list[dict[str, Any]]:
    """Proposals still with the unit whose checks need an override, with what fails."""
    found = []
    for proposal in proposals:
        if proposal.status not in workflow.WITH_UNIT:
            continue
        checks = proposal_checks(proposal)
        if checks.needs_override:
            found.append({"proposal": proposal, "checks": checks})
    return found


def dossier_page(request: HttpRequest, dossier: Dossier, **overrides: Any) -> HttpResponse:
    proposals = list(
        dossier.proposals.select_related(
            "unit", "person__unit", "season", "dossier", "submitting_unit"
        ).order_by("award_type", "pk")
    )
    statuses = {p.status for p in proposals}
    with_unit = not (statuses - set(workflow.WITH_UNIT))
    unit_side = may(request, EDIT, dossier)
    board = may(request, "dossiers.appraise_proposal", dossier)
    may_edit = unit_side and with_unit
    failing = _overrides(dossier, proposals) if may_edit else []
    candidates = assignable(dossier.submitting_unit_id, year=dossier.year)
    files = [
        {
            "file": item,
            "kind": DOCUMENT_KINDS.get(item.kind, item.kind),
            "removable": (board and item.by_board) or (may_edit and not item.by_board),
        }
        for item in DossierFile.objects.filter(dossier=dossier)
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    ]
    context: dict[str, Any] = {
        "dossier": dossier,
        "rows": rows_of(proposals),
        "files": files,
        "failing": failing,
        "may_edit": may_edit,
        "may_submit": may_edit
        and bool(proposals)
        and may(request, "dossiers.submit_proposal", dossier),
        "may_delete": may_edit and dossier.submitted_at is None,
        "may_upload": (board or may_edit) and may(request, "dossiers.upload_file", dossier),
        "edit_form": forms.DossierForm(
            initial={
                "title": dossier.title,
                "year": dossier.year,
                "letter_number": dossier.letter_number,
                "letter_symbol": dossier.letter_symbol,
                "letter_date": dossier.letter_date,
                "simplified": dossier.simplified,
            }
        ),
        "assign_form": forms.ProposalsForm(
            proposals=candidates, labels=labels(candidates), label=_("Đề nghị đưa vào hồ sơ")
        ),
        "file_form": forms.FileForm(),
        "submit_form": forms.SubmitForm(needs_override=bool(failing)),
    }
    context.update(overrides)
    return render(request, "dossiers/dossier_detail.html", context)


@page_view(SECTION)
@require_GET
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return dossier_page(request, dossier_get_for_user(request, pk))


def _editable(request: HttpRequest, pk: int) -> Dossier:
    dossier = dossier_get_for_user(request, pk)
    require_can(request, EDIT, dossier)
    return dossier


@page_view(SECTION)
@require_POST
def dossier_update(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _editable(request, pk)
    form = forms.DossierForm(request.POST)
    if form.is_valid():
        values = dict(form.cleaned_data)
        values.pop("year")  # the year follows the proposals; it is set at creation
        _row, exc = run(
            lambda: services.dossier_update(actor=request.user, dossier=dossier, **values)
        )
        if exc is None:
            messages.success(request, _("Đã lưu thông tin hồ sơ."))
            return redirect(dossier_url(dossier))
        if (answer := _refused(request, dossier, exc)) is not None:
            return answer
        form.add_error(None, exc.message)
    dossier.refresh_from_db()
    return dossier_page(request, dossier, edit_form=form)


@page_view(SECTION)
@require_POST
def dossier_assign(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _editable(request, pk)
    candidates = assignable(dossier.submitting_unit_id, year=dossier.year)
    form = forms.ProposalsForm(request.POST, proposals=candidates, labels=labels(candidates))
    if form.is_valid():
        _rows, exc = run(
            lambda: services.dossier_assign(
                actor=request.user, dossier=dossier, proposals=list(form.cleaned_data["proposals"])
            )
        )
        if exc is None:
            messages.success(request, _("Đã đưa đề nghị vào hồ sơ."))
            return redirect(dossier_url(dossier, "de-nghi"))
        if (answer := _refused(request, dossier, exc)) is not None:
            return answer
        form.add_error(None, exc.message)
    return dossier_page(request, dossier, assign_form=form)


@page_view(SECTION)
@require_POST
def dossier_unassign(request: HttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    dossier = _editable(request, pk)
    proposal = dossier.proposals.filter(pk=proposal_pk).first()
    if proposal is None:
        raise NotFound()
    _row, exc = run(lambda: services.dossier_unassign(actor=request.user, proposal=proposal))
    if exc is None:
        messages.success(request, _("Đã đưa đề nghị ra khỏi hồ sơ."))
    else:
        messages.error(request, exc.message)
    return redirect(dossier_url(dossier, "de-nghi"))


@page_view(SECTION)
@require_POST
def dossier_submit(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(request, pk)
    require_can(request, "dossiers.submit_proposal", dossier)
    proposals = list(dossier.proposals.filter(status__in=workflow.WITH_UNIT))
    needs = any(proposal_checks(p).needs_override for p in proposals)
    form = forms.SubmitForm(request.POST, needs_override=needs)
    if form.is_valid():
        rows, exc = run(
            lambda: submission.dossier_submit(
                actor=request.user,
                dossier=dossier,
                override_reason=form.cleaned_data["override_reason"],
            )
        )
        if exc is None:
            messages.success(
                request,
                _("Đã trình hồ sơ (%(count)s đề nghị) lên Ban Thi đua – Khen thưởng.")
                % {"count": len(rows)},
            )
            return redirect(dossier_url(dossier))
        if (answer := _refused(request, dossier, exc)) is not None:
            return answer
        form.add_error(None, exc.message)
        if exc.code == OVERRIDE_REQUIRED:
            form.fields["override_reason"].required = True
    return dossier_page(request, dossier, submit_form=form)


@page_view(SECTION)
@require_POST
def dossier_delete(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _editable(request, pk)
    unit_id = dossier.submitting_unit_id
    _none, exc = run(lambda: services.dossier_delete(actor=request.user, dossier=dossier))
    if exc is not None:
        messages.error(request, exc.message)
        return redirect(dossier_url(dossier))
    messages.success(request, _("Đã xoá hồ sơ; các đề nghị vẫn giữ nguyên."))
    return redirect(unit_url(unit_id))


@page_view(SECTION)
@require_POST
def dossier_file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(request, pk)
    require_can(request, "dossiers.upload_file", dossier)
    return upload_from_form(
        request,
        forms.FileForm(request.POST, request.FILES),
        target={"dossier": dossier},
        done=dossier_url(dossier, "giay-to"),
        refused=lambda exc: _refused(request, dossier, exc),
        page=lambda form: dossier_page(request, dossier, file_form=form),
    )
