"""The year-end meeting: creation, attendance (quorum), counting committee, start and end."""

import datetime
from typing import Any

from thidua.org.models import Season, Unit
from thidua.voting.models import Attendance, CommitteeMember, Meeting


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
) -> Meeting:
    """One meeting per season (meeting_exists); an Attendance row per member, absent."""
    raise NotImplementedError


def meeting_update(*, actor: Any, meeting: Meeting, **fields: Any) -> Meeting:
    """Fields: title, held_on, place, place_name, chair_name, chair_title, secretary_name, note."""
    raise NotImplementedError


def attendance_set(
    *,
    actor: Any,
    meeting: Meeting,
    unit: Unit,
    present: bool,
    delegate_name: str = "",
    delegate_title: str = "",
) -> Attendance:
    raise NotImplementedError


def committee_add(
    *,
    actor: Any,
    meeting: Meeting,
    full_name: str,
    title: str = "",
    role: str = "member",
    user: Any = None,
) -> CommitteeMember:
    raise NotImplementedError


def committee_remove(*, actor: Any, member: CommitteeMember) -> None:
    raise NotImplementedError


def meeting_start(*, actor: Any, meeting: Meeting) -> Meeting:
    raise NotImplementedError


def meeting_end(*, actor: Any, meeting: Meeting) -> Meeting:
    """Refused while a poll is open (poll_open)."""
    raise NotImplementedError
