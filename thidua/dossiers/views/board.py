"""The board's pages: the inbox (counts per status, filters, due dates, bulk receive and
return) and its steps on a proposal's page (receive, valid, return, not eligible)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from thidua.dossiers import forms
from thidua.dossiers.models import ProposalStatus
from thidua.dossiers.selectors import proposals as selectors
from thidua.dossiers.services import board as services
from thidua.dossiers.views._common import rows_of, run
from thidua.dossiers.views.proposals import guarded, proposal_page, proposal_url
from thidua.org import selectors as org_selectors
from thidua.org.views import page_view, require_can

SECTION = "inbox"
INBOX = "dossiers.view_inbox"


def _blocs(request: HttpRequest) -> list[tuple[int, str]]:
    return [
        (b.pk, b.name)
        for b in org_selectors.bloc_list_for_user(user=request.user).order_by("name", "pk")
    ]


@page_view(SECTION)
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    require_can(request, INBOX)
    form = forms.InboxFilterForm(request.GET or None, blocs=_blocs(request))
    filters = form.values()
    box = selectors.proposal_inbox(user=request.user, page=request.GET.get("page"), **filters)
    chosen = filters["status"] or ""
    tabs = [{"value": "", "label": _("Đang ở Ban"), "count": None}] + [
        {"value": value, "label": label, "count": box.counts.get(value, 0)}
        for value, label in ProposalStatus.choices
        if value != ProposalStatus.DRAFT
    ]
    rows = rows_of(box.page.object_list)
    context = {
        "form": form,
        "box": box,
        "page": box.page,
        "rows": rows,
        "tabs": tabs,
        "chosen": chosen,
        "overdue_only": filters["overdue"],
        "may_receive": any(r["proposal"].status == ProposalStatus.SUBMITTED for r in rows),
        "back": request.get_full_path(),
    }
    return render(request, "dossiers/inbox.html", context)


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("dossiers:inbox")


@page_view(SECTION)
@require_POST
def inbox_bulk(request: HttpRequest) -> HttpResponse:
    """Receive, or return with a reason, the ticked proposals (all or none)."""
    require_can(request, INBOX)
    ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit()]
    form = forms.BulkForm(request.POST, ids=ids)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(_back(request))
    data = form.cleaned_data
    if data["action"] == forms.BULK_RECEIVE:
        rows, exc = run(
            lambda: services.proposals_receive(actor=request.user, proposals=data["ids"])
        )
        done = _("Đã tiếp nhận %(count)s đề nghị.")
    else:
        rows, exc = run(
            lambda: services.proposals_return(
                actor=request.user, proposals=data["ids"], reason=data["reason"]
            )
        )
        done = _("Đã trả lại %(count)s đề nghị cho đơn vị.")
    if exc is None:
        messages.success(request, done % {"count": len(rows)})
    else:
        messages.error(request, exc.message)
    return redirect(_back(request))


RECEIVE, VALID, RETURN, REJECT = "tiep-nhan", "hop-le", "tra-lai", "khong-du-dieu-kien"


def _step(request: HttpRequest, proposal: Any, action: str) -> tuple[Any, dict[str, Any]]:
    """Run the board's step named by `action`: (the refusal or None, the bound form if any)."""
    actor = request.user
    if action == RECEIVE:
        _rows, exc = run(lambda: services.proposals_receive(actor=actor, proposals=[proposal]))
        return exc, {}
    if action == VALID:
        form: Any = forms.NoteForm(request.POST, prefix="hople")
        name = "valid_form"
        call: Any = lambda data: services.proposal_validate(  # noqa: E731
            actor=actor, proposal=proposal, note=data["note"]
        )
    elif action == RETURN:
        form = forms.ReasonForm(request.POST, label=_("Lý do trả lại"), prefix="tra")
        name = "return_form"
        call = lambda data: services.proposals_return(  # noqa: E731
            actor=actor, proposals=[proposal], reason=data["reason"]
        )
    else:
        form = forms.ReasonForm(request.POST, label=_("Lý do không đủ điều kiện"), prefix="loai")
        name = "reject_form"
        call = lambda data: services.proposal_reject(  # noqa: E731
            actor=actor, proposal=proposal, reason=data["reason"]
        )
    if not form.is_valid():
        return False, {name: form}
    _row, exc = run(lambda: call(form.cleaned_data))
    if exc is not None:
        form.add_error(None, exc.message)
        return exc, {name: form}
    return None, {}


DONE = {
    RECEIVE: gettext_lazy("Đã tiếp nhận đề nghị."),
    VALID: gettext_lazy("Đã ghi: hồ sơ hợp lệ, chờ Hội đồng xét."),
    RETURN: gettext_lazy("Đã trả lại đề nghị cho đơn vị."),
    REJECT: gettext_lazy("Đã ghi: đề nghị không đủ điều kiện."),
}


@page_view(SECTION)
@require_POST
def proposal_step(request: HttpRequest, pk: int) -> HttpResponse:
    """The board's step on one proposal: receive, valid, return or reject (with a reason)."""
    proposal = guarded(request, pk)
    require_can(request, "dossiers.appraise_proposal", proposal)
    action = request.POST.get("buoc", "")
    if action not in DONE:
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect(proposal_url(proposal))
    exc, bound = _step(request, proposal, action)
    if exc is None:
        messages.success(request, str(DONE[action]))
        return redirect(proposal_url(proposal))
    if not bound:
        messages.error(request, exc.message)
        return redirect(proposal_url(proposal))
    return proposal_page(request, pk, **bound)
