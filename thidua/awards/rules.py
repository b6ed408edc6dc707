"""Permissions of the rulebook, of a province's own rule settings (object: the Province) and of
the registry of awards (object: an AwardRecord or AnnualAssessment, or the Unit or Person it is
about when one is created)."""

from typing import Any

import rules

from thidua.accounts.rules import can_see, is_active_user, is_board_admin_of


@rules.predicate
def is_list(user: Any, obj: Any) -> bool:
    """No object: a list page or endpoint, whose selector scopes the rows to the user."""
    return obj is None


PERMISSIONS = {
    # The rulebook is national data: any signed-in, active user reads it.
    "awards.view_rulebook": is_active_user,
    # A province's settings are read by everyone in its scope …
    "awards.view_rule_settings": is_active_user & can_see,
    # … and written by its board (the settings are the province's own regulation).
    "awards.manage_rule_settings": is_active_user & is_board_admin_of,
    # The registry: read by everyone in the record's province scope (the list is scoped) …
    "awards.view_registry": is_active_user & (is_list | can_see),
    # … kept by the board of the record's province (the subject's province for a new record).
    "awards.manage_registry": is_active_user & is_board_admin_of,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
