"""Award decisions: the list, recording one (the council's approved proposals, the PDF), its page
with the registry records it created, and its file."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.awards.selectors.search import award_name
from thidua.core.views import run
from thidua.decisions import forms, selectors, services
from thidua.decisions.views._common import (
    PROVINCE_PARAM,
    chosen_province,
    may,
    proposals_in_status,
    province_get,
)
from thidua.dossiers.models import ProposalStatus
from thidua.dossiers.views._common import labels as proposal_labels
from thidua.dossiers.views._common import subject_name
from thidua.org.views import page_view, require_can

SECTION = "decisions"
PAGE_SIZE = 50
RECORD = "decisions.record_decision"


def list_url(province: Any) -> str:
    return f"{reverse('decisions:decision_list')}?{PROVINCE_PARAM}={province.pk}"


@page_view(SECTION)
@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    province, provinces = chosen_province(request)
    decisions = selectors.decision_list_for_user(user=request.user).filter(province=province)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "province": province,
        "provinces": provinces,
        "page": page,
        "decisions": list(page.object_list),
        "may_record": may(request, RECORD, province),
    }
    return render(request, "decisions/decision_list.html", context)


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, province_pk: int) -> HttpResponse:
    """Record a decision on proposals the council approved; the registry records follow."""
    province = province_get(request, province_pk)
    require_can(request, RECORD, province)
    proposals = proposals_in_status(province, ProposalStatus.APPROVED)
    posted = request.method == "POST"
    form = forms.DecisionForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        proposals=proposals,
        labels=proposal_labels(proposals),
        label=_("Đề nghị đã được Hội đồng thông qua"),
    )
    if posted and form.is_valid():
        data = dict(form.cleaned_data)
        decision, exc = run(
            lambda: services.decision_record(
                actor=request.user,
                province=province,
                number=data["number"],
                date=data["date"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                authority=data["authority"],
                proposals=data["proposals"],
                file=data["file"],
                note=data["note"],
            )
        )
        if exc is None:
            messages.success(
                request, _("Đã ghi quyết định khen thưởng; sổ theo dõi khen thưởng đã cập nhật.")
            )
            return redirect("decisions:decision_detail", pk=decision.pk)
        form.add_error(None, exc.message)
    context = {
        "form": form,
        "province": province,
        "has_proposals": bool(form.fields["proposals"].queryset),  # type: ignore[attr-defined]
    }
    return render(request, "decisions/decision_form.html", context)


@page_view(SECTION)
@require_GET
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get_for_user(user=request.user, pk=pk)
    require_can(request, "decisions.view", decision.province)
    lines = [
        {
            "line": line,
            "record": line.award_record,
            "subject": subject_name(line.proposal),
            "award": award_name(line.award_record.award_type),
        }
        for line in selectors.decision_lines(decision=decision).select_related(
            "proposal__unit", "proposal__person__unit"
        )
    ]
    context = {"decision": decision, "province": decision.province, "lines": lines}
    return render(request, "decisions/decision_detail.html", context)


@page_view(SECTION)
@require_GET
def decision_file(request: HttpRequest, pk: int) -> Any:
    """The decision's PDF, as an attachment, to those who may read the decision."""
    decision = selectors.decision_get_for_user(user=request.user, pk=pk)
    require_can(request, "decisions.view", decision.province)
    if not decision.file:
        raise Http404
    try:
        handle = decision.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=decision.file_name or "quyet-dinh.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
