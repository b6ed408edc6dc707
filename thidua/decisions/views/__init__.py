"""Server-rendered pages of the emulation council and the award decisions. Reads go through the
decisions selectors (missing and forbidden both answer 404), writes through the services; a form
is shown only when `can()` allows it, and the services check again."""

from thidua.decisions.views.council import (
    council,
    council_create,
    council_update,
    member_add,
    member_update,
)
from thidua.decisions.views.decision import (
    decision_create,
    decision_detail,
    decision_file,
    decision_list,
)
from thidua.decisions.views.session import (
    session_add,
    session_close,
    session_detail,
    session_list,
    session_open,
    session_present,
    session_remove,
    session_votes,
)

__all__ = [
    "council",
    "council_create",
    "council_update",
    "decision_create",
    "decision_detail",
    "decision_file",
    "decision_list",
    "member_add",
    "member_update",
    "session_add",
    "session_close",
    "session_detail",
    "session_list",
    "session_open",
    "session_present",
    "session_remove",
    "session_votes",
]
