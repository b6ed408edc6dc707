"""Permissions of the reports: the province dashboard, statistics, bloc summary reports and the
honour board's settings.

Object: a Province, Bloc or Season (`accounts.rules.province_id_of` knows them); no object: a
list scoped by the selector. Everyone signed in reads what lies in the provinces they may see
(board administrators, viewers, unit officers of the province); only the province's board changes
the honour board's settings. The public honour board itself needs no login: its page checks the
province's opt-in, not a permission.
"""

from typing import Any

import rules

from thidua.accounts.rules import can_see, is_active_user, is_board_admin_of


@rules.predicate
def is_list(user: Any, obj: Any) -> bool:
    return obj is None


PERMISSIONS = {
    # The province dashboard: the blocs' cycle, overdue items, award counts.
    "reports.view_dashboard": is_active_user & (is_list | can_see),
    # Statistics of awards and their exports.
    "reports.view_statistics": is_active_user & (is_list | can_see),
    # A bloc's year-end summary report (báo cáo tổng kết), .docx and PDF.
    "reports.view_summary": is_active_user & (is_list | can_see),
    # Publishing a province's decided awards on the public honour board (opt-in and its settings).
    "reports.manage_honour_board": is_active_user & is_board_admin_of,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
