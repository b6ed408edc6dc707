"""Helpers shared by the voting services."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from thidua.awards.selectors import overrides_for
from thidua.core.exceptions import Conflict
from thidua.org.services._common import clean_text, delete, require_reason, save
from thidua.voting.enums import MeetingStatus, PollStatus
from thidua.voting.models import Meeting, Poll

__all__ = [
    "clean_text",
    "delete",
    "overrides_for",
    "require_meeting_open",
    "require_poll_status",
    "require_reason",
    "save",
]


def require_meeting_open(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("Hội nghị đã kết thúc."), code="meeting_closed")


def require_poll_status(poll: Poll, allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    if poll.status in allowed:
        return
    codes = {
        PollStatus.DRAFT: "poll_not_draft",
        PollStatus.OPEN: "poll_not_open",
        PollStatus.CLOSED: "poll_not_closed",
    }
    code = (
        codes.get(PollStatus(allowed[0]), "invalid_transition")
        if len(allowed) == 1
        else ("invalid_transition")
    )
    raise Conflict(
        _("Cuộc bỏ phiếu đang ở trạng thái “%(status)s”, không thể thực hiện thao tác này.")
        % {"status": PollStatus(poll.status).label},
        code=code,
    )
