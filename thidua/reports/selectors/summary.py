"""Everything a bloc's year-end summary report (báo cáo tổng kết công tác thi đua) shows for one
season, read in a fixed number of queries whatever the number of members, polls, proposals or
registry lines.

`season_summary(user=, season_id=)` reads, for the season (bloc × year): the bloc, province,
leader and deputy and the members; the covenant (signing date, items, the top groups of its
criteria table, who signed); the year's movements of the province that concern the bloc or its
members; the registrations; the ranking as the scoring app computes it
(`scoring.selectors.ranking.ranking_report_for_season`); the year-end meeting and who was present;
every poll with the result it froze at closing (votes, shares of the total membership, the
threshold and the rule behind it); the proposals of the season and their status; the decisions
taken on them; the registry lines of the members for the year; and next season's leader and
deputy.

Queries (19, plus the user's provinces once per user): the season and its members (2), the
ranking (covenant, criteria, scores, scorecards, exclusions: 5; cross-scoring adds its leniency
query), the covenant's items and signatures (2), the meeting, attendance, polls and candidates
(4), the registry lines, movements, registrations, proposals, decision lines and next season
(6). A season without a covenant or a meeting skips the queries that depend on them.

Values are plain (codes, names, dates, Decimal, Fraction): the document builder
(`reports.summary`) words them in Vietnamese, the page and the API label them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Prefetch, Q

from thidua.accounts.scoping import scope_by_province
from thidua.awards.models import AwardRecord
from thidua.awards.rulebook import load_rulebook
from thidua.core.exceptions import NotFound
from thidua.core.text import fold
from thidua.covenants.models import CovenantItem, CovenantSignature, Movement, Registration
from thidua.decisions.models import DecisionLine
from thidua.dossiers.models import Proposal
from thidua.org.models import Season, SeasonMembership
from thidua.scoring.selectors.ranking import ranking_report_for_season
from thidua.voting.enums import MeetingStatus, PollKind, PollStatus
from thidua.voting.models import Attendance, Candidate, Meeting, Poll

PERMISSION = "reports.view_summary"
_LAST = 10**6


# --- the data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRef:
    id: int
    name: str


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    role: str  # "leader", "deputy" or ""
    signed_covenant: bool
    present: bool | None  # at the year-end meeting; None when there is no attendance record


@dataclass(frozen=True)
class CriteriaGroup:
    code: str
    title: str
    kind: str  # group, criterion, bonus, deduction (top rows of the table)
    max_points: Decimal


@dataclass(frozen=True)
class CovenantSummary:
    id: int
    title: str
    status: str  # CovenantStatus
    signing_date: datetime.date | None
    total_points: Decimal
    scoring_mode: str  # ScoringMode
    items: tuple[str, ...]
    groups: tuple[CriteriaGroup, ...]
    signed: int  # member units that signed online


@dataclass(frozen=True)
class MovementRow:
    id: int
    name: str
    kind: str  # MovementKind
    launched_by: str
    start_date: datetime.date
    end_date: datetime.date | None


@dataclass(frozen=True)
class RegistrationRow:
    unit: UnitRef
    status: str  # RegistrationStatus
    aimed_titles: tuple[str, ...]


@dataclass(frozen=True)
class RankingRow:
    rank: int | None  # None: excluded (a hard rule)
    unit: UnitRef
    base: Decimal
    bonus: Decimal
    deduction: Decimal
    total: Decimal
    band: str  # the band's label ("Xuất sắc"), "" when none
    card_status: str  # ScorecardStatus, "" without a scorecard
    unreviewed: bool  # self-scores awaiting review
    note: str  # the tie-break note or the exclusion's reason
    excluded_rule: str


@dataclass(frozen=True)
class VoteRow:
    unit: UnitRef
    votes: int
    share: Fraction  # votes / total membership (VOT-02/03)
    passes_threshold: bool
    elected: bool
    tied: bool


@dataclass(frozen=True)
class PollSummary:
    id: int
    kind: str  # PollKind
    title: str
    award_code: str
    award_name: str
    status: str  # PollStatus
    seats: int
    members: int  # the total membership the shares are taken of
    present: int
    cast: int
    valid: int
    blank: int
    spoiled: int
    base: int  # what the poll's threshold is taken of (the members, by default)
    threshold_base: str  # ThresholdBase
    threshold_share: Fraction
    threshold_strict: bool
    required: int  # votes needed
    rule_id: str
    rule_citation: str
    rows: tuple[VoteRow, ...]  # by votes, as the tally froze them

    @property
    def closed(self) -> bool:
        return self.status == PollStatus.CLOSED

    @property
    def elected(self) -> tuple[VoteRow, ...]:
        return tuple(row for row in self.rows if row.elected)


@dataclass(frozen=True)
class ProposalRow:
    id: int
    subject: str
    unit: str  # the unit (a person's unit)
    is_person: bool
    award_code: str
    award_name: str
    status: str  # ProposalStatus
    votes: int | None
    vote_share: Fraction | None
    decision_number: str  # "" until decided


@dataclass(frozen=True)
class DecisionSummary:
    id: int
    number: str
    date: datetime.date
    authority: str
    signer_name: str
    signer_title: str
    lines: tuple[tuple[str, str], ...]  # (subject, award name), in the decision's order


@dataclass(frozen=True)
class AwardLine:
    subject: str
    unit: str
    award_code: str
    award_name: str
    decision_number: str
    decision_date: datetime.date | None
    issuer: str


@dataclass(frozen=True)
class AwardCount:
    award_code: str
    award_name: str
    count: int


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    title: str
    held_on: datetime.date
    place: str
    place_name: str
    chair_name: str
    chair_title: str
    secretary_name: str
    status: str  # MeetingStatus
    present: int  # member units marked present


@dataclass(frozen=True)
class NextYear:
    year: int
    season_id: int | None
    leader: UnitRef | None
    deputy: UnitRef | None
    # The election polls of this year's meeting, when held: the units they elected.
    leader_poll: PollSummary | None = None
    deputy_poll: PollSummary | None = None


@dataclass(frozen=True)
class SeasonSummary:
    season_id: int
    year: int
    bloc: UnitRef
    bloc_kind: str  # BlocKind
    province: UnitRef
    leader: UnitRef | None
    deputy: UnitRef | None
    members: tuple[Member, ...]
    covenant: CovenantSummary | None
    movements: tuple[MovementRow, ...]
    registrations: tuple[RegistrationRow, ...]
    ranking: tuple[RankingRow, ...]  # units with a scorecard, then the excluded
    table_total: Decimal
    tie_breaks: tuple[str, ...]
    meeting: MeetingSummary | None
    polls: tuple[PollSummary, ...]  # nomination polls and elections, in the meeting's order
    proposals: tuple[ProposalRow, ...]
    decisions: tuple[DecisionSummary, ...]
    unit_awards: tuple[AwardLine, ...]  # the members' own (collective) registry lines
    person_awards: tuple[AwardCount, ...]  # the members' people's lines, counted by award
    next_year: NextYear
    finished: bool  # the year-end meeting is closed; otherwise the report is a draft

    @property
    def nominations(self) -> tuple[PollSummary, ...]:
        return tuple(p for p in self.polls if p.kind == PollKind.NOMINATION)

    @property
    def member_count(self) -> int:
        return len(self.members)


# --- small helpers ----------------------------------------------------------------------------


def _award_names() -> dict[str, str]:
    return {award.code: award.name for award in load_rulebook().award_types()}


def _award_orders() -> dict[str, int]:
    return {award.code: award.order for award in load_rulebook().award_types()}


def _fraction(text: Any) -> Fraction | None:
    try:
        return Fraction(str(text))
    except (ValueError, ZeroDivisionError, TypeError):
        return None


def _ref(unit: Any) -> UnitRef | None:
    return UnitRef(unit.pk, unit.name) if unit is not None else None


# --- reads (one query each) -------------------------------------------------------------------


def _season(user: Any, season_id: int) -> Season:
    members = SeasonMembership.objects.select_related("unit").order_by("unit__name", "unit_id")
    qs = Season.objects.select_related("bloc__province", "leader", "deputy").prefetch_related(
        Prefetch("memberships", queryset=members)
    )
    try:
        return scope_by_province(qs, user, "bloc__province_id").get(pk=season_id)  # type: ignore[no-any-return]
    except Season.DoesNotExist:
        raise NotFound() from None


def _covenant(report: Any, member_ids: set[int]) -> tuple[CovenantSummary | None, set[int]]:
    """The covenant with its items and table's top rows, and the units that signed it."""
    covenant = report.covenant
    if covenant is None:
        return None, set()
    items = tuple(
        CovenantItem.objects.filter(covenant=covenant)
        .order_by("order", "id")
        .values_list("text", flat=True)
    )
    signed = set(
        CovenantSignature.objects.filter(covenant=covenant).values_list("unit_id", flat=True)
    )
    groups = tuple(
        CriteriaGroup(row.code, row.title, row.kind, row.max_points)
        for row in report.criteria
        if row.depth == 0
    )
    summary = CovenantSummary(
        id=covenant.pk,
        title=covenant.title,
        status=covenant.status,
        signing_date=covenant.signing_date,
        total_points=covenant.total_points,
        scoring_mode=covenant.scoring_mode,
        items=items,
        groups=groups,
        signed=len(signed & member_ids),
    )
    return summary, signed


def _movements(season: Season, member_ids: set[int]) -> tuple[MovementRow, ...]:
    """The province's movements running during the year that name the bloc or a member, or name
    no bloc and no unit (the whole province's)."""
    year = season.year
    concerned = (
        Q(blocs=season.bloc_id)
        | Q(units__in=member_ids)
        | Q(blocs__isnull=True, units__isnull=True)
    )
    rows = (
        Movement.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=datetime.date(year, 1, 1)),
            province_id=season.bloc.province_id,
            start_date__lte=datetime.date(year, 12, 31),
        )
        .filter(concerned)
        .values(
            "id", "name", "kind", "launched_by", "launched_by_unit__name", "start_date", "end_date"
        )
        .distinct()
        .order_by("start_date", "name", "id")
    )
    return tuple(
        MovementRow(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            launched_by=row["launched_by"] or row["launched_by_unit__name"] or "",
            start_date=row["start_date"],
            end_date=row["end_date"],
        )
        for row in rows
    )


def _registrations(season: Season) -> tuple[RegistrationRow, ...]:
    rows = (
        Registration.objects.filter(season=season)
        .order_by("unit__name", "unit_id")
        .values("unit_id", "unit__name", "status", "aimed_titles")
    )
    found = [
        RegistrationRow(
            unit=UnitRef(row["unit_id"], row["unit__name"]),
            status=row["status"],
            aimed_titles=tuple(str(t) for t in (row["aimed_titles"] or []) if t),
        )
        for row in rows
    ]
    return tuple(sorted(found, key=lambda r: (fold(r.unit.name), r.unit.id)))


def _ranking(report: Any) -> tuple[RankingRow, ...]:
    """The ranking's rows of the units that have a scorecard (a unit never scored is not
    ranked in the report), then the excluded."""
    rows = []
    for row in report.ranking.rows:
        entry = row.entry
        if not entry.card_status and row.rank is not None:
            continue
        rows.append(
            RankingRow(
                rank=row.rank,
                unit=UnitRef(entry.unit_id, entry.unit_name),
                base=entry.base,
                bonus=entry.bonus,
                deduction=entry.deduction,
                total=row.total,
                band=row.band.label if row.band else "",
                card_status=entry.card_status,
                unreviewed=entry.unreviewed,
                note=row.tie_note,
                excluded_rule=entry.excluded_rule,
            )
        )
    return tuple(rows)


def _meeting(season: Season) -> tuple[MeetingSummary | None, dict[int, bool]]:
    meeting = Meeting.objects.filter(season=season).first()
    if meeting is None:
        return None, {}
    present = dict(Attendance.objects.filter(meeting=meeting).values_list("unit_id", "present"))
    summary = MeetingSummary(
        id=meeting.pk,
        title=meeting.title,
        held_on=meeting.held_on,
        place=meeting.place,
        place_name=meeting.place_name,
        chair_name=meeting.chair_name,
        chair_title=meeting.chair_title,
        secretary_name=meeting.secretary_name,
        status=meeting.status,
        present=sum(1 for here in present.values() if here),
    )
    return summary, present


def _poll(poll: Poll, names: dict[int, UnitRef], awards: dict[str, str]) -> PollSummary:
    """A poll as its closing froze it; before closing, no figures (never a partial count)."""
    result = (poll.result or {}) if poll.status == PollStatus.CLOSED else {}
    members = int(result.get("members", poll.members_count) or 0)
    rows = []
    for line in result.get("candidates", []):
        unit = names.get(line.get("id"))
        if unit is None:
            continue
        votes = int(line.get("votes", 0))
        rows.append(
            VoteRow(
                unit=unit,
                votes=votes,
                share=Fraction(votes, members) if members else Fraction(0),
                passes_threshold=bool(line.get("passes_threshold")),
                elected=bool(line.get("elected")),
                tied=bool(line.get("tied")),
            )
        )
    rules = result.get("rules") or poll.rule_ids or {}
    threshold = rules.get("threshold") if isinstance(rules, dict) else None
    if not isinstance(threshold, dict):
        threshold = {}
    return PollSummary(
        id=poll.pk,
        kind=poll.kind,
        title=poll.title,
        award_code=poll.award_type,
        award_name=awards.get(poll.award_type, poll.award_type),
        status=poll.status,
        seats=poll.seats,
        members=members,
        present=int(result.get("present", poll.present_count) or 0),
        cast=int(result.get("cast", 0)),
        valid=int(result.get("valid", 0)),
        blank=int(result.get("blank", 0)),
        spoiled=int(result.get("spoiled", 0)),
        base=int(result.get("base", members) or 0),
        threshold_base=poll.threshold_base,
        threshold_share=_fraction(poll.threshold_share) or Fraction(0),
        threshold_strict=poll.threshold_strict,
        required=int(result.get("required", 0)),
        rule_id=str(threshold.get("id", "")),
        rule_citation=str(threshold.get("citation", "")),
        rows=tuple(rows),
    )


def _polls(meeting: MeetingSummary | None, awards: dict[str, str]) -> tuple[PollSummary, ...]:
    if meeting is None:
        return ()
    polls = list(
        Poll.objects.filter(meeting_id=meeting.id)
        .exclude(status=PollStatus.CANCELLED)
        .order_by("order", "id")
    )
    names = {
        pk: UnitRef(unit_id, name)
        for pk, unit_id, name in Candidate.objects.filter(
            poll__in=[p.pk for p in polls]
        ).values_list("pk", "unit_id", "unit__name")
    }
    return tuple(_poll(poll, names, awards) for poll in polls)


def _proposals(season: Season, awards: dict[str, str]) -> tuple[ProposalRow, ...]:
    orders = _award_orders()
    rows = (
        Proposal.objects.filter(season=season)
        .select_related("unit", "person__unit", "decision_line__decision")
        .order_by("id")
    )
    found = []
    for proposal in rows:
        person = proposal.person
        unit = person.unit if person is not None else proposal.unit
        subject = person.full_name if person is not None else (unit.name if unit else "")
        line = getattr(proposal, "decision_line", None)
        share = None
        if proposal.vote_share is not None:
            share = Fraction(proposal.vote_share).limit_denominator(1000)
        row = ProposalRow(
            id=proposal.pk,
            subject=subject,
            unit=unit.name if unit else "",
            is_person=person is not None,
            award_code=proposal.award_type,
            award_name=awards.get(proposal.award_type, proposal.award_type),
            status=proposal.status,
            votes=proposal.votes,
            vote_share=share,
            decision_number=line.decision.number if line is not None else "",
        )
        key = (orders.get(proposal.award_type, _LAST), -(proposal.votes or 0), fold(subject))
        found.append((key, proposal.pk, row))
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(row for _key, _pk, row in found)


def _decisions(season: Season, awards: dict[str, str]) -> tuple[DecisionSummary, ...]:
    lines = (
        DecisionLine.objects.filter(proposal__season=season)
        .select_related("decision", "proposal__unit", "proposal__person")
        .order_by("decision__date", "decision_id", "id")
    )
    decisions: dict[int, Any] = {}
    grouped: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for line in lines:
        decisions.setdefault(line.decision_id, line.decision)
        proposal = line.proposal
        subject = (
            proposal.person.full_name
            if proposal.person is not None
            else (proposal.unit.name if proposal.unit else "")
        )
        grouped[line.decision_id].append(
            (subject, awards.get(proposal.award_type, proposal.award_type))
        )
    return tuple(
        DecisionSummary(
            id=pk,
            number=decision.number,
            date=decision.date,
            authority=decision.authority,
            signer_name=decision.signer_name,
            signer_title=decision.signer_title,
            lines=tuple(grouped[pk]),
        )
        for pk, decision in decisions.items()
    )


def _awards(
    season: Season, member_ids: set[int], awards: dict[str, str]
) -> tuple[tuple[AwardLine, ...], tuple[AwardCount, ...]]:
    """The members' registry lines of the year (not revoked): their own, one by one; their
    people's, counted by award."""
    orders = _award_orders()
    rows = (
        AwardRecord.objects.filter(
            Q(unit_id__in=member_ids, person__isnull=True) | Q(person__unit_id__in=member_ids),
            year=season.year,
            revoked=False,
        )
        .order_by("award_type", "unit__name", "id")
        .values(
            "person_id",
            "unit__name",
            "award_type",
            "decision_number",
            "decision_date",
            "issuer",
        )
    )
    collective: list[AwardLine] = []
    people: dict[str, int] = defaultdict(int)
    for row in rows:
        code = row["award_type"]
        if row["person_id"] is not None:
            people[code] += 1
            continue
        collective.append(
            AwardLine(
                subject=row["unit__name"] or "",
                unit=row["unit__name"] or "",
                award_code=code,
                award_name=awards.get(code, code),
                decision_number=row["decision_number"],
                decision_date=row["decision_date"],
                issuer=row["issuer"],
            )
        )
    collective.sort(key=lambda line: (orders.get(line.award_code, _LAST), fold(line.subject)))
    counts = sorted(
        (AwardCount(code, awards.get(code, code), count) for code, count in people.items()),
        key=lambda c: (orders.get(c.award_code, _LAST), c.award_code),
    )
    return tuple(collective), tuple(counts)


def _next_year(season: Season, polls: tuple[PollSummary, ...]) -> NextYear:
    following = (
        Season.objects.filter(bloc_id=season.bloc_id, year=season.year + 1)
        .select_related("leader", "deputy")
        .first()
    )
    closed = [p for p in polls if p.closed]
    return NextYear(
        year=season.year + 1,
        season_id=following.pk if following else None,
        leader=_ref(following.leader) if following else None,
        deputy=_ref(following.deputy) if following else None,
        leader_poll=next((p for p in reversed(closed) if p.kind == PollKind.LEADER), None),
        deputy_poll=next((p for p in reversed(closed) if p.kind == PollKind.DEPUTY), None),
    )


# --- the summary ------------------------------------------------------------------------------


def season_summary(*, user: Any, season_id: int) -> SeasonSummary:
    """The season's summary; NotFound when it is missing or outside the user's provinces,
    PermissionDeniedError without `reports.view_summary`."""
    season = _season(user, season_id)
    report = ranking_report_for_season(user=user, season=season, perm=PERMISSION)
    awards = _award_names()
    memberships = sorted(season.memberships.all(), key=lambda m: (fold(m.unit.name), m.unit_id))
    member_ids = {m.unit_id for m in memberships}
    covenant, signed = _covenant(report, member_ids)
    meeting, present = _meeting(season)
    polls = _polls(meeting, awards)
    unit_awards, person_awards = _awards(season, member_ids, awards)
    members = tuple(
        Member(
            id=m.unit_id,
            name=m.unit.name,
            role="leader"
            if m.unit_id == season.leader_id
            else ("deputy" if m.unit_id == season.deputy_id else ""),
            signed_covenant=m.unit_id in signed,
            present=present.get(m.unit_id),
        )
        for m in memberships
    )
    return SeasonSummary(
        season_id=season.pk,
        year=season.year,
        bloc=UnitRef(season.bloc_id, season.bloc.name),
        bloc_kind=season.bloc.kind,
        province=UnitRef(season.bloc.province_id, season.bloc.province.name),
        leader=_ref(season.leader),
        deputy=_ref(season.deputy),
        members=members,
        covenant=covenant,
        movements=_movements(season, member_ids),
        registrations=_registrations(season),
        ranking=_ranking(report),
        table_total=report.ranking.table_total,
        tie_breaks=report.ranking.tie_breaks,
        meeting=meeting,
        polls=polls,
        proposals=_proposals(season, awards),
        decisions=_decisions(season, awards),
        unit_awards=unit_awards,
        person_awards=person_awards,
        next_year=_next_year(season, polls),
        finished=meeting is not None and meeting.status == MeetingStatus.CLOSED,
    )


__all__ = [
    "PERMISSION",
    "AwardCount",
    "AwardLine",
    "CovenantSummary",
    "CriteriaGroup",
    "DecisionSummary",
    "Member",
    "MeetingSummary",
    "MovementRow",
    "NextYear",
    "PollSummary",
    "ProposalRow",
    "RankingRow",
    "RegistrationRow",
    "SeasonSummary",
    "UnitRef",
    "VoteRow",
    "season_summary",
]
