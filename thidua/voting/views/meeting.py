"""The meeting page of a season: creation, details, attendance, counting committee, start and end,
the list of polls and the form that sets up a poll (with the rulebook's findings)."""

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.models import User
from thidua.accounts.permissions import can
from thidua.core.views import run
from thidua.org.selectors import season_get_for_user
from thidua.org.views import page_view, require_can
from thidua.org.views import post_data as _data
from thidua.voting import forms, selectors, services
from thidua.voting.enums import MeetingStatus
from thidua.voting.models import Meeting
from thidua.voting.views._common import NEEDS_REASON, SECTION, findings, flash

MEETING_FIELDS = (
    "title",
    "held_on",
    "place",
    "place_name",
    "chair_name",
    "chair_title",
    "secretary_name",
    "note",
)


def meeting_url(meeting: Meeting, anchor: str = "") -> str:
    return reverse("voting:meeting_detail", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


def _committee_users(meeting: Meeting) -> QuerySet[Any]:
    """Accounts that may be named to key paper ballots: users of the meeting's province."""
    province_id = meeting.season.bloc.province_id
    return (
        User.objects.filter(is_active=True)
        .filter(Q(province_id=province_id) | Q(unit__province_id=province_id))
        .order_by("username")
    )


def _attendance_forms(view: Any, data: Any = None) -> list[tuple[Any, forms.AttendanceRowForm]]:
    return [
        (
            row,
            forms.AttendanceRowForm(
                data,
                prefix=f"dv{row.unit_id}",
                initial={
                    "present": row.present,
                    "delegate_name": row.delegate_name,
                    "delegate_title": row.delegate_title,
                },
            ),
        )
        for row in view.attendances
    ]


def _poll_form(meeting: Meeting, data: Any = None, **kwargs: Any) -> forms.PollForm:
    awards = selectors.award_choices(year=meeting.season.year)
    return forms.PollForm(data, awards=awards, **kwargs)


def _meeting_page(
    request: HttpRequest, meeting: Meeting, *, status: int = 200, **overrides: Any
) -> HttpResponse:
    view = selectors.meeting_detail(user=request.user, meeting=meeting)
    open_ = meeting.status != MeetingStatus.CLOSED
    may_manage = open_ and can(request.user, "voting.manage_meeting", meeting)
    may_poll = open_ and can(request.user, "voting.manage_poll", meeting)
    context: dict[str, Any] = {
        "view": view,
        "meeting": meeting,
        "season": view.season,
        "bloc": view.season.bloc,
        "may_manage": may_manage,
        "may_poll": may_poll,
        "attendance_rows": _attendance_forms(view) if may_manage else None,
        "committee_form": forms.CommitteeForm(users=_committee_users(meeting))
        if may_manage
        else None,
        "poll_form": _poll_form(meeting) if may_poll else None,
    }
    context.update(overrides)
    return render(request, "voting/meeting_detail.html", context, status=status)


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def season_meeting(request: HttpRequest, season_pk: int) -> HttpResponse:
    """The season's meeting; when there is none yet, the form that sets it up."""
    season = season_get_for_user(user=request.user, pk=season_pk)
    meeting = selectors.meeting_for_season(user=request.user, season=season)
    if meeting is not None:
        return redirect(meeting_url(meeting))
    may_create = can(request.user, "voting.manage_meeting", season)
    if request.method == "POST" and not may_create:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    form = None
    if may_create:
        initial = {"held_on": timezone.localdate()}
        form = forms.MeetingForm(_data(request), initial=initial)
    if form is not None and request.method == "POST" and form.is_valid():
        meeting, exc = run(
            lambda: services.meeting_create(actor=request.user, season=season, **form.cleaned_data)
        )
        if exc is None:
            messages.success(request, _("Đã tạo hội nghị tổng kết."))
            return redirect(meeting_url(meeting))
        form.add_error(None, exc.message)
    context = {"season": season, "bloc": season.bloc, "form": form}
    return render(request, "voting/meeting_create.html", context)


@page_view(SECTION)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.view_meeting", meeting)
    return _meeting_page(request, meeting)


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def meeting_update(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.manage_meeting", meeting)
    initial = {name: getattr(meeting, name) for name in (*MEETING_FIELDS, "started_at", "ended_at")}
    form = forms.MeetingEditForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        _result, exc = run(
            lambda: services.meeting_update(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        )
        if exc is None:
            messages.success(request, _("Đã lưu thông tin hội nghị."))
            return redirect(meeting_url(meeting))
        form.add_error(None, exc.message)
    context = {
        "form": form,
        "title": _("Sửa thông tin hội nghị"),
        "season": meeting.season,
        "meeting": meeting,
        "submit": _("Lưu"),
        "cancel_url": meeting_url(meeting),
    }
    return render(request, "voting/form_page.html", context)


def _set_attendance(request: HttpRequest, meeting: Meeting, unit: Any, data: dict[str, Any]) -> Any:
    return services.attendance_set(actor=request.user, meeting=meeting, unit=unit, **data)


@page_view(SECTION)
@require_POST
def attendance_save(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendance checklist: one service call per line that changed."""
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.manage_meeting", meeting)
    view = selectors.meeting_detail(user=request.user, meeting=meeting)
    rows = _attendance_forms(view, request.POST)
    errors: list[str] = []
    changed = 0
    for row, form in rows:
        if not form.is_valid():
            errors.append(_("%(unit)s: dữ liệu không hợp lệ.") % {"unit": row.unit.name})
            continue
        if not form.has_changed():
            continue
        _result, exc = run(partial(_set_attendance, request, meeting, row.unit, form.cleaned_data))
        if exc is None:
            changed += 1
        else:
            errors.append(f"{row.unit.name}: {exc.message}")
    for error in errors:
        messages.error(request, error)
    if changed or not errors:
        messages.success(request, _("Đã lưu điểm danh."))
    return redirect(meeting_url(meeting, "diem-danh"))


@page_view(SECTION)
@require_POST
def committee_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.manage_meeting", meeting)
    form = forms.CommitteeForm(request.POST, users=_committee_users(meeting))
    if form.is_valid():
        _member, exc = run(
            lambda: services.committee_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        )
        if exc is None:
            messages.success(request, _("Đã thêm thành viên ban kiểm phiếu."))
            return redirect(meeting_url(meeting, "ban-kiem-phieu"))
        form.add_error(None, exc.message)
    return _meeting_page(request, meeting, committee_form=form)


@page_view(SECTION)
@require_POST
def committee_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.manage_meeting", meeting)
    member = meeting.committee.filter(pk=member_pk).first()
    if member is None:
        messages.error(request, _("Không tìm thấy dữ liệu."))
        return redirect(meeting_url(meeting, "ban-kiem-phieu"))
    _none, exc = run(lambda: services.committee_remove(actor=request.user, member=member))
    flash(request, exc, _("Đã bỏ thành viên khỏi ban kiểm phiếu."))
    return redirect(meeting_url(meeting, "ban-kiem-phieu"))


@page_view(SECTION)
@require_POST
def meeting_start(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    _result, exc = run(lambda: services.meeting_start(actor=request.user, meeting=meeting))
    flash(request, exc, _("Hội nghị đã bắt đầu."))
    return redirect(meeting_url(meeting))


@page_view(SECTION)
@require_POST
def meeting_end(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    _result, exc = run(lambda: services.meeting_end(actor=request.user, meeting=meeting))
    flash(request, exc, _("Hội nghị đã kết thúc."))
    return redirect(meeting_url(meeting))


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def poll_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Set up a poll. A [U] rule's warning asks for a reason to go on; a quota refusal cites its
    rule. Both show the findings (rule id, citation, message) above the form."""
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    require_can(request, "voting.manage_poll", meeting)
    asked = bool(request.POST.get("override_reason"))
    form = _poll_form(meeting, _data(request), needs_reason=asked)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["tie_policy"] = data.get("tie_policy") or None
        poll, refusal = run(
            lambda: services.poll_create(actor=request.user, meeting=meeting, **data)
        )
        if refusal is None:
            messages.success(request, _("Đã tạo cuộc bỏ phiếu."))
            return redirect("voting:poll_detail", pk=poll.pk)
        if refusal.code == NEEDS_REASON:
            form = _poll_form(meeting, request.POST, needs_reason=True)
            form.is_valid()
        form.add_error(None, refusal.message)
    context = {
        "form": form,
        "title": _("Tạo cuộc bỏ phiếu"),
        "intro": _(
            "Danh sách đơn vị được lập từ các thành viên, xếp theo kết quả xếp hạng; đơn vị không "
            "đủ điều kiện được đánh dấu và không chọn được."
        ),
        "season": meeting.season,
        "meeting": meeting,
        "findings": findings(refusal),
        "needs_reason": refusal is not None and refusal.code == NEEDS_REASON,
        "submit": _("Tạo cuộc bỏ phiếu")
        if not (refusal and refusal.code == NEEDS_REASON)
        else _("Ghi lý do và tạo cuộc bỏ phiếu"),
        "cancel_url": meeting_url(meeting, "bo-phieu"),
    }
    return render(request, "voting/form_page.html", context)
