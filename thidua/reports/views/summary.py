"""A bloc's year-end summary report (báo cáo tổng kết) for one season: a page previewing what the
report holds (the main figures of each section) with its downloads, .docx and PDF.

`/bao-cao-tong-ket/<season>/` shows the preview; `/bao-cao-tong-ket/<season>/tai-ve.docx` and
`.pdf` render the report on request (a second or two for the demo's largest bloc, more for the
first PDF of a process; the page's status line says the file is being made until its response
sets the `PROGRESS_COOKIE` to the token the form sent). Both take
`?so=` (the report's number, digits; empty leaves it to write by hand) and `?ngay=` (its date,
today by default; the legal bases cited are those in force that day). Permission:
`reports.view_summary` on the season (its province); a season outside the user's provinces is a
404, as a missing one.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.core.exceptions import NotFound
from thidua.core.forms import Form
from thidua.core.views import run
from thidua.covenants.enums import CovenantStatus, MovementKind, RegistrationStatus, ScoringMode
from thidua.dossiers.models import ProposalStatus
from thidua.org.views import page_view
from thidua.reports import summary as documents
from thidua.reports.selectors.summary import PollSummary, SeasonSummary, season_summary
from thidua.scoring.enums import ScorecardStatus
from thidua.voting.enums import ThresholdBase

SECTION = "blocs"
NUMBER_LENGTH = 6
# The page's script sends a token with the form and shows progress until the file's response
# sets this cookie to it (a file download cannot be watched otherwise).
PROGRESS_COOKIE = "bao_cao_tong_ket"
PROGRESS_TOKEN = re.compile(r"[0-9]{1,32}")


class SummaryOptionsForm(Form):
    """The report's number and date, from the query string."""

    so = forms.CharField(
        label=gettext_lazy("Số văn bản"),
        required=False,
        max_length=NUMBER_LENGTH,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=gettext_lazy("Chỉ gồm chữ số; để trống để ghi số bằng tay."),
    )
    ngay = forms.DateField(
        label=gettext_lazy("Ngày báo cáo"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy(
            "Căn cứ pháp lý ghi trên báo cáo theo văn bản có hiệu lực vào ngày này."
        ),
    )

    def clean_so(self) -> str:
        number: str = self.cleaned_data.get("so", "").strip()
        if number and not number.isdigit():
            raise forms.ValidationError(_("Số văn bản chỉ gồm chữ số."))
        return number

    def clean_ngay(self) -> datetime.date | None:
        day: datetime.date | None = self.cleaned_data.get("ngay")
        if day is not None and not 2000 <= day.year <= 2100:
            raise forms.ValidationError(_("Ngày báo cáo phải trong khoảng năm 2000 đến 2100."))
        return day


def _options(request: HttpRequest) -> SummaryOptionsForm:
    data = request.GET if ("so" in request.GET or "ngay" in request.GET) else None
    return SummaryOptionsForm(
        data, initial={"ngay": timezone.localdate().isoformat()}, auto_id="summary-%s"
    )


def _label(enum: Any, code: str) -> str:
    try:
        return str(enum(code).label)
    except ValueError:
        return code


def _votes(poll: PollSummary) -> dict[str, Any]:
    """A poll for the page: its threshold in words (the voting pages' wording) and the rows of
    the units with votes, each with its share of the total membership in percent."""
    share = poll.threshold_share * 100
    number = f"{float(share):.2f}".rstrip("0").rstrip(".")
    if get_language() in (None, "vi"):
        number = number.replace(".", ",")
    values = {"share": number, "base": _label(ThresholdBase, poll.threshold_base).lower()}
    if poll.threshold_strict:
        text = _("trên %(share)s%% %(base)s") % values
    else:
        text = _("từ %(share)s%% %(base)s trở lên") % values
    text += " " + _("(cần %(required)s/%(count)s phiếu)") % {
        "required": poll.required,
        "count": poll.base,
    }
    if poll.rule_id:
        text += f" – {poll.rule_id}"
    rows = [(row, float(row.share * 100)) for row in documents.vote_rows(poll)]
    return {"poll": poll, "threshold": text, "rows": rows, "omitted": len(poll.rows) - len(rows)}


def _context(data: SeasonSummary, form: SummaryOptionsForm) -> dict[str, Any]:
    """The page's rows with their labels in the reader's language (the report has its own)."""
    ranked = [row for row in data.ranking if row.rank is not None]
    registrations: dict[str, int] = {}
    for registration in data.registrations:
        label = _label(RegistrationStatus, registration.status)
        registrations[label] = registrations.get(label, 0) + 1
    covenant = data.covenant
    return {
        "data": data,
        "form": form,
        "season_id": data.season_id,
        "covenant_status": _label(CovenantStatus, covenant.status) if covenant else "",
        "scoring_mode": _label(ScoringMode, covenant.scoring_mode) if covenant else "",
        "movements": [(m, _label(MovementKind, m.kind)) for m in data.movements],
        "registration_counts": sorted(registrations.items()),
        "ranked": [(row, _label(ScorecardStatus, row.card_status)) for row in ranked],
        "excluded": [row for row in data.ranking if row.rank is None],
        "unscored": data.member_count - len(data.ranking),
        "nominations": [_votes(poll) for poll in data.nominations],
        "elections": [
            _votes(poll)
            for poll in (data.next_year.leader_poll, data.next_year.deputy_poll)
            if poll is not None
        ],
        "proposals": [(p, _label(ProposalStatus, p.status)) for p in data.proposals],
        "decided": sum(1 for p in data.proposals if p.decision_number),
        "person_award_total": sum(c.count for c in data.person_awards),
        "filename_docx": documents.filename(data, "docx"),
        "filename_pdf": documents.filename(data, "pdf"),
        "progress_cookie": PROGRESS_COOKIE,
    }


@page_view(SECTION)
@require_GET
def summary_page(request: HttpRequest, season_pk: int) -> HttpResponse:
    data = season_summary(user=request.user, season_id=season_pk)
    form = _options(request)
    status = 200 if not form.is_bound or form.is_valid() else 400
    return render(request, "reports/summary.html", _context(data, form), status=status)


@page_view(SECTION)
@require_GET
def summary_download(request: HttpRequest, season_pk: int, fmt: str) -> HttpResponse:
    """The report as .docx or PDF; bad options show the page again with their errors."""
    if fmt not in documents.FORMATS:
        raise NotFound()
    form = _options(request)
    if form.is_bound and not form.is_valid():
        data = season_summary(user=request.user, season_id=season_pk)
        return render(request, "reports/summary.html", _context(data, form), status=400)
    options = form.cleaned_data if form.is_bound else {}
    answer, exc = run(
        lambda: documents.render_summary(
            user=request.user,
            season_id=season_pk,
            fmt=fmt,
            date=options.get("ngay"),
            number=options.get("so", ""),
        )
    )
    if exc is not None:
        messages.error(request, exc.message)
        data = season_summary(user=request.user, season_id=season_pk)
        return render(request, "reports/summary.html", _context(data, form), status=400)
    rendered, data = answer
    response = HttpResponse(rendered.data, content_type=rendered.content_type)
    response["Content-Disposition"] = documents.content_disposition(data, fmt)
    response["X-Content-Type-Options"] = "nosniff"
    token = request.GET.get("t", "")
    if PROGRESS_TOKEN.fullmatch(token):
        response.set_cookie(
            PROGRESS_COOKIE, token, max_age=120, samesite="Lax", secure=request.is_secure()
        )
    return response


urlpatterns: list[URLPattern] = [
    path("bao-cao-tong-ket/<int:season_pk>/", summary_page, name="summary"),
    path(
        "bao-cao-tong-ket/<int:season_pk>/tai-ve.<str:fmt>",
        summary_download,
        name="summary_download",
    ),
]
