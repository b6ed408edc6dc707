"""Eligibility pages: who in a unit, a bloc or a province may be proposed for an award in a year
and why not the others (with its .xlsx export), next year's candidates of an award's chain, and
a person's or a unit's verdicts for every award type of its kind (also as the short section the
award timeline loads).

Reads go through awards.selectors.eligibility: a province, bloc, unit or person outside the
user's provinces answers 404, as a missing one does.
"""

import io
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from thidua.awards.eligibility import Reason, Status
from thidua.awards.rulebook import AwardType, load_rulebook
from thidua.awards.selectors import eligibility as selectors
from thidua.awards.services.registry_xlsx import XLSX_CONTENT_TYPE
from thidua.core.exceptions import DomainError
from thidua.org import selectors as org_selectors
from thidua.org.models import Person, Unit
from thidua.org.selectors import pages as org_pages
from thidua.org.views import page_view, require_can

NAV = "registry"
PAGE_SIZE = 50
DEFAULT_AWARD = "chien_si_thi_dua_cap_tinh"
# The award types the short section of a person's or a unit's page names: those a province
# proposes or grants above the unit itself.
TOP_LEVELS = ("province", "national")
STATUS_LABELS: Mapping[str, Any] = {
    "eligible": pgettext_lazy("eligibility", "Đủ điều kiện"),
    "needs_check": pgettext_lazy("eligibility", "Cần xem xét"),
    "not_eligible": pgettext_lazy("eligibility", "Chưa đủ điều kiện"),
}
STATUS_HELP: Mapping[str, Any] = {
    "eligible": gettext_lazy("Đạt mọi quy tắc hệ thống kiểm tra được từ sổ theo dõi."),
    "needs_check": gettext_lazy(
        "Không có quy tắc nào không đạt, nhưng có điều kiện hệ thống không biết (sáng kiến, "
        "tiêu chuẩn định tính, quy tắc chưa xác nhận): cần người xem xét."
    ),
    "not_eligible": gettext_lazy("Có ít nhất một quy tắc bắt buộc không đạt (nêu tên quy tắc)."),
}
MET_LABELS: Mapping[bool | None, Any] = {
    True: pgettext_lazy("eligibility reason", "Đạt"),
    False: pgettext_lazy("eligibility reason", "Không đạt"),
    None: pgettext_lazy("eligibility reason", "Cần kiểm tra"),
}
STATUS_BADGES = {
    "eligible": "badge score-status--final",
    "needs_check": "badge badge--warn",
    "not_eligible": "badge badge--muted",
}


# Filters ---------------------------------------------------------------------------------------


def _award_choices(awards: Iterable[AwardType]) -> list[Any]:
    groups: dict[str, list[tuple[str, str]]] = {"individual": [], "collective": []}
    for award in awards:
        groups[award.subject].append((award.code, award.name))
    return [
        (_("Cá nhân"), groups["individual"]),
        (_("Tập thể"), groups["collective"]),
    ]


def _default_year() -> int:
    # The last finished year: its titles and ratings are in the registry.
    return timezone.localdate().year - 1


class EligibilityFilterForm(forms.Form):
    """The award, the year and the scope (the narrowest of unit, bloc and province wins).
    Scope ids are checked by the selector: one outside the user's provinces answers 404."""

    award = forms.ChoiceField(
        label=gettext_lazy("hình thức khen thưởng"),
        error_messages={
            "invalid_choice": gettext_lazy("Không có hình thức khen thưởng này trong danh mục.")
        },
    )
    year = forms.IntegerField(
        label=gettext_lazy("năm thành tích"),
        error_messages={"invalid": gettext_lazy("Năm phải là một số nguyên.")},
    )
    province = forms.TypedChoiceField(
        label=gettext_lazy("tỉnh"), coerce=int, required=False, empty_value=None
    )
    bloc = forms.TypedChoiceField(
        label=gettext_lazy("khối, cụm"), coerce=int, required=False, empty_value=None
    )
    unit = forms.TypedChoiceField(
        label=gettext_lazy("đơn vị"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, user: Any, awards: Iterable[AwardType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = _award_choices(awards)  # type: ignore[attr-defined]
        everyone = [("", _("Tất cả"))]
        provinces = org_selectors.province_list_for_user(user=user)
        blocs = org_selectors.bloc_list_for_user(user=user)
        units = org_selectors.unit_list_for_user(user=user)
        self.fields["province"].choices = [(p.pk, p.name) for p in provinces]  # type: ignore[attr-defined]
        self.fields["bloc"].choices = everyone + [(b.pk, b.name) for b in blocs]  # type: ignore[attr-defined]
        self.fields["unit"].choices = everyone + [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]
        self.fields["year"].widget.attrs.update({"inputmode": "numeric"})


def _scope_ids(request: HttpRequest) -> dict[str, int | None]:
    """The raw scope ids of the query (a non-number is ignored): the selector guards them."""
    ids: dict[str, int | None] = {}
    for key in ("province", "bloc", "unit"):
        value = request.GET.get(key, "")
        ids[key] = int(value) if value.isdigit() and 0 < int(value) < 2**63 else None
    return ids


def _query(request: HttpRequest, awards: list[AwardType]) -> tuple[EligibilityFilterForm, Any]:
    """The filter form and the selector's keywords (None when the form is invalid). Without a
    scope, the user's own province."""
    user = request.user
    codes = [a.code for a in awards]
    data = request.GET.copy()
    data.setdefault("award", DEFAULT_AWARD if DEFAULT_AWARD in codes else codes[0])
    data.setdefault("year", str(_default_year()))
    scope = _scope_ids(request)
    if not any(scope.values()):
        provinces = list(org_selectors.province_list_for_user(user=user))
        own = org_pages.default_province_for_user(user=user, provinces=provinces)
        scope["province"] = own.pk if own is not None else None
        if own is not None:
            data["province"] = str(own.pk)
    form = EligibilityFilterForm(data, user=user, awards=awards)
    if not form.is_valid() and ("award" in form.errors or "year" in form.errors):
        return form, None
    if not any(scope.values()):
        return form, None
    return form, {
        "award_type": form.cleaned_data["award"],
        "year": form.cleaned_data["year"],
        **scope,
    }


def _export_query(request: HttpRequest, params: Mapping[str, Any]) -> str:
    query = request.GET.copy()
    for name in ("page_eligible", "page_needs_check", "page_not_eligible"):
        query.pop(name, None)
    query["award"] = params["award_type"]
    query["year"] = str(params["year"])
    for key in ("province", "bloc", "unit"):
        if params.get(key):
            query[key] = str(params[key])
    return query.urlencode()


# Rows ------------------------------------------------------------------------------------------


def _reasons(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    return [
        {
            "rule_id": r.rule_id,
            "citation": r.citation,
            "text": r.text,
            "met": r.met,
            "label": MET_LABELS[r.met],
            "badge": STATUS_BADGES[
                "eligible" if r.met else "needs_check" if r.met is None else "not_eligible"
            ],
        }
        for r in reasons
    ]


def _row(row: selectors.EligibilityRow) -> dict[str, Any]:
    verdict = row.verdict
    return {
        "subject": row.subject,
        "is_person": row.subject.kind == "individual",
        "status": verdict.status,
        "status_label": STATUS_LABELS[verdict.status],
        "badge": STATUS_BADGES[verdict.status],
        "decided_by": verdict.decided_by,
        "reasons": _reasons(verdict.reasons),
        "chain": row.chain,
    }


def _groups(request: HttpRequest, result: selectors.EligibilityList) -> list[dict[str, Any]]:
    """The three groups, each paginated on its own (`page_<status>`)."""
    groups = []
    for status in selectors.STATUSES:
        rows = result.groups.get(status, ())
        if isinstance(result, selectors.CandidateList) and status == "not_eligible":
            continue
        page: Page[Any] = Paginator(rows, PAGE_SIZE).get_page(request.GET.get(f"page_{status}"))
        groups.append(
            {
                "status": status,
                "label": STATUS_LABELS[status],
                "help": STATUS_HELP[status],
                "badge": STATUS_BADGES[status],
                "count": len(rows),
                "page": page,
                "page_param": f"page_{status}",
                "rows": [_row(r) for r in page.object_list],
            }
        )
    return groups


def _page_links(request: HttpRequest, groups: list[dict[str, Any]]) -> None:
    """Each group's previous and next page URLs, keeping the other filters and pages."""
    for group in groups:
        page = group["page"]
        numbers = {
            "previous_url": page.previous_page_number() if page.has_previous() else None,
            "next_url": page.next_page_number() if page.has_next() else None,
        }
        for name, number in numbers.items():
            if number is not None:
                query = request.GET.copy()
                query[group["page_param"]] = str(number)
                group[name] = f"?{query.urlencode()}#group-{group['status']}"


# Pages -----------------------------------------------------------------------------------------


@page_view(NAV)
@require_GET
def eligibility(request: HttpRequest) -> HttpResponse:
    require_can(request, "awards.view_registry")
    form, params = _query(request, load_rulebook().award_types())
    context: dict[str, Any] = {"form": form, "result": None, "error": ""}
    if params is not None:
        try:
            result = selectors.eligibility_list(user=request.user, **params)
        except DomainError as exc:
            if exc.status == 404:
                raise
            context["error"] = exc.message
        else:
            groups = _groups(request, result)
            _page_links(request, groups)
            context.update(
                result=result,
                groups=groups,
                export_query=_export_query(request, params),
                has_chain=selectors.chain_of(result.award, result.year + 1) is not None,
            )
    return render(request, "awards/eligibility_list.html", context)


@page_view(NAV)
@require_GET
def eligibility_export(request: HttpRequest) -> HttpResponse:
    require_can(request, "awards.view_registry")
    form, params = _query(request, load_rulebook().award_types())
    if params is None:
        return render(request, "awards/eligibility_list.html", {"form": form}, status=400)
    try:
        result = selectors.eligibility_list(user=request.user, **params)
    except DomainError as exc:
        if exc.status == 404:
            raise
        context = {"form": form, "result": None, "error": exc.message}
        return render(request, "awards/eligibility_list.html", context, status=400)
    response = HttpResponse(eligibility_workbook(result), content_type=XLSX_CONTENT_TYPE)
    filename = f"du-dieu-kien-{result.award.code}-{result.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@page_view(NAV)
@require_GET
def next_year(request: HttpRequest) -> HttpResponse:
    require_can(request, "awards.view_registry")
    target = _default_year() + 1
    awards = [a for a in load_rulebook().award_types() if selectors.chain_of(a, target) is not None]
    form, params = _query(request, awards)
    context: dict[str, Any] = {"form": form, "result": None, "error": ""}
    if params is not None:
        try:
            result = selectors.next_year_candidates(user=request.user, **params)
        except DomainError as exc:
            if exc.status == 404:
                raise
            context["error"] = exc.message
        else:
            groups = _groups(request, result)
            _page_links(request, groups)
            context.update(result=result, groups=groups)
    return render(request, "awards/eligibility_next_year.html", context)


def _year_of(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and len(value) <= 4 else _default_year()


def _subject_page(request: HttpRequest, subject: Unit | Person) -> HttpResponse:
    require_can(request, "awards.view_registry")
    is_unit = isinstance(subject, Unit)
    year = _year_of(request)
    kwargs: dict[str, Any] = {"unit": subject} if is_unit else {"person": subject}
    try:
        verdicts = selectors.subject_verdicts(user=request.user, year=year, **kwargs)
    except DomainError as exc:
        if exc.status == 404:
            raise
        year = _default_year()
        verdicts = selectors.subject_verdicts(user=request.user, year=year, **kwargs)
    rows = [
        {
            "award": v.award,
            "status": v.verdict.status,
            "status_label": STATUS_LABELS[v.verdict.status],
            "badge": STATUS_BADGES[v.verdict.status],
            "decided_by": v.verdict.decided_by,
            "reasons": _reasons(v.verdict.reasons),
            "top": v.award.level in TOP_LEVELS,
        }
        for v in verdicts
    ]
    context = {
        "subject": subject,
        "is_unit": is_unit,
        "year": year,
        "years": list(range(_default_year() + 1, _default_year() - 6, -1)),
        "rows": rows,
        "proposable": [r for r in rows if r["top"] and r["status"] != "not_eligible"],
        "not_proposable": sum(1 for r in rows if r["top"] and r["status"] == "not_eligible"),
    }
    compact = request.GET.get("compact") == "1" or request.headers.get("HX-Request") == "true"
    template = "awards/eligibility_section.html" if compact else "awards/eligibility_subject.html"
    return render(request, template, context)


@page_view("units")
@require_GET
def unit_eligibility(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = org_selectors.unit_get_for_user(user=request.user, pk=unit_pk)
    return _subject_page(request, unit)


@page_view("people")
@require_GET
def person_eligibility(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = org_selectors.person_get_for_user(user=request.user, pk=person_pk)
    return _subject_page(request, person)


# Export ----------------------------------------------------------------------------------------

SHEET = "Đủ điều kiện"
HEADERS = (
    ("Kết quả", 18),
    ("Đối tượng", 10),
    ("Họ và tên / Tên tập thể", 32),
    ("Đơn vị", 36),
    ("Quy tắc quyết định", 14),
    ("Lý do (quy tắc, căn cứ, kết quả)", 120),
)
# Headers and values of the file stay Vietnamese: the file is handed on as it is.
EXPORT_STATUS = {
    "eligible": "Đủ điều kiện",
    "needs_check": "Cần xem xét",
    "not_eligible": "Chưa đủ",
}
EXPORT_MET = {True: "đạt", False: "không đạt", None: "cần kiểm tra"}
EXPORT_KIND = {"individual": "Cá nhân", "collective": "Tập thể"}


def eligibility_workbook(result: selectors.EligibilityList) -> bytes:
    """Every row of the list (all three groups) with its reasons, one line per reason."""
    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet(SHEET)
    for index, (_label, width) in enumerate(HEADERS):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A3"
    title = WriteOnlyCell(sheet, value=f"{result.award.name} – năm {result.year}")
    title.font = Font(bold=True)
    sheet.append([title])
    header = []
    for label, _width in HEADERS:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
        header.append(cell)
    sheet.append(header)
    status: Status
    for status in selectors.STATUSES:
        for row in result.groups.get(status, ()):
            lines = "\n".join(
                f"{r.rule_id} [{EXPORT_MET[r.met]}]: {r.text}" for r in row.verdict.reasons
            )
            sheet.append(
                [
                    EXPORT_STATUS[status],
                    EXPORT_KIND[row.subject.kind],
                    row.subject.name,
                    row.subject.unit.name,
                    row.verdict.decided_by,
                    lines,
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
