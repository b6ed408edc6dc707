"""Reads of the calendar: the effective template of a province, the facts of its seasons, and
the computed deadlines for a province and year (filtered by bloc or unit), or for the feeds.

Every read runs a constant number of queries, whatever the number of blocs, seasons or units.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from thidua.accounts.permissions import require
from thidua.covenants.enums import MovementKind, RegistrationStatus
from thidua.covenants.models import CovenantSignature, Movement, Registration
from thidua.deadlines import schedule
from thidua.deadlines.enums import Scope
from thidua.deadlines.models import CalendarSetting, DeadlineOverride, DeadlineTemplate, FeedToken
from thidua.deadlines.schedule import (
    Deadline,
    MovementFacts,
    Override,
    SeasonFacts,
    TemplateRow,
    UnitFacts,
)
from thidua.dossiers.models import Dossier
from thidua.org.models import Bloc, Province, Season, SeasonMembership, Unit
from thidua.scoring.enums import ScorecardStatus
from thidua.scoring.models import Scorecard
from thidua.voting.enums import MeetingStatus

REGISTERED = (RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED)
COVENANT_FIELDS = ("registration_deadline", "scoring_deadline", "objection_deadline")


# ── Template ────────────────────────────────────────────────────────────────────────────────


def template_row_of(row: DeadlineTemplate) -> TemplateRow:
    return TemplateRow(
        kind=row.kind,
        title=row.title,
        anchor=row.anchor,
        month=row.month,
        day=row.day,
        year_offset=row.year_offset,
        days_before=row.days_before,
        working_days=row.working_days,
        description=row.description,
        citation=row.citation,
        confidence=row.confidence,
        active=row.active,
        from_province=True,
    )


def templates_for(province_ids: Iterable[int]) -> dict[int, dict[str, TemplateRow]]:
    """The effective template of each province (its rows over the defaults), in one query."""
    ids = set(province_ids)
    rows: dict[int, list[TemplateRow]] = defaultdict(list)
    for row in DeadlineTemplate.objects.filter(province_id__in=ids):
        rows[row.province_id].append(template_row_of(row))
    return {pid: schedule.effective_template(rows.get(pid, ())) for pid in ids}


def template_for(province: Province) -> dict[str, TemplateRow]:
    return templates_for([province.pk])[province.pk]


def reminder_days_for(province_ids: Iterable[int]) -> dict[int, list[int]]:
    ids = set(province_ids)
    found = {
        s.province_id: list(s.reminder_days)
        for s in CalendarSetting.objects.filter(province_id__in=ids)
    }
    return {pid: found.get(pid, list(schedule.DEFAULT_REMINDER_DAYS)) for pid in ids}


def template_for_user(*, user: Any, province: Province) -> dict[str, TemplateRow]:
    require(user, "deadlines.view", province)
    return template_for(province)


# ── Facts of seasons ────────────────────────────────────────────────────────────────────────


def _count(qs: QuerySet[Any]) -> Coalesce:
    counted = qs.order_by().values("season_id").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _season_qs(unit_id: int | None = None) -> QuerySet[Season]:
    season = OuterRef("pk")
    qs = (
        Season.objects.select_related("bloc", "covenant", "meeting")
        .annotate(
            n_members=_count(SeasonMembership.objects.filter(season_id=season)),
            n_signed=Coalesce(
                Subquery(
                    CovenantSignature.objects.filter(covenant__season_id=season)
                    .order_by()
                    .values("covenant__season_id")
                    .annotate(n=Count("pk"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
            n_registered=_count(
                Registration.objects.filter(season_id=season, status__in=REGISTERED)
            ),
            n_scored=_count(
                Scorecard.objects.filter(season_id=season).exclude(status=ScorecardStatus.DRAFT)
            ),
            n_final=_count(
                Scorecard.objects.filter(season_id=season, status=ScorecardStatus.FINAL)
            ),
            has_dossier=Exists(
                Dossier.objects.filter(season_id=season, submitted_at__isnull=False)
            ),
        )
        .order_by("bloc__name", "year")
    )
    if unit_id is not None:
        qs = qs.filter(memberships__unit_id=unit_id).annotate(
            unit_signed=Exists(
                CovenantSignature.objects.filter(covenant__season_id=season, unit_id=unit_id)
            ),
            unit_registered=Exists(
                Registration.objects.filter(
                    season_id=season, unit_id=unit_id, status__in=REGISTERED
                )
            ),
            unit_scored=Exists(
                Scorecard.objects.filter(season_id=season, unit_id=unit_id).exclude(
                    status=ScorecardStatus.DRAFT
                )
            ),
            unit_final=Exists(
                Scorecard.objects.filter(
                    season_id=season, unit_id=unit_id, status=ScorecardStatus.FINAL
                )
            ),
        )
    return qs


def season_facts(season: Any, unit_id: int | None = None) -> SeasonFacts:
    """The facts of a season fetched by `_season_qs` (annotations and joined covenant, meeting)."""
    # A missing reverse one-to-one raises a subclass of AttributeError: getattr gives None.
    covenant = getattr(season, "covenant", None)
    meeting = getattr(season, "meeting", None)
    unit = None
    if unit_id is not None:
        unit = UnitFacts(
            unit_id=unit_id,
            signed=bool(season.unit_signed),
            registered=bool(season.unit_registered),
            scored=bool(season.unit_scored),
            finalized=bool(season.unit_final),
        )
    return SeasonFacts(
        season_id=season.pk,
        year=season.year,
        bloc_id=season.bloc_id,
        bloc_name=season.bloc.name,
        province_id=season.bloc.province_id,
        leader_id=season.leader_id,
        members=season.n_members,
        covenant_dates={f: getattr(covenant, f) for f in COVENANT_FIELDS} if covenant else {},
        meeting_on=meeting.held_on if meeting else None,
        meeting_closed=bool(meeting and meeting.status == MeetingStatus.CLOSED),
        signed=season.n_signed,
        registered=season.n_registered,
        scored=season.n_scored,
        finalized=season.n_final,
        dossier_submitted=bool(season.has_dossier),
        unit=unit,
    )


def _overrides(
    province_ids: Iterable[int], years: Iterable[int]
) -> tuple[dict[int, dict[str, Override]], dict[tuple[int, int], dict[str, Override]]]:
    """(season id → kind → override, (province id, year) → kind → override)."""
    seasons: dict[int, dict[str, Override]] = defaultdict(dict)
    provinces: dict[tuple[int, int], dict[str, Override]] = defaultdict(dict)
    rows = DeadlineOverride.objects.filter(province_id__in=set(province_ids), year__in=set(years))
    for row in rows:
        value = Override(due=row.due_on, reason=row.reason)
        if row.season_id is not None:
            seasons[row.season_id][row.kind] = value
        else:
            provinces[(row.province_id, row.year)][row.kind] = value
    return seasons, provinces


def _movements(
    province_ids: Iterable[int], years: Iterable[int], *, bloc_id: int | None, unit_id: int | None
) -> list[MovementFacts]:
    qs = Movement.objects.filter(
        province_id__in=set(province_ids),
        kind=MovementKind.THEMATIC,
        end_date__year__in=set(years),
    ).order_by("end_date", "pk")
    if bloc_id is not None:
        qs = qs.filter(blocs__id=bloc_id)
    if unit_id is not None:
        member_blocs = SeasonMembership.objects.filter(unit_id=unit_id).values("season__bloc_id")
        qs = qs.filter(Q(units__id=unit_id) | Q(blocs__id__in=member_blocs))
    return [
        MovementFacts(movement_id=m.pk, name=m.name, province_id=m.province_id, end_date=m.end_date)
        for m in qs.distinct()
        if m.end_date is not None
    ]


# ── The calendar ────────────────────────────────────────────────────────────────────────────


@dataclass
class Calendar:
    deadlines: list[Deadline]
    reminder_days: dict[int, list[int]] = field(default_factory=dict)

    def soon_days(self, province_id: int) -> int:
        return schedule.soon_days(self.reminder_days.get(province_id, ()))


def deadlines_for(
    *,
    province_ids: Sequence[int],
    years: Sequence[int],
    bloc_id: int | None = None,
    unit_id: int | None = None,
    with_province_steps: bool = True,
) -> Calendar:
    """Every deadline of the provinces' seasons (and thematic movements, and the board's own
    steps unless a bloc or unit is chosen or `with_province_steps` is False) of `years`."""
    seasons = _season_qs(unit_id).filter(bloc__province_id__in=province_ids, year__in=years)
    if bloc_id is not None:
        seasons = seasons.filter(bloc_id=bloc_id)
    facts = [season_facts(s, unit_id) for s in seasons]
    templates = templates_for(province_ids)
    season_overrides, province_overrides = _overrides(province_ids, years)
    found: list[Deadline] = []
    for fact in facts:
        template = templates[fact.province_id]
        found += schedule.season_deadlines(template, fact, season_overrides.get(fact.season_id))
    for movement in _movements(province_ids, years, bloc_id=bloc_id, unit_id=unit_id):
        found += schedule.movement_deadlines(templates[movement.province_id], [movement])
    if with_province_steps and bloc_id is None and unit_id is None:
        for province_id in province_ids:
            for year in years:
                found += schedule.province_deadlines(
                    templates[province_id],
                    province_id,
                    year,
                    province_overrides.get((province_id, year)),
                )
    found.sort(key=schedule.sort_key)
    return Calendar(deadlines=found, reminder_days=reminder_days_for(province_ids))


def calendar_for_user(
    *,
    user: Any,
    province: Province,
    year: int,
    bloc_id: int | None = None,
    unit_id: int | None = None,
) -> Calendar:
    require(user, "deadlines.view", province)
    return deadlines_for(province_ids=[province.pk], years=[year], bloc_id=bloc_id, unit_id=unit_id)


def season_calendar(*, season: Season) -> tuple[Calendar, dict[str, DeadlineOverride]]:
    """A season's deadlines and its override rows (with their ids, for the pages and the API)."""
    calendar = deadlines_for(
        province_ids=[season.bloc.province_id], years=[season.year], bloc_id=season.bloc_id
    )
    calendar.deadlines = [d for d in calendar.deadlines if d.season_id == season.pk]
    rows = {o.kind: o for o in DeadlineOverride.objects.filter(season=season)}
    return calendar, rows


def province_overrides(*, province: Province, year: int) -> dict[str, DeadlineOverride]:
    rows = DeadlineOverride.objects.filter(province=province, year=year, season__isnull=True)
    return {o.kind: o for o in rows}


def feed_years(today: datetime.date) -> list[int]:
    """Feeds carry last year's cycle (its steps reach into this year), this year's and next."""
    return [today.year - 1, today.year, today.year + 1]


def unit_feed_deadlines(*, unit: Unit, today: datetime.date) -> Calendar:
    return deadlines_for(province_ids=[unit.province_id], years=feed_years(today), unit_id=unit.pk)


def province_feed_deadlines(*, province: Province, today: datetime.date) -> Calendar:
    return deadlines_for(province_ids=[province.pk], years=feed_years(today))


def feed_token_of(
    *, unit: Unit | None = None, province: Province | None = None
) -> FeedToken | None:
    if unit is not None:
        return FeedToken.objects.filter(unit=unit).first()
    return FeedToken.objects.filter(province=province).first()


def feed_token_lookup(token: str) -> FeedToken | None:
    """The feed of a secret (no sign-in: the secret is the permission); None when unknown."""
    if not token or len(token) > 64 or "\x00" in token:
        return None
    return FeedToken.objects.select_related("unit", "province").filter(token=token).first()


def blocs_of(*, province: Province) -> QuerySet[Bloc]:
    return Bloc.objects.filter(province=province).order_by("name")


def units_of(*, province: Province, year: int) -> QuerySet[Unit]:
    """Units that are members of a season of the province in `year` (the unit filter)."""
    members = SeasonMembership.objects.filter(
        season__bloc__province=province, season__year=year
    ).values("unit_id")
    return Unit.objects.filter(pk__in=members).order_by("name")


def years_of(*, province: Province) -> list[int]:
    years = Season.objects.filter(bloc__province=province).values_list("year", flat=True)
    return sorted(set(years), reverse=True)


def scope_of(deadline: Deadline) -> str:
    return str(Scope(deadline.scope).label)
