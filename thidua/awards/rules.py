"""Permissions of the rulebook and of a province's own rule settings (object: the Province)."""

import rules

from thidua.accounts.rules import can_see, is_active_user, is_board_admin_of

PERMISSIONS = {
    # The rulebook is national data: any signed-in, active user reads it.
    "awards.view_rulebook": is_active_user,
    # A province's settings are read by everyone in its scope …
    "awards.view_rule_settings": is_active_user & can_see,
    # … and written by its board (the settings are the province's own regulation).
    "awards.manage_rule_settings": is_active_user & is_board_admin_of,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
