"""Casting ballots: online (one per member unit, receipt code) and paper (double entry)."""

from collections.abc import Sequence
from typing import Any

from thidua.org.models import Unit
from thidua.voting.models import PaperSheet, Poll


def ballot_cast(*, actor: Any, poll: Poll, choices: Sequence[int]) -> str:
    """The actor's unit votes online; returns the receipt code (shown once, never stored with
    the voter). Refused: poll_not_open, online_not_allowed, already_voted, too_many_choices,
    invalid_choice (unknown or non-selectable candidate, repeated)."""
    raise NotImplementedError


def paper_issue(*, actor: Any, poll: Poll, units: Sequence[Unit]) -> int:
    """Paper ballots handed to present delegates: their units are marked as voting on paper."""
    raise NotImplementedError


def paper_key(
    *,
    actor: Any,
    poll: Poll,
    number: int,
    choices: Sequence[int],
    marked_spoiled: bool = False,
) -> PaperSheet:
    """One committee member's keying of paper ballot `number`. When `entries_required` distinct
    keyers have keyed it: all agree → the ballot is stored (agreed); else conflict."""
    raise NotImplementedError


def paper_resolve(
    *,
    actor: Any,
    sheet: PaperSheet,
    choices: Sequence[int],
    marked_spoiled: bool = False,
    note: str,
) -> PaperSheet:
    """The leader or board settles a conflicting sheet from the paper ballot itself."""
    raise NotImplementedError
