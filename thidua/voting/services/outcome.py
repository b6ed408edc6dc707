"""What a closed poll changes: draft proposals for the units that passed a nomination vote, or
next season's leader / deputy (the season is created, with this year's members, when needed)."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from thidua.dossiers.models import Proposal, ProposalStatus
from thidua.org.models import Season, SeasonMembership
from thidua.org.services._common import save
from thidua.scoring.models import Scorecard
from thidua.voting.enums import PollKind
from thidua.voting.models import Candidate, Poll


def _share(text: str) -> Decimal:
    value = Fraction(text)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.0001"))


def _proposals(*, actor: Any, poll: Poll) -> None:
    with translation.override("vi"):  # stored text, whatever the user's language
        _proposals_vi(actor=actor, poll=poll)


def _proposals_vi(*, actor: Any, poll: Poll) -> None:
    season = poll.meeting.season
    rows = {row["id"]: row for row in poll.result.get("candidates", [])}
    elected = Candidate.objects.filter(pk__in=poll.result.get("elected", [])).select_related("unit")
    for candidate in elected.order_by("order"):
        row = rows.get(candidate.pk, {})
        proposal = Proposal(
            season=season,
            unit=candidate.unit,
            award_type=poll.award_type,
            year=season.year,
            status=ProposalStatus.DRAFT,
            source_poll=poll,
            province_id=candidate.unit.province_id,
            submitting_unit_id=season.leader_id or candidate.unit_id,
            scorecard=Scorecard.objects.filter(season=season, unit=candidate.unit).first(),
            votes=row.get("votes"),
            vote_share=_share(row["share"]) if "share" in row else None,
            summary=_("Được khối bình xét, suy tôn tại %(meeting)s (%(poll)s).")
            % {"meeting": poll.meeting.title, "poll": poll.title},
            created_by=actor,
        )
        save(proposal, actor=actor, reason="poll_close")


def _next_season(*, actor: Any, season: Season) -> Season:
    following = Season.objects.filter(bloc_id=season.bloc_id, year=season.year + 1).first()
    if following is not None:
        return following
    following = Season(bloc_id=season.bloc_id, year=season.year + 1)
    save(following, actor=actor, reason="poll_close")
    for membership in SeasonMembership.objects.filter(season=season).select_related("unit"):
        unit = membership.unit
        if unit.active_to is not None and unit.active_to.year <= season.year:
            continue
        save(SeasonMembership(season=following, unit=unit), actor=actor, reason="poll_close")
    return following


def _officers(*, actor: Any, poll: Poll) -> None:
    elected = poll.result.get("elected", [])
    if len(elected) != 1:
        return
    unit_id = Candidate.objects.filter(pk=elected[0]).values_list("unit_id", flat=True).first()
    if unit_id is None:
        return
    season = _next_season(actor=actor, season=poll.meeting.season)
    if not SeasonMembership.objects.filter(season=season, unit_id=unit_id).exists():
        save(SeasonMembership(season=season, unit_id=unit_id), actor=actor, reason="poll_close")
    if poll.kind == PollKind.LEADER:
        season.leader_id = unit_id
        if season.deputy_id == unit_id:
            season.deputy_id = None
    else:
        season.deputy_id = unit_id
        if season.leader_id == unit_id:
            season.leader_id = None
    save(season, actor=actor, reason="poll_close")


def apply_outcome(*, actor: Any, poll: Poll) -> None:
    if poll.kind == PollKind.NOMINATION:
        _proposals(actor=actor, poll=poll)
    else:
        _officers(actor=actor, poll=poll)
