"""Writes of the decisions app: the council and its members, sessions and votes, decisions.

`from thidua.decisions import services; services.session_close(...)`: every public name of the
modules is re-exported here (a demo loader needs nothing else).
"""

from thidua.decisions.services.council import (
    council_create,
    council_member_add,
    council_member_update,
    council_update,
)
from thidua.decisions.services.decision import DECISION_FILE_MAX_BYTES, decision_record
from thidua.decisions.services.session import (
    session_add_proposals,
    session_close,
    session_open,
    session_record_votes,
    session_remove_proposal,
    session_set_present,
)

__all__ = [
    "DECISION_FILE_MAX_BYTES",
    "council_create",
    "council_member_add",
    "council_member_update",
    "council_update",
    "decision_record",
    "session_add_proposals",
    "session_close",
    "session_open",
    "session_record_votes",
    "session_remove_proposal",
    "session_set_present",
]
