"""Permissions of the year-end meeting: polls, ballots, paper keying, results and minutes.

Objects: Meeting or Poll (anything whose `season_of` resolves). States are checked by the
services (no vote after closing, …); these rules say who may act at all.
"""

from typing import Any

import rules

from thidua.accounts.enums import Role
from thidua.accounts.rules import (
    can_see,
    is_active_user,
    is_board_admin_of,
    is_season_leader_officer,
    is_season_member_officer,
)


def _meeting_of(obj: Any) -> Any:
    name = obj._meta.model_name if getattr(obj, "_meta", None) else ""
    if name == "meeting":
        return obj
    if name == "poll":
        return obj.meeting
    if name in ("papersheet", "voter", "candidate", "ballot"):
        return obj.poll.meeting
    return None


@rules.predicate
def is_counting_committee_user(user: Any, obj: Any) -> bool:
    """A user listed with an account on the meeting's counting committee (ban kiểm phiếu)."""
    meeting = _meeting_of(obj) if obj is not None else None
    if meeting is None or not getattr(user, "pk", None):
        return False
    return bool(meeting.committee.filter(user_id=user.pk).exists())


@rules.predicate
def is_officer(user: Any) -> bool:
    return bool(user.role == Role.UNIT_OFFICER and user.unit_id is not None)


board = is_active_user & is_board_admin_of
leader = is_active_user & is_season_leader_officer
member = is_active_user & is_season_member_officer
committee = is_active_user & is_counting_committee_user

PERMISSIONS = {
    # Reading the meeting, its polls, turnout and (once closed) results and minutes.
    "voting.view_meeting": is_active_user & can_see,
    # The leader unit presides (BLK-06); the board may run any meeting of its province.
    "voting.manage_meeting": board | leader,
    "voting.manage_poll": board | leader,
    # An online ballot: the delegate (officer) of a member unit. Voter rights are per unit.
    "voting.cast_ballot": member & is_officer,
    # Paper ballots: issue to present delegates and key them (double entry) — the committee;
    # the board or the leader settle a conflict between entries.
    "voting.issue_paper": committee | board | leader,
    "voting.key_paper": committee | board,
    "voting.resolve_paper": board | leader,
    # The anonymous ballot list after closing: members of the season and the board (and the
    # provincial viewers in scope), so that anyone entitled can recompute the tally.
    "voting.view_ballots": board | member | (is_active_user & can_see),
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
