"""The calendar computed from a province's template and what the seasons already have (pure).

No database here: the selectors gather the template rows, the seasons' facts (covenant dates,
meeting, signatures, scorecards…) and the overrides, and these functions turn them into dated
deadlines with their source, citation, completion and state.

Precedence of a season's date, first that has one: the covenant's own deadline (registration,
scoring, objections; the scoring services enforce it) or the meeting's date; the season's
override; the province's template (or the default of defaults.toml).

Working days: "N days before" may count working days, with the holidays and arithmetic of
`thidua.dossiers.deadlines` (imported, not copied).
"""

from __future__ import annotations

import datetime
import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from thidua.deadlines.enums import Anchor, Audience, DeadlineKind, Scope, Source, State
from thidua.dossiers.deadlines import is_working_day, public_holidays

DEFAULTS_PATH = Path(__file__).with_name("defaults.toml")
DEFAULT_REMINDER_DAYS = (7, 1)
MAX_DAYS_BEFORE = 366
MAX_REMINDER_DAY = 90
MAX_REMINDERS = 5
K = DeadlineKind


@dataclass(frozen=True)
class KindInfo:
    """What a kind is, fixed in code: where it applies, who acts, which record sets its date."""

    scope: str
    audience: str
    # The Covenant field whose value wins over the template, if any.
    covenant_field: str = ""
    anchors: tuple[str, ...] = (Anchor.DATE,)


KINDS: dict[str, KindInfo] = {
    K.LAUNCH: KindInfo(Scope.SEASON, Audience.MEMBERS, anchors=(Anchor.DATE,)),
    K.REGISTRATION: KindInfo(
        Scope.SEASON,
        Audience.MEMBERS,
        covenant_field="registration_deadline",
        anchors=(Anchor.DATE,),
    ),
    K.MIDYEAR_REVIEW: KindInfo(Scope.SEASON, Audience.LEADER),
    K.SCORING: KindInfo(
        Scope.SEASON,
        Audience.MEMBERS,
        covenant_field="scoring_deadline",
        anchors=(Anchor.DATE, Anchor.BEFORE_MEETING),
    ),
    K.OBJECTIONS: KindInfo(
        Scope.SEASON,
        Audience.MEMBERS,
        covenant_field="objection_deadline",
        anchors=(Anchor.DATE, Anchor.BEFORE_MEETING),
    ),
    K.MEETING: KindInfo(Scope.SEASON, Audience.MEMBERS),
    K.DOSSIER: KindInfo(Scope.SEASON, Audience.MEMBERS),
    K.DISCIPLINE: KindInfo(Scope.PROVINCE, Audience.BOARD),
    K.EDUCATION: KindInfo(Scope.PROVINCE, Audience.BOARD),
    K.THEMATIC: KindInfo(Scope.MOVEMENT, Audience.MEMBERS, anchors=(Anchor.BEFORE_EVENT,)),
    K.GOV_FLAG: KindInfo(Scope.PROVINCE, Audience.BOARD),
    K.NATIONAL_FIGHTER: KindInfo(Scope.PROVINCE, Audience.BOARD),
}
# A season's kinds in the order of the year's cycle; the meeting first among the computed ones
# because "N days before the meeting" needs its date.
SEASON_KINDS = tuple(k for k, info in KINDS.items() if info.scope == Scope.SEASON)
PROVINCE_KINDS = tuple(k for k, info in KINDS.items() if info.scope == Scope.PROVINCE)


@dataclass(frozen=True)
class TemplateRow:
    kind: str
    title: str
    anchor: str = Anchor.DATE
    month: int | None = None
    day: int | None = None
    year_offset: int = 0
    days_before: int | None = None
    working_days: bool = False
    description: str = ""
    citation: str = ""
    confidence: str = "U"
    active: bool = True
    # False: the default of defaults.toml (the province has not set this kind).
    from_province: bool = False

    @property
    def scope(self) -> str:
        return KINDS[self.kind].scope

    @property
    def audience(self) -> str:
        return KINDS[self.kind].audience


@functools.lru_cache(maxsize=1)
def default_rows() -> tuple[TemplateRow, ...]:
    """The rows of defaults.toml, checked (a broken file fails loudly at the first use)."""
    data = tomllib.loads(DEFAULTS_PATH.read_text(encoding="utf-8"))
    rows = tuple(_row(entry) for entry in data["deadline"])
    kinds = [row.kind for row in rows]
    if sorted(kinds) != sorted(KINDS) or len(set(kinds)) != len(kinds):
        raise ValueError(f"defaults.toml phải có đúng một dòng cho mỗi loại: {kinds}")
    for row in rows:
        problems = row_errors(row)
        if problems:
            raise ValueError(f"defaults.toml, {row.kind}: {problems}")
    return rows


def _row(entry: Mapping[str, Any]) -> TemplateRow:
    return TemplateRow(
        kind=str(entry["kind"]),
        title=str(entry["title"]),
        anchor=str(entry.get("anchor", Anchor.DATE)),
        month=entry.get("month"),
        day=entry.get("day"),
        year_offset=int(entry.get("year_offset", 0)),
        days_before=entry.get("days_before"),
        working_days=bool(entry.get("working_days", False)),
        description=str(entry.get("description", "")),
        citation=str(entry["citation"]),
        confidence=str(entry["confidence"]),
    )


def row_errors(row: TemplateRow) -> dict[str, str]:
    """Field → problem (Vietnamese) of a template row; empty when the row is usable."""
    errors: dict[str, str] = {}
    info = KINDS.get(row.kind)
    if info is None:
        return {"kind": _("Không có loại mốc “%(kind)s”.") % {"kind": row.kind}}
    if row.anchor not in info.anchors:
        errors["anchor"] = _("Mốc này không tính được theo cách đã chọn.")
    if row.anchor == Anchor.DATE:
        if not isinstance(row.month, int) or not 1 <= row.month <= 12:
            errors["month"] = _("Tháng phải từ 1 đến 12.")
        elif not isinstance(row.day, int) or not 1 <= row.day <= _month_days(row.month):
            errors["day"] = _("Ngày phải từ 1 đến %(last)s với tháng %(month)s.") % {
                "last": _month_days(row.month),
                "month": row.month,
            }
        if row.year_offset not in (0, 1):
            errors["year_offset"] = _("Chỉ chọn được năm thi đua hoặc năm sau.")
    elif not isinstance(row.days_before, int) or not 0 <= row.days_before <= MAX_DAYS_BEFORE:
        errors["days_before"] = _("Số ngày trước sự kiện phải từ 0 đến %(max)s.") % {
            "max": MAX_DAYS_BEFORE
        }
    return errors


def _month_days(month: int) -> int:
    return 29 if month == 2 else (30 if month in (4, 6, 9, 11) else 31)


def effective_template(province_rows: Iterable[TemplateRow]) -> dict[str, TemplateRow]:
    """The defaults, replaced kind by kind by the province's own rows (in the order of KINDS)."""
    own = {row.kind: row for row in province_rows}
    return {row.kind: own.get(row.kind, row) for row in default_rows()}


# ── Facts and results ───────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class UnitFacts:
    """One unit's own steps in a season (for its calendar and its reminders)."""

    unit_id: int
    signed: bool = False
    registered: bool = False
    scored: bool = False
    finalized: bool = False


@dataclass(frozen=True)
class SeasonFacts:
    season_id: int
    year: int
    bloc_id: int
    bloc_name: str
    province_id: int
    leader_id: int | None = None
    members: int = 0
    covenant_dates: Mapping[str, datetime.date | None] = field(default_factory=dict)
    meeting_on: datetime.date | None = None
    meeting_closed: bool = False
    signed: int = 0
    registered: int = 0
    scored: int = 0
    finalized: int = 0
    dossier_submitted: bool = False
    unit: UnitFacts | None = None


@dataclass(frozen=True)
class MovementFacts:
    movement_id: int
    name: str
    province_id: int
    end_date: datetime.date
    bloc_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Override:
    due: datetime.date
    reason: str = ""


@dataclass(frozen=True)
class Deadline:
    key: str
    kind: str
    title: str
    due: datetime.date
    year: int
    province_id: int
    scope: str
    audience: str
    source: str
    description: str = ""
    citation: str = ""
    confidence: str = ""
    season_id: int | None = None
    bloc_id: int | None = None
    bloc_name: str = ""
    movement_id: int | None = None
    movement_name: str = ""
    # None: the system does not know when the step is done.
    done: bool | None = None
    progress: tuple[int, int] | None = None
    override_reason: str = ""
    on_day_off: bool = False

    def state(self, today: datetime.date, soon_days: int) -> str:
        if self.done:
            return State.DONE
        if self.due < today:
            return State.OVERDUE if self.done is False else State.PASSED
        if (self.due - today).days <= soon_days:
            return State.DUE_SOON
        return State.UPCOMING

    def days_left(self, today: datetime.date) -> int:
        return (self.due - today).days

    @property
    def label(self) -> str:
        """The title with what it belongs to: the bloc, or the movement."""
        owner = self.bloc_name or self.movement_name
        return f"{self.title} – {owner}" if owner else self.title


def days_before(event: datetime.date, days: int, *, working: bool) -> datetime.date:
    """The day `days` days before `event`; in working days, the `days`-th working day before
    it (`event` itself never counts), with Vietnam's public holidays."""
    if not working:
        return event - datetime.timedelta(days=days)
    holidays = public_holidays(event.year) | public_holidays(event.year - 1)
    if days > 200:
        holidays |= public_holidays(event.year - 2)
    day, left = event, days
    while left:
        day -= datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            left -= 1
    return day


def is_day_off(day: datetime.date) -> bool:
    return not is_working_day(day, public_holidays(day.year))


def fixed_date(row: TemplateRow, year: int) -> datetime.date:
    """The row's month/day in the emulation year (+ its offset); 29/02 is 28/02 in other years."""
    target = year + row.year_offset
    month, day = int(row.month or 1), int(row.day or 1)
    if month == 2 and day == 29 and not _leap(target):
        day = 28
    return datetime.date(target, month, day)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _completion(kind: str, facts: SeasonFacts) -> tuple[bool | None, tuple[int, int] | None]:
    """Whether the step is done (None: unknown), and members done / members for member steps."""
    unit = facts.unit
    if kind == K.MEETING:
        return facts.meeting_closed, None
    if kind == K.DOSSIER:
        return facts.dossier_submitted, None
    counts: dict[str, tuple[int, str]] = {
        K.LAUNCH: (facts.signed, "signed"),
        K.REGISTRATION: (facts.registered, "registered"),
        K.SCORING: (facts.scored, "scored"),
        K.OBJECTIONS: (facts.finalized, "finalized"),
    }
    if kind not in counts or facts.members == 0:
        return None, None
    count, attr = counts[kind]
    if unit is not None:
        return bool(getattr(unit, attr)), (count, facts.members)
    return count >= facts.members, (count, facts.members)


def season_deadlines(
    template: Mapping[str, TemplateRow],
    facts: SeasonFacts,
    overrides: Mapping[str, Override] | None = None,
) -> list[Deadline]:
    """The dated deadlines of one season, in the order of the cycle."""
    overrides = overrides or {}
    found: dict[str, Deadline] = {}
    for kind in (K.MEETING, *[k for k in SEASON_KINDS if k != K.MEETING]):
        row = template[kind]
        due, source, reason = _season_date(row, facts, overrides.get(kind), found)
        if due is None:
            continue
        done, progress = _completion(kind, facts)
        found[kind] = Deadline(
            key=f"season-{facts.season_id}-{kind}",
            kind=kind,
            title=row.title,
            due=due,
            year=facts.year,
            province_id=facts.province_id,
            scope=Scope.SEASON,
            audience=row.audience,
            source=source,
            description=row.description,
            citation=row.citation,
            confidence=row.confidence,
            season_id=facts.season_id,
            bloc_id=facts.bloc_id,
            bloc_name=facts.bloc_name,
            done=done,
            progress=progress,
            override_reason=reason,
            on_day_off=is_day_off(due),
        )
    return [found[k] for k in SEASON_KINDS if k in found]


def _season_date(
    row: TemplateRow,
    facts: SeasonFacts,
    override: Override | None,
    found: Mapping[str, Deadline],
) -> tuple[datetime.date | None, str, str]:
    info = KINDS[row.kind]
    if info.covenant_field and facts.covenant_dates.get(info.covenant_field):
        return facts.covenant_dates[info.covenant_field], Source.COVENANT, ""
    if row.kind == K.MEETING and facts.meeting_on is not None:
        return facts.meeting_on, Source.MEETING, ""
    if override is not None:
        return override.due, Source.OVERRIDE, override.reason
    if not row.active:
        return None, "", ""
    source = Source.TEMPLATE if row.from_province else Source.DEFAULT
    if row.anchor == Anchor.BEFORE_MEETING:
        meeting = found.get(K.MEETING)
        if meeting is None:
            return None, "", ""
        return days_before(meeting.due, row.days_before or 0, working=row.working_days), source, ""
    return fixed_date(row, facts.year), source, ""


def province_deadlines(
    template: Mapping[str, TemplateRow],
    province_id: int,
    year: int,
    overrides: Mapping[str, Override] | None = None,
) -> list[Deadline]:
    """The province-wide steps of the board for the emulation year `year`."""
    overrides = overrides or {}
    result = []
    for kind in PROVINCE_KINDS:
        row = template[kind]
        override = overrides.get(kind)
        if override is not None:
            due, source, reason = override.due, Source.OVERRIDE, override.reason
        elif row.active:
            due = fixed_date(row, year)
            source = Source.TEMPLATE if row.from_province else Source.DEFAULT
            reason = ""
        else:
            continue
        result.append(
            Deadline(
                key=f"province-{province_id}-{year}-{kind}",
                kind=kind,
                title=row.title,
                due=due,
                year=year,
                province_id=province_id,
                scope=Scope.PROVINCE,
                audience=row.audience,
                source=source,
                description=row.description,
                citation=row.citation,
                confidence=row.confidence,
                override_reason=reason,
                on_day_off=is_day_off(due),
            )
        )
    return result


def movement_deadlines(
    template: Mapping[str, TemplateRow], movements: Iterable[MovementFacts]
) -> list[Deadline]:
    """A dossier deadline N days before the end (review) of each thematic movement."""
    row = template[K.THEMATIC]
    if not row.active:
        return []
    result = []
    for movement in movements:
        due = days_before(movement.end_date, row.days_before or 0, working=row.working_days)
        result.append(
            Deadline(
                key=f"movement-{movement.movement_id}-{row.kind}",
                kind=row.kind,
                title=row.title,
                due=due,
                year=movement.end_date.year,
                province_id=movement.province_id,
                scope=Scope.MOVEMENT,
                audience=row.audience,
                source=Source.MOVEMENT,
                description=row.description,
                citation=row.citation,
                confidence=row.confidence,
                movement_id=movement.movement_id,
                movement_name=movement.name,
                on_day_off=is_day_off(due),
            )
        )
    return result


def sort_key(deadline: Deadline) -> tuple[Any, ...]:
    return (deadline.due, deadline.bloc_name or deadline.movement_name, deadline.key)


def with_done(deadline: Deadline, done: bool | None) -> Deadline:
    return replace(deadline, done=done)


def soon_days(reminder_days: Iterable[int]) -> int:
    """A deadline is "due soon" within the largest reminder offset."""
    return max(reminder_days, default=DEFAULT_REMINDER_DAYS[0])
