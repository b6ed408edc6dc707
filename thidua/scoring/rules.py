"""Permissions of scorecards, reviews, cross-scores, objections and rankings.

States are checked by the services (an officer cannot edit a submitted card); these rules say
who may act at all.
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
    # Reading: the ranking of a season (object Season) is visible to everyone in scope.
    "scoring.view_ranking": is_active_user & can_see,
    # A scorecard (object Scorecard): its unit, the leader, the board and viewers in scope see it.
    "scoring.view_scorecard": is_active_user & can_see,
    # Self-scoring and submission: the unit's own officers.
    "scoring.self_score": own_unit,
    "scoring.submit_scorecard": own_unit,
    "scoring.upload_evidence": own_unit,
    # Review by the leader unit (not of its own card: the board reviews that one) or the board.
    "scoring.review_scorecard": board | (leader & ~own_unit),
    # Cross-scoring: any other member's officers, never the unit's own.
    "scoring.cross_score": member & ~own_unit,
    # Objection window and final scores.
    "scoring.open_objections": board | leader,
    "scoring.file_objection": own_unit,
    "scoring.answer_objection": board | leader,
    "scoring.finalize": board | leader,
    "scoring.reopen": board,
    # Hard-rule exclusions (GEN-03): the board, object Season.
    "scoring.exclude_unit": board,
    "scoring.export": is_active_user & can_see,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
