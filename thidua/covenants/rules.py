"""Permissions of movements, covenants, criteria tables and registrations.

Who may act is decided here; whether the record's state allows it (a locked table, a submitted
registration) is decided by the services, which refuse illegal transitions with a clear error.
"""

import rules

from thidua.accounts.rules import (
    can_see,
    is_active_user,
    is_board_admin_of,
    is_officer_of_record_unit,
    is_season_leader_officer,
    is_season_member_officer,
)

board = is_active_user & is_board_admin_of
leader = is_active_user & is_season_leader_officer
member = is_active_user & is_season_member_officer
own_unit = is_active_user & is_officer_of_record_unit

PERMISSIONS = {
    "covenants.view": is_active_user & can_see,
    # Movements: object Province for add, Movement otherwise.
    "covenants.add_movement": board,
    "covenants.change_movement": board,
    "covenants.delete_movement": board,
    # Covenant and criteria table: object Season for create, Covenant / Criterion otherwise.
    "covenants.create_covenant": board | leader,
    "covenants.change_covenant": board | leader,  # text, items, criteria, rules — while not locked
    "covenants.lock_covenant": board,
    "covenants.unlock_covenant": board,
    "covenants.sign_covenant": member,  # signs for the officer's own unit
    # Registrations: object Season to register, Registration otherwise.
    "covenants.register": member,
    "covenants.change_registration": own_unit,
    "covenants.decide_registration": board | leader,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
