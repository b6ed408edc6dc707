"""Write operations of the year-end meeting. Every function takes the acting user, checks the
permission layer, runs in a transaction and leaves an audit trail (ballots excepted: they are
anonymous by design, and the audit of a vote is the voter roll's history)."""

from thidua.voting.services.ballot import ballot_cast, paper_issue, paper_key, paper_resolve
from thidua.voting.services.meeting import (
    attendance_set,
    committee_add,
    committee_remove,
    meeting_create,
    meeting_end,
    meeting_start,
    meeting_update,
)
from thidua.voting.services.poll import (
    candidate_add,
    candidate_remove,
    poll_cancel,
    poll_close,
    poll_create,
    poll_open,
    poll_runoff,
    poll_update,
)

__all__ = [
    "attendance_set",
    "ballot_cast",
    "candidate_add",
    "candidate_remove",
    "committee_add",
    "committee_remove",
    "meeting_create",
    "meeting_end",
    "meeting_start",
    "meeting_update",
    "paper_issue",
    "paper_key",
    "paper_resolve",
    "poll_cancel",
    "poll_close",
    "poll_create",
    "poll_open",
    "poll_runoff",
    "poll_update",
]
