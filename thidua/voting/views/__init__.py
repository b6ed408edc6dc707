"""Server-rendered pages of the year-end meeting. Reads go through the voting selectors (missing
and forbidden both answer 404), writes through the services; a button is shown only when `can()`
allows it, and the services check again."""

from thidua.voting.views.ballot import paper, paper_issue, paper_resolve, vote
from thidua.voting.views.meeting import (
    attendance_save,
    committee_add,
    committee_remove,
    meeting_detail,
    meeting_end,
    meeting_start,
    meeting_update,
    poll_create,
    season_meeting,
)
from thidua.voting.views.poll import (
    candidate_add,
    candidate_remove,
    poll_cancel,
    poll_close,
    poll_detail,
    poll_open,
    poll_runoff,
    poll_update,
)
from thidua.voting.views.results import (
    ballot_list,
    ballot_list_json,
    minutes_docx,
    minutes_pdf,
    projector,
    projector_live,
    results,
)

__all__ = [
    "attendance_save",
    "ballot_list",
    "ballot_list_json",
    "candidate_add",
    "candidate_remove",
    "committee_add",
    "committee_remove",
    "meeting_detail",
    "meeting_end",
    "meeting_start",
    "meeting_update",
    "minutes_docx",
    "minutes_pdf",
    "paper",
    "paper_issue",
    "paper_resolve",
    "poll_cancel",
    "poll_close",
    "poll_create",
    "poll_detail",
    "poll_open",
    "poll_update",
    "poll_runoff",
    "projector",
    "projector_live",
    "results",
    "season_meeting",
    "vote",
]
