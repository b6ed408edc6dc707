"""Server-rendered pages of the emulation council and the award decisions. Reads go through the
decisions selectors (missing and forbidden both answer 404), writes through the services; a form
is shown only when `can()` allows it, and the services check again."""

from thidua.decisions.views.council import council
from thidua.decisions.views.decision import decision_list

__all__ = ["council", "decision_list"]
