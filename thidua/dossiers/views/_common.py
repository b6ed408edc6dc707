"""Helpers shared by the proposal, dossier and inbox pages: running a service, labels of
proposals, and the small guarded reads the pages need besides the selectors (a dossier, a
dossier's file)."""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from thidua.accounts.permissions import can
from thidua.accounts.scoping import scope_by_province
from thidua.awards.selectors.search import award_name
from thidua.core.exceptions import NotFound
from thidua.core.views import run
from thidua.dossiers import workflow
from thidua.dossiers.models import Dossier, DossierFile, Proposal
from thidua.dossiers.selectors.proposals import is_overdue
from thidua.dossiers.services import files as file_services

VIEW = "dossiers.view_proposal"


def may(request: HttpRequest, perm: str, obj: Any = None) -> bool:
    return bool(can(request.user, perm, obj))


def subject_name(proposal: Proposal) -> str:
    """The unit, or the person with their unit (callers select_related the subject); the
    council's and decisions' pages show it too."""
    if proposal.unit_id is not None:
        return str(proposal.unit)
    person = proposal.person
    if person is None:
        return "—"
    unit = getattr(person, "unit", None)
    return f"{person.full_name} ({unit})" if unit is not None else person.full_name


def proposal_label(proposal: Proposal) -> str:
    return _("%(subject)s – %(award)s năm %(year)s") % {
        "subject": subject_name(proposal),
        "award": award_name(proposal.award_type),
        "year": proposal.year,
    }


def labels(proposals: Iterable[Proposal]) -> dict[int, str]:
    return {p.pk: proposal_label(p) for p in proposals}


def rows_of(proposals: Iterable[Proposal]) -> list[dict[str, Any]]:
    """A table's lines: the proposal, its subject and award names, whether it is overdue."""
    return [
        {
            "proposal": p,
            "subject": subject_name(p),
            "award": award_name(p.award_type),
            "overdue": is_overdue(p),
        }
        for p in proposals
    ]


def dossier_get_for_user(request: HttpRequest, pk: int) -> Dossier:
    """A dossier the user may read; NotFound when missing or outside the user's provinces."""
    dossier = (
        scope_by_province(Dossier.objects.all(), request.user)
        .select_related("submitting_unit", "season__bloc", "province")
        .filter(pk=pk)
        .first()
    )
    if dossier is None or not may(request, VIEW, dossier):
        raise NotFound()
    return dossier


def file_get_for_user(request: HttpRequest, pk: int) -> DossierFile:
    """A dossier's or proposal's file the user may read; NotFound otherwise."""
    item = (
        DossierFile.objects.select_related(
            "proposal__unit",
            "proposal__person__unit",
            "proposal__season",
            "proposal__dossier",
            "dossier__season",
        )
        .filter(pk=pk)
        .first()
    )
    if item is None or not may(request, VIEW, item):
        raise NotFound()
    return item


def assignable(unit_id: int, *, year: int | None = None) -> QuerySet[Proposal]:
    """Proposals the unit acts for, still with it and in no dossier (to put in a dossier)."""
    qs = Proposal.objects.filter(
        Q(unit_id=unit_id) | Q(person__unit_id=unit_id) | Q(submitting_unit_id=unit_id),
        status__in=workflow.WITH_UNIT,
        dossier__isnull=True,
    )
    if year is not None:
        qs = qs.filter(year=year)
    return qs.select_related("unit", "person__unit").order_by("-year", "award_type", "pk")


def upload_from_form(
    request: HttpRequest,
    form: Any,
    *,
    target: dict[str, Any],
    done: str,
    refused: Callable[[Any], HttpResponse | None],
    page: Callable[[Any], HttpResponse],
) -> HttpResponse:
    """A file form's upload to `target` (proposal= or dossier=): back to `done` when stored,
    `refused`'s answer when the object's state forbids it, else the page with the form's
    errors."""
    if form.is_valid():
        _item, exc = run(
            lambda: file_services.file_upload(
                actor=request.user,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                **target,
            )
        )
        if exc is None:
            messages.success(request, _("Đã tải tệp lên."))
            return redirect(done)
        if (answer := refused(exc)) is not None:
            return answer
        form.add_error(None, exc.message)
    return page(form)
