"""Permissions of the calendar of deadlines.

Objects: a Province (the template, the reminder offsets, the province's own dates, its feed), a
Season (its dates), a Unit (its feed). The board edits the province's template; a season's
dates may be set by the board or by the officers of the season's leader unit, as for the
covenant's deadlines (covenants.change_covenant); a unit's feed link is for the board and the
unit's own officers.
"""

import rules

from thidua.accounts.rules import (
    can_see,
    is_active_user,
    is_board_admin_of,
    is_officer_of_unit,
    is_season_leader_officer,
)

board = is_active_user & is_board_admin_of
leader = is_active_user & is_season_leader_officer
own_unit = is_active_user & is_officer_of_unit

PERMISSIONS = {
    "deadlines.view": is_active_user & can_see,
    # The province's template and reminder offsets (object: Province).
    "deadlines.change_template": board,
    # A season's dates (object: Season); the province's own steps (object: Province).
    "deadlines.override_season": board | leader,
    "deadlines.override_province": board,
    # Feed links: a unit's (object: Unit), the province's (object: Province).
    "deadlines.unit_feed": board | own_unit,
    "deadlines.province_feed": board,
    # Sending the reminders of a province (the management command; object: Province).
    "deadlines.send_reminders": board,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
