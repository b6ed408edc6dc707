"""The year-end meeting: creation, attendance (quorum), counting committee, start and end."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.org.models import Season, SeasonMembership, Unit
from thidua.voting.enums import CommitteeRole, MeetingStatus, PollStatus
from thidua.voting.models import Attendance, CommitteeMember, Meeting
from thidua.voting.services._common import clean_text, delete, require_meeting_open, save

TEXT_FIELDS = {
    "title": 255,
    "place": 255,
    "place_name": 120,
    "chair_name": 160,
    "chair_title": 255,
    "secretary_name": 160,
    "note": 4000,
}


def _labels() -> dict[str, str]:
    return {
        "title": _("tên hội nghị"),
        "place": _("địa điểm"),
        "place_name": _("địa danh"),
        "chair_name": _("chủ trì"),
        "chair_title": _("chức vụ người chủ trì"),
        "secretary_name": _("thư ký"),
        "note": _("ghi chú"),
    }


@transaction.atomic
def meeting_create(
    *,
    actor: Any,
    season: Season,
    title: str = "",
    held_on: datetime.date,
    place: str = "",
    place_name: str = "",
    chair_name: str = "",
    chair_title: str = "",
    secretary_name: str = "",
    note: str = "",
    is_illustrative: bool = False,
) -> Meeting:
    """One meeting per season (meeting_exists); an Attendance row per member, absent."""
    season = Season.objects.select_related("bloc__province").get(pk=season.pk)
    require(actor, "voting.manage_meeting", season)
    if Meeting.objects.filter(season=season).exists():
        raise Conflict(_("Năm thi đua này đã có hội nghị tổng kết."), code="meeting_exists")
    if not isinstance(held_on, datetime.date):
        raise ValidationFailed(_("Ngày họp không hợp lệ."), code="invalid_date")
    labels = _labels()
    values = {
        "title": title,
        "place": place,
        "place_name": place_name,
        "chair_name": chair_name,
        "chair_title": chair_title,
        "secretary_name": secretary_name,
        "note": note,
    }
    cleaned = {
        k: clean_text(v, field=labels[k], max_length=TEXT_FIELDS[k]) for k, v in values.items()
    }
    if not cleaned["title"]:
        with translation.override("vi"):  # stored text: the minutes are in Vietnamese
            cleaned["title"] = _("Hội nghị tổng kết công tác thi đua năm %(year)s – %(bloc)s") % {
                "year": season.year,
                "bloc": season.bloc.name,
            }
    meeting = Meeting(
        season=season, held_on=held_on, is_illustrative=bool(is_illustrative), **cleaned
    )
    save(meeting, actor=actor, reason="meeting_create")
    members = SeasonMembership.objects.filter(season=season).select_related("unit")
    for membership in members:
        attendance = Attendance(meeting=meeting, unit=membership.unit, present=False)
        save(attendance, actor=actor, reason="meeting_create")
    return meeting


@transaction.atomic
def meeting_update(*, actor: Any, meeting: Meeting, **fields: Any) -> Meeting:
    """Fields: title, held_on, place, place_name, chair_name, chair_title, secretary_name, note."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("season__bloc")
        .get(pk=meeting.pk)
    )
    require(actor, "voting.manage_meeting", meeting)
    labels = _labels()
    for name, value in fields.items():
        if name in ("started_at", "ended_at"):
            if value is not None and (
                not isinstance(value, datetime.datetime) or timezone.is_naive(value)
            ):
                raise ValidationFailed(_("Thời gian không hợp lệ."), code="invalid_datetime")
            setattr(meeting, name, value)
        elif name == "held_on":
            if not isinstance(value, datetime.date):
                raise ValidationFailed(_("Ngày họp không hợp lệ."), code="invalid_date")
            meeting.held_on = value
        elif name in TEXT_FIELDS:
            text = clean_text(value, field=labels[name], max_length=TEXT_FIELDS[name])
            if name == "title" and not text:
                raise ValidationFailed(
                    _("Trường “%(field)s” là bắt buộc.") % {"field": labels[name]},
                    code="required",
                )
            setattr(meeting, name, text)
        else:
            raise ValidationFailed(
                _("Không sửa được trường “%(field)s”.") % {"field": name}, code="unknown_field"
            )
    if (
        meeting.started_at is not None
        and meeting.ended_at is not None
        and meeting.ended_at < meeting.started_at
    ):
        raise ValidationFailed(
            _("Giờ kết thúc phải sau giờ bắt đầu hội nghị."), code="invalid_datetime"
        )
    save(meeting, actor=actor, reason="meeting_update")
    return meeting


@transaction.atomic
def attendance_set(
    *,
    actor: Any,
    meeting: Meeting,
    unit: Unit,
    present: bool,
    delegate_name: str = "",
    delegate_title: str = "",
) -> Attendance:
    meeting = Meeting.objects.select_related("season__bloc").get(pk=meeting.pk)
    require(actor, "voting.manage_meeting", meeting)
    require_meeting_open(meeting)
    attendance = (
        Attendance.objects.select_for_update(of=("self",))
        .filter(meeting=meeting, unit=unit)
        .first()
    )
    if attendance is None:
        raise ValidationFailed(
            _("Đơn vị “%(unit)s” không phải thành viên của khối trong năm này.") % {"unit": unit},
            code="not_a_member",
        )
    attendance.present = bool(present)
    attendance.delegate_name = clean_text(delegate_name, field=_("đại biểu"), max_length=160)
    attendance.delegate_title = clean_text(
        delegate_title, field=_("chức vụ đại biểu"), max_length=255
    )
    save(attendance, actor=actor, reason="attendance_set")
    return attendance


@transaction.atomic
def committee_add(
    *,
    actor: Any,
    meeting: Meeting,
    full_name: str,
    title: str = "",
    role: str = CommitteeRole.MEMBER,
    user: Any = None,
) -> CommitteeMember:
    meeting = Meeting.objects.select_related("season__bloc").get(pk=meeting.pk)
    require(actor, "voting.manage_meeting", meeting)
    require_meeting_open(meeting)
    if role not in CommitteeRole.values:
        raise ValidationFailed(_("Nhiệm vụ trong ban kiểm phiếu không hợp lệ."), code="invalid")
    if role == CommitteeRole.HEAD and meeting.committee.filter(role=CommitteeRole.HEAD).exists():
        raise Conflict(_("Ban kiểm phiếu đã có trưởng ban."), code="committee_head_exists")
    if user is not None and meeting.committee.filter(user=user).exists():
        raise Conflict(_("Tài khoản này đã có trong ban kiểm phiếu."), code="committee_user_exists")
    order = meeting.committee.count() + 1
    member = CommitteeMember(
        meeting=meeting,
        full_name=clean_text(full_name, field=_("họ và tên"), required=True, max_length=160),
        title=clean_text(title, field=_("chức vụ, đơn vị"), max_length=255),
        role=role,
        user=user,
        order=order,
    )
    save(member, actor=actor, reason="committee_add")
    return member


@transaction.atomic
def committee_remove(*, actor: Any, member: CommitteeMember) -> None:
    member = CommitteeMember.objects.select_related("meeting__season__bloc").get(pk=member.pk)
    require(actor, "voting.manage_meeting", member.meeting)
    require_meeting_open(member.meeting)
    if (
        member.user_id is not None
        and member.meeting.polls.filter(status=PollStatus.OPEN, allow_paper=True).exists()
    ):
        raise Conflict(
            _("Đang có cuộc bỏ phiếu giấy mở: không rút thành viên nhập phiếu ra khỏi ban."),
            code="poll_open",
        )
    delete(member, actor=actor, reason="committee_remove")


@transaction.atomic
def meeting_start(*, actor: Any, meeting: Meeting) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("season__bloc")
        .get(pk=meeting.pk)
    )
    require(actor, "voting.manage_meeting", meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise Conflict(_("Hội nghị đã bắt đầu hoặc đã kết thúc."), code="invalid_transition")
    meeting.status = MeetingStatus.IN_PROGRESS
    meeting.started_at = timezone.now()
    save(meeting, actor=actor, reason="meeting_start")
    return meeting


@transaction.atomic
def meeting_end(*, actor: Any, meeting: Meeting) -> Meeting:
    """Refused while a poll is open (poll_open)."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("season__bloc")
        .get(pk=meeting.pk)
    )
    require(actor, "voting.manage_meeting", meeting)
    if meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("Hội nghị đã kết thúc."), code="invalid_transition")
    if meeting.polls.filter(status=PollStatus.OPEN).exists():
        raise Conflict(
            _("Còn cuộc bỏ phiếu đang mở: hãy kết thúc bỏ phiếu trước khi bế mạc."),
            code="poll_open",
        )
    now = timezone.now()
    meeting.status = MeetingStatus.CLOSED
    meeting.started_at = meeting.started_at or now
    meeting.ended_at = now
    save(meeting, actor=actor, reason="meeting_end")
    return meeting
