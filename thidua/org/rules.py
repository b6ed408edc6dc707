"""Object permissions of the org app. Each permission takes the record (or its parent for adds)."""

import rules

from thidua.accounts.rules import (
    can_see,
    is_active_user,
    is_board_admin_of,
    is_national_board,
    is_officer_of_unit,
    is_season_leader_officer,
)

board = is_active_user & is_board_admin_of
viewer = is_active_user & can_see

PERMISSIONS = {
    # Reading: any signed-in user whose scope covers the record.
    "org.view_record": viewer,
    # Province settings and structure: the board only.
    "org.add_province": is_active_user & is_national_board,
    "org.change_province": board,
    "org.add_unit": board,  # object: Province
    "org.change_unit": board,
    "org.delete_unit": board,
    "org.add_lineage_event": board,  # object: Province
    "org.add_bloc": board,  # object: Province
    "org.change_bloc": board,
    "org.delete_bloc": board,
    "org.add_season": board,  # object: Bloc
    "org.change_season": board,
    "org.delete_season": board,
    "org.change_season_members": board,
    # The bloc leader (officers of the season's leader unit) keeps the season's notes.
    "org.change_season_note": board | (is_active_user & is_season_leader_officer),
    # People: the board, or the officers of the person's unit.
    "org.add_person": board | (is_active_user & is_officer_of_unit),  # object: Unit
    "org.change_person": board | (is_active_user & is_officer_of_unit),
    "org.delete_person": board | (is_active_user & is_officer_of_unit),
    # Accounts (object: the Unit or Province the account acts for).
    "accounts.add_user": board,
    # Spreadsheets.
    "org.import_data": board,  # object: Province
    "org.export_data": viewer,  # object: Province
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
