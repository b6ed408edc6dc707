"""The proposal workflow as data: which status may follow which, and who takes the step.

draft → submitted (the bloc's leader unit or the unit itself) → received by the board →
appraisal: valid / returned with reasons (back to the unit, which may resubmit) / rejected →
the council's vote: approved / not approved → decided (the decision is in the registry).
A proposal may be withdrawn by its unit until the board has received it.
Pure: no database; the services check the step here, then the permission, then write.
"""

from dataclasses import dataclass

from thidua.dossiers.models import ProposalStatus as S


@dataclass(frozen=True)
class Step:
    to: str
    # Who takes the step: "unit" (the submitting unit or bloc leader), "board", "council".
    by: str
    # The step needs a written reason (a return, a rejection, a withdrawal).
    needs_reason: bool = False


TRANSITIONS: dict[str, tuple[Step, ...]] = {
    S.DRAFT: (Step(S.SUBMITTED, "unit"), Step(S.WITHDRAWN, "unit", needs_reason=True)),
    S.SUBMITTED: (
        Step(S.RECEIVED, "board"),
        Step(S.RETURNED, "board", needs_reason=True),
        Step(S.WITHDRAWN, "unit", needs_reason=True),
    ),
    S.RECEIVED: (
        Step(S.VALID, "board"),
        Step(S.RETURNED, "board", needs_reason=True),
        Step(S.REJECTED, "board", needs_reason=True),
    ),
    S.RETURNED: (Step(S.SUBMITTED, "unit"), Step(S.WITHDRAWN, "unit", needs_reason=True)),
    S.VALID: (
        Step(S.APPROVED, "council"),
        Step(S.NOT_APPROVED, "council"),
        Step(S.RETURNED, "board", needs_reason=True),
    ),
    S.APPROVED: (Step(S.DECIDED, "board"),),
    S.NOT_APPROVED: (),
    S.REJECTED: (),
    S.DECIDED: (),
    S.WITHDRAWN: (),
}

FINAL = frozenset(status for status, steps in TRANSITIONS.items() if not steps)
# Statuses in the board's hands (its inbox), and those back with the unit.
WITH_BOARD = frozenset({S.SUBMITTED, S.RECEIVED, S.VALID, S.APPROVED})
WITH_UNIT = frozenset({S.DRAFT, S.RETURNED})


def step(from_status: str, to_status: str) -> Step | None:
    """The step from one status to another, or None when the workflow has no such step."""
    return next((s for s in TRANSITIONS.get(from_status, ()) if s.to == to_status), None)


def next_statuses(from_status: str) -> tuple[str, ...]:
    return tuple(s.to for s in TRANSITIONS.get(from_status, ()))
