from .scorecard import CrossScore, Evidence, Exclusion, Objection, Score, Scorecard

__all__ = ["CrossScore", "Evidence", "Exclusion", "Objection", "Score", "Scorecard"]
