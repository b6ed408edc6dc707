"""Writes of the scoring app. Every service takes the acting user and checks its permission."""

from .evidence import evidence_delete, evidence_upload
from .exclusion import exclusion_create, exclusion_delete
from .objection import objection_answer, objection_file
from .score import cross_score_set, score_set_review, score_set_self
from .scorecard import (
    scorecard_finalize,
    scorecard_get_or_create,
    scorecard_mark_reviewed,
    scorecard_open_objections,
    scorecard_reopen,
    scorecard_submit,
    season_open_objections,
)

__all__ = [
    "cross_score_set",
    "evidence_delete",
    "evidence_upload",
    "exclusion_create",
    "exclusion_delete",
    "objection_answer",
    "objection_file",
    "score_set_review",
    "score_set_self",
    "scorecard_finalize",
    "scorecard_get_or_create",
    "scorecard_mark_reviewed",
    "scorecard_open_objections",
    "scorecard_reopen",
    "scorecard_submit",
    "season_open_objections",
]
