"""Pages of the registry of awards (sổ theo dõi khen thưởng): the filtered list and its .xlsx
export, a record with its history, the board's create / edit / revoke forms, and the award
timelines of a unit (with the records inherited through its lineage) and of a person.

Reads go through the guarded selectors (missing and forbidden both answer 404), writes through
awards.services; a write button is shown only when `can()` allows it, and the services check again.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.permissions import can
from thidua.awards import services
from thidua.awards.forms import (
    LEVEL_LABELS,
    SUBJECT_LABELS,
    AssessmentForm,
    AwardRecordForm,
    RegistryFilterForm,
    RevokeForm,
)
from thidua.awards.models import AwardRecord
from thidua.awards.rulebook import AwardType, load_rulebook
from thidua.awards.selectors.registry import (
    TimelineEntry,
    assessment_list_for_subject,
    person_timeline,
    record_get_for_user,
    registry_list,
    unit_timeline,
)
from thidua.awards.services.registry import RECORD_FIELDS
from thidua.awards.services.registry_xlsx import XLSX_CONTENT_TYPE, registry_workbook
from thidua.core.paging import CappedPaginator
from thidua.org import selectors as org_selectors
from thidua.org.models import Person, Unit
from thidua.org.selectors import pages as org_pages
from thidua.org.views import attempt, page_view, require_can
from thidua.org.views import post_data as _data

NAV = "registry"
PAGE_SIZE = 50
REASON_LABELS = {
    "award_record_create": gettext_lazy("Thêm bản ghi khen thưởng"),
    "award_record_update": gettext_lazy("Sửa bản ghi khen thưởng"),
    "award_record_revoke": gettext_lazy("Huỷ khen thưởng"),
    "assessment_create": gettext_lazy("Ghi đánh giá năm"),
    "assessment_update": gettext_lazy("Sửa đánh giá năm"),
}


# Helpers --------------------------------------------------------------------------------------


def _awards() -> dict[str, AwardType]:
    return {a.code: a for a in load_rulebook().award_types()}


def _rows(records: Iterable[AwardRecord], vias: dict[int, Unit] | None = None) -> list[Any]:
    """Records with their award's name and level as a person reads them."""
    awards = _awards()
    rows = []
    for record in records:
        award = awards.get(record.award_type)
        rows.append(
            {
                "record": record,
                "award_name": award.name if award else record.award_type,
                "level": LEVEL_LABELS.get(award.level, "") if award else "",
                "via": (vias or {}).get(record.pk),
            }
        )
    return rows


def _timeline_rows(entries: list[TimelineEntry]) -> list[Any]:
    vias = {e.record.pk: e.via for e in entries if e.via is not None}
    return _rows([e.record for e in entries], vias)


def _board_units(request: HttpRequest) -> QuerySet[Unit]:
    """Units of the provinces whose registry the user keeps."""
    provinces = [
        p.pk
        for p in org_selectors.province_list_for_user(user=request.user)
        if can(request.user, "awards.manage_registry", p)
    ]
    return org_selectors.unit_list_for_user(user=request.user).filter(province_id__in=provinces)


def _filters_from(request: HttpRequest) -> tuple[RegistryFilterForm, dict[str, Any]]:
    user = request.user
    form = RegistryFilterForm(
        request.GET or None,
        blocs=org_selectors.bloc_list_for_user(user=user),
        units=org_selectors.unit_list_for_user(user=user),
    )
    filters = form.filters() if request.GET else {"include_revoked": False}
    return form, filters


def _history(record: AwardRecord) -> list[dict[str, Any]]:
    awards = _awards()
    rows = org_pages.history_display(record)
    for row in rows:
        if row["reason"] in REASON_LABELS:
            row["reason_label"] = str(REASON_LABELS[row["reason"]])
        for change in row["changes"]:
            if change["field"] == "award_type":
                for side in ("old", "new"):
                    award = awards.get(str(change[side]))
                    if award is not None:
                        change[f"{side}_display"] = award.name
    return rows


# List and export ------------------------------------------------------------------------------


@page_view(NAV)
@require_GET
def registry(request: HttpRequest) -> HttpResponse:
    require_can(request, "awards.view_registry")
    form, filters = _filters_from(request)
    records = registry_list(user=request.user, **filters)
    page = CappedPaginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": _rows(page.object_list),
        "export_query": request.GET.urlencode(),
        "may_add": _board_units(request).exists(),
    }
    return render(request, "awards/registry_list.html", context)


@page_view(NAV)
@require_GET
def registry_export(request: HttpRequest) -> HttpResponse:
    _form, filters = _filters_from(request)
    content = registry_workbook(user=request.user, **filters)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    filename = f"so-khen-thuong-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# One record -----------------------------------------------------------------------------------


@page_view(NAV)
@require_GET
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = record_get_for_user(user=request.user, pk=pk)
    award = _awards().get(record.award_type)
    context = {
        "record": record,
        "row": _rows([record])[0],
        "award": award,
        "subject_label": SUBJECT_LABELS["collective" if record.unit_id else "individual"],
        "history": _history(record),
    }
    return render(request, "awards/registry_detail.html", context)


def _subject_from_query(request: HttpRequest) -> Unit | Person | None:
    user = request.user
    for key, get in (
        ("unit", org_selectors.unit_get_for_user),
        ("person", org_selectors.person_get_for_user),
    ):
        value = request.GET.get(key, "")
        if value.isdigit() and 0 < int(value) < 2**63:
            subject: Unit | Person = get(user=user, pk=int(value))
            return subject
    return None


def _subject_of(subject: Unit | Person) -> dict[str, Any]:
    """`unit=` or `person=` for the services and selectors."""
    return {"unit": subject} if isinstance(subject, Unit) else {"person": subject}


def _subject_url(subject: Unit | Person) -> str:
    if isinstance(subject, Unit):
        return reverse("awards:unit_awards", args=[subject.pk])
    return reverse("awards:person_awards", args=[subject.pk])


@page_view(NAV)
@require_http_methods(["GET", "POST"])
def record_create(request: HttpRequest) -> HttpResponse:
    """`?unit=` or `?person=` fixes the subject; without either, a unit is chosen."""
    subject = _subject_from_query(request)
    if subject is not None:
        require_can(request, "awards.manage_registry", subject)
        units = None
    else:
        units = _board_units(request)
        if not units.exists():
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    kind = "individual" if isinstance(subject, Person) else "collective"
    initial = {"year": timezone.localdate().year - 1, "basis": "merit", "source": "manual"}
    form = AwardRecordForm(_data(request), initial=initial, subject=kind, units=units)
    if request.method == "POST" and form.is_valid():
        chosen = subject if subject is not None else form.cleaned_data["unit"]
        ok, record = attempt(
            form,
            lambda: services.award_record_create(
                actor=request.user, **_subject_of(chosen), **form.values()
            ),
        )
        if ok:
            messages.success(request, _("Đã thêm bản ghi khen thưởng."))
            return redirect("awards:record_detail", pk=record.pk)
    cancel_url = _subject_url(subject) if subject is not None else reverse("awards:registry")
    context = {
        "form": form,
        "title": _("Thêm khen thưởng vào sổ"),
        "subject": subject,
        "cancel_url": cancel_url,
    }
    return render(request, "awards/registry_form.html", context)


@page_view(NAV)
@require_http_methods(["GET", "POST"])
def record_update(request: HttpRequest, pk: int) -> HttpResponse:
    record = record_get_for_user(user=request.user, pk=pk)
    require_can(request, "awards.manage_registry", record)
    if record.revoked:
        messages.error(request, _("Bản ghi đã bị huỷ; không sửa được bản ghi đã huỷ."))
        return redirect("awards:record_detail", pk=record.pk)
    initial = {name: getattr(record, name) for name in RECORD_FIELDS}
    kind = "collective" if record.unit_id else "individual"
    form = AwardRecordForm(_data(request), initial=initial, subject=kind)
    if request.method == "POST" and form.is_valid():
        ok, _record = attempt(
            form,
            lambda: services.award_record_update(
                actor=request.user, record=record, **form.values()
            ),
        )
        if ok:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("awards:record_detail", pk=record.pk)
    context = {
        "form": form,
        "title": _("Sửa bản ghi khen thưởng"),
        "subject": record.unit or record.person,
        "record": record,
        "cancel_url": reverse("awards:record_detail", args=[record.pk]),
    }
    return render(request, "awards/registry_form.html", context)


@page_view(NAV)
@require_http_methods(["GET", "POST"])
def record_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    record = record_get_for_user(user=request.user, pk=pk)
    require_can(request, "awards.manage_registry", record)
    form = RevokeForm(_data(request))
    if request.method == "POST" and form.is_valid():
        ok, _record = attempt(
            form,
            lambda: services.award_record_revoke(
                actor=request.user, record=record, reason=form.cleaned_data["reason"]
            ),
        )
        if ok:
            messages.success(request, _("Đã huỷ khen thưởng; bản ghi vẫn được lưu trong sổ."))
            return redirect("awards:record_detail", pk=record.pk)
    context = {
        "form": form,
        "record": record,
        "row": _rows([record])[0],
        "subject_name": record.unit.name
        if record.unit
        else getattr(record.person, "full_name", ""),
        "cancel_url": reverse("awards:record_detail", args=[record.pk]),
    }
    return render(request, "awards/registry_revoke.html", context)


# Timelines and assessments --------------------------------------------------------------------


def _timeline_page(request: HttpRequest, subject: Unit | Person, entries: list[Any]) -> Any:
    is_unit = isinstance(subject, Unit)
    context = {
        "subject": subject,
        "is_unit": is_unit,
        "rows": _timeline_rows(entries),
        "inherited_count": sum(1 for e in entries if e.inherited),
        "assessments": assessment_list_for_subject(user=request.user, **_subject_of(subject)),
        "may_manage": can(request.user, "awards.manage_registry", subject),
        "subject_query": f"{'unit' if is_unit else 'person'}={subject.pk}",
    }
    return render(request, "awards/registry_timeline.html", context)


@page_view("units")
@require_GET
def unit_awards(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = org_selectors.unit_get_for_user(user=request.user, pk=unit_pk)
    return _timeline_page(request, unit, unit_timeline(user=request.user, unit=unit))


@page_view("people")
@require_GET
def person_awards(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = org_selectors.person_get_for_user(user=request.user, pk=person_pk)
    return _timeline_page(request, person, person_timeline(user=request.user, person=person))


def _assessment_page(request: HttpRequest, subject: Unit | Person) -> HttpResponse:
    require_can(request, "awards.manage_registry", subject)
    year = request.GET.get("year", "")
    assessments = assessment_list_for_subject(user=request.user, **_subject_of(subject))
    existing = {a.year: a for a in assessments}
    initial: dict[str, Any] = {"year": timezone.localdate().year - 1}
    if year.isdigit() and int(year) in existing:
        found = existing[int(year)]
        initial = {
            name: getattr(found, name)
            for name in ("year", "rating", "initiative_scope", "science_accepted", "disciplined")
        } | {"note": found.note}
    form = AssessmentForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, _assessment = attempt(
            form,
            lambda: services.assessment_set(
                actor=request.user, **_subject_of(subject), **form.cleaned_data
            ),
        )
        if ok:
            messages.success(
                request,
                _("Đã lưu đánh giá năm %(year)s.") % {"year": form.cleaned_data["year"]},
            )
            return redirect(_subject_url(subject))
    context = {
        "form": form,
        "title": _("Đánh giá, xếp loại năm"),
        "subject": subject,
        "cancel_url": _subject_url(subject),
    }
    return render(request, "awards/registry_form.html", context)


@page_view("units")
@require_http_methods(["GET", "POST"])
def unit_assessment(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = org_selectors.unit_get_for_user(user=request.user, pk=unit_pk)
    return _assessment_page(request, unit)


@page_view("people")
@require_http_methods(["GET", "POST"])
def person_assessment(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = org_selectors.person_get_for_user(user=request.user, pk=person_pk)
    return _assessment_page(request, person)
