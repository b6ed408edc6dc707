"""The count of a stored poll: its ballots through the pure tally, and the published list.

Read-only; used by closing (to freeze the result) and by the ballot list (to recompute it).
"""

from fractions import Fraction
from typing import Any

from django.db.models import Count, Q

from thidua.voting.enums import Channel
from thidua.voting.models import Ballot, Candidate, Poll, Voter
from thidua.voting.tally import BallotIn, CandidateIn, TallyRules, classify, tally


def published_rows(poll: Poll) -> list[dict[str, Any]]:
    """The anonymous ballot list as published: receipt, channel, status, chosen unit codes."""
    candidates = {
        c.pk: c
        for c in Candidate.objects.filter(poll=poll).select_related("unit").order_by("order")
    }
    infos = {pk: CandidateIn(id=pk, selectable=c.selectable) for pk, c in candidates.items()}
    rows = []
    for receipt, channel, choices, marked in Ballot.objects.filter(poll=poll).values_list(
        "receipt", "channel", "choices", "marked_spoiled"
    ):
        state = classify(BallotIn(tuple(choices), marked), infos, poll.seats)
        codes = sorted(candidates[c].unit.code if c in candidates else f"?{c}" for c in choices)
        rows.append({"receipt": receipt, "channel": channel, "status": state, "choices": codes})
    rows.sort(key=lambda r: str(r["receipt"]))
    return rows


def compute_result(poll: Poll) -> dict[str, Any]:
    candidates = list(Candidate.objects.filter(poll=poll).order_by("order", "id"))
    infos = [
        CandidateIn(
            id=c.pk,
            selectable=c.selectable,
            female_share=Fraction(c.female_share) if c.female_share is not None else None,
        )
        for c in candidates
    ]
    ballots = [
        BallotIn(tuple(choices), marked)
        for choices, marked in Ballot.objects.filter(poll=poll).values_list(
            "choices", "marked_spoiled"
        )
    ]
    result = tally(
        ballots,
        infos,
        TallyRules(
            seats=poll.seats,
            members=poll.members_count,
            threshold_share=poll.threshold,
            threshold_strict=poll.threshold_strict,
            threshold_base=poll.threshold_base,  # type: ignore[arg-type]
            tie_policy=poll.tie_policy,  # type: ignore[arg-type]
            max_choices=poll.seats,
            threshold_rule=str((poll.rule_ids or {}).get("threshold", {}).get("id", "threshold")),
        ),
    ).as_dict()
    voters = Voter.objects.filter(poll=poll).aggregate(
        issued=Count("id", filter=Q(has_voted=True)),
        paper=Count("id", filter=Q(channel=Channel.PAPER)),
    )
    result["members"] = poll.members_count
    result["present"] = poll.present_count
    result["issued"] = voters["issued"]
    result["paper_issued"] = voters["paper"]
    result["rules"] = poll.rule_ids
    return result
