"""Permissions of the council, its sessions and votes, and the award decisions.

Object: the PROVINCE the council, session or decision belongs to (`province_of(obj)` finds it):
`accounts.permissions.require` first checks that the user can see the object, and the shared
predicates know provinces, not this app's models. No object: a list, scoped by the selector.
Only the province's board (board administrators in scope) manages; viewers and officers in scope
read; other provinces see nothing (require answers "not found").
"""

from typing import Any

import rules

from thidua.accounts.rules import can_see, is_active_user, is_board_admin_of


def province_of(obj: Any) -> Any:
    """The Province of a council, member, session, review item, vote, decision or line."""
    name = obj._meta.model_name if getattr(obj, "_meta", None) else ""
    if name == "province":
        return obj
    if name in ("council", "decision"):
        return obj.province
    if name in ("councilmember", "councilsession"):
        return obj.council.province
    if name in ("sessionproposal", "councilvote"):
        return obj.session.council.province
    if name == "decisionline":
        return obj.decision.province
    raise TypeError(f"no province for {name or type(obj).__name__}")


@rules.predicate
def is_list(user: Any, obj: Any) -> bool:
    return obj is None


board = is_active_user & is_board_admin_of

PERMISSIONS = {
    # Reading councils, sessions, review sheets, votes and decisions of a province in scope.
    "decisions.view": is_active_user & (is_list | can_see),
    # The council and its members.
    "decisions.manage_council": board,
    # Sessions: open, attendance, the proposals reviewed, members' votes, closing.
    "decisions.manage_session": board,
    # Award decisions: recording them creates the registry records.
    "decisions.record_decision": board,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
