"""The reminder e-mails of the calendar (Vietnamese; Django's mail backend)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.accounts.models import User
from thidua.core.links import site_link
from thidua.deadlines.schedule import Deadline


@dataclass(frozen=True)
class Reminder:
    """One deadline to remind one recipient of, at one offset (days before)."""

    deadline: Deadline
    recipient: User
    offset: int


def weekday_name(day: datetime.date) -> str:
    names = (
        _("thứ Hai"),
        _("thứ Ba"),
        _("thứ Tư"),
        _("thứ Năm"),
        _("thứ Sáu"),
        _("thứ Bảy"),
        _("Chủ nhật"),
    )
    return names[day.weekday()]


def when_text(due: datetime.date, today: datetime.date) -> str:
    left = (due - today).days
    if left <= 0:
        return _("hạn là hôm nay")
    return ngettext("còn %(n)s ngày", "còn %(n)s ngày", left) % {"n": left}


def _line(item: Reminder, today: datetime.date) -> list[str]:
    deadline = item.deadline
    lines = [
        _("- Hạn %(date)s (%(weekday)s), %(when)s: %(title)s")
        % {
            "date": deadline.due.strftime("%d/%m/%Y"),
            "weekday": weekday_name(deadline.due),
            "when": when_text(deadline.due, today),
            "title": deadline.label,
        }
    ]
    if deadline.citation:
        lines.append(_("  Căn cứ: %(citation)s") % {"citation": deadline.citation})
    if deadline.override_reason:
        lines.append(_("  Ghi chú: %(reason)s") % {"reason": deadline.override_reason})
    return lines


def messages_for(
    items: Sequence[Reminder], today: datetime.date
) -> list[tuple[str, str, str, list[str]]]:
    """One (subject, body, from, [to]) per recipient, listing that recipient's deadlines."""
    per_user: dict[int, list[Reminder]] = {}
    for item in items:
        per_user.setdefault(item.recipient.pk, []).append(item)
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for own in per_user.values():
            user = own[0].recipient
            own.sort(key=lambda r: (r.deadline.due, r.deadline.label))
            count = len(own)
            subject = ngettext(
                "[Thi đua] Nhắc hạn: %(n)s mốc sắp đến hạn",
                "[Thi đua] Nhắc hạn: %(n)s mốc sắp đến hạn",
                count,
            ) % {"n": count}
            body = [
                _("Kính gửi %(name)s,") % {"name": user.display_name},
                "",
                _("Hệ thống Thi đua – Khen thưởng nhắc các mốc thời hạn sắp đến:"),
                "",
            ]
            for item in own:
                body.extend(_line(item, today))
            link = site_link("deadlines:calendar")
            body.extend(
                [
                    "",
                    _("Xem chi tiết tại %(link)s") % {"link": link}
                    if link
                    else _("Xem chi tiết trong mục Lịch thi đua của hệ thống."),
                    _("Thư này được gửi tự động, vui lòng không trả lời."),
                ]
            )
            messages.append((subject, "\n".join(body), settings.DEFAULT_FROM_EMAIL, [user.email]))
    return messages
