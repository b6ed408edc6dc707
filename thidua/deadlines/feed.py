"""The text of a calendar feed (.ics) from computed deadlines, in Vietnamese."""

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.deadlines import ical
from thidua.deadlines.enums import Audience, Confidence, DeadlineKind, Source
from thidua.deadlines.models import FeedToken
from thidua.deadlines.notify import weekday_name
from thidua.deadlines.schedule import Deadline
from thidua.deadlines.selectors import Calendar


def feed_url(request: HttpRequest, token: FeedToken | None) -> str:
    """The address a calendar application subscribes to ("" before a link is made)."""
    if token is None:
        return ""
    return request.build_absolute_uri(reverse("deadlines:feed", args=[token.token]))


def _summary(deadline: Deadline) -> str:
    if deadline.done:
        return _("[Đã hoàn thành] %(label)s") % {"label": deadline.label}
    return deadline.label


def _description(deadline: Deadline) -> str:
    lines = [
        _("Hạn: %(date)s (%(weekday)s)")
        % {"date": deadline.due.strftime("%d/%m/%Y"), "weekday": weekday_name(deadline.due)},
        _("Năm thi đua: %(year)s") % {"year": deadline.year},
    ]
    if deadline.bloc_name:
        lines.append(_("Khối, cụm: %(name)s") % {"name": deadline.bloc_name})
    if deadline.movement_name:
        lines.append(_("Phong trào: %(name)s") % {"name": deadline.movement_name})
    lines.append(_("Thực hiện: %(who)s") % {"who": Audience(deadline.audience).label})
    lines.append(_("Ngày theo: %(source)s") % {"source": Source(deadline.source).label})
    if deadline.override_reason:
        lines.append(_("Lý do điều chỉnh: %(reason)s") % {"reason": deadline.override_reason})
    if deadline.progress is not None:
        lines.append(
            _("Đã thực hiện: %(done)s/%(total)s đơn vị")
            % {"done": deadline.progress[0], "total": deadline.progress[1]}
        )
    if deadline.description:
        lines.append(deadline.description)
    if deadline.citation:
        confidence = str(Confidence(deadline.confidence).label) if deadline.confidence else ""
        lines.append(
            _("Căn cứ: %(citation)s %(confidence)s")
            % {"citation": deadline.citation, "confidence": confidence}
        )
    return "\n".join(lines)


def feed_text(calendar: Calendar, *, name: str, now: datetime.datetime) -> str:
    """The VCALENDAR of the deadlines, with alarms at the province's reminder offsets (none on
    a step already done)."""
    with translation.override(settings.LANGUAGE_CODE):
        events = [
            ical.event_lines(
                d,
                stamp=now,
                summary=_summary(d),
                description=_description(d),
                reminder_days=[] if d.done else calendar.reminder_days.get(d.province_id, []),
                alarm_text=_("Nhắc hạn: %(label)s") % {"label": d.label},
                category=str(DeadlineKind(d.kind).label),
            )
            for d in calendar.deadlines
        ]
        return ical.calendar_text(
            name,
            _("Các mốc thời hạn thi đua, khen thưởng (hệ thống Thi đua – Khen thưởng)"),
            events,
        )
