"""Polls: setup under the rulebook, candidates, opening (quorum), closing (tally, outcomes)."""

from typing import Any

from thidua.org.models import Unit
from thidua.voting.models import Candidate, Meeting, Poll


def poll_create(
    *,
    actor: Any,
    meeting: Meeting,
    kind: str,
    award_type: str = "",
    seats: int = 1,
    title: str = "",
    allow_online: bool = True,
    allow_paper: bool = True,
    entries_required: int = 2,
    tie_policy: str | None = None,
    override_reason: str = "",
) -> Poll:
    """A poll with its rules resolved and candidates from the members, ordered by ranking.

    A blocking finding (quota of a confirmed rule or of the province's setting) is refused with
    code quota_exceeded and the rule in details; a warning of a [U] rule is refused with code
    needs_override_reason unless `override_reason` is given, which is then recorded.
    """
    raise NotImplementedError


def poll_update(*, actor: Any, poll: Poll, override_reason: str = "", **fields: Any) -> Poll:
    """In draft only. Fields: title, seats, allow_online, allow_paper, entries_required,
    tie_policy (re-checked like poll_create)."""
    raise NotImplementedError


def candidate_add(*, actor: Any, poll: Poll, unit: Unit) -> Candidate:
    raise NotImplementedError


def candidate_remove(*, actor: Any, candidate: Candidate) -> None:
    raise NotImplementedError


def poll_open(*, actor: Any, poll: Poll, override_reason: str = "") -> Poll:
    """draft → open: the quorum check (present / members), the voter roll (one per member)."""
    raise NotImplementedError


def poll_close(*, actor: Any, poll: Poll) -> Poll:
    """open → closed: refused while paper sheets are pending or in conflict (paper_pending).
    Tallies, freezes the result and the ballot list hash, rewrites the ballots in random order,
    and applies the outcome: draft proposals (nomination) or next season's leader / deputy."""
    raise NotImplementedError


def poll_cancel(*, actor: Any, poll: Poll, reason: str) -> Poll:
    raise NotImplementedError


def poll_runoff(*, actor: Any, poll: Poll) -> Poll:
    """A new draft poll among the tied candidates of a closed poll, for the seats left."""
    raise NotImplementedError
