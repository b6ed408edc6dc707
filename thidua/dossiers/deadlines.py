"""Working-day arithmetic for the legal time limits of a dossier (pure, no Django).

Saturdays and Sundays are not working days, nor Vietnam's public holidays (holidays.toml, from
Bộ luật Lao động 2019, Điều 112). The limits themselves are rules of the rulebook (TML-*), read
through `Rulebook.time_limit`; a province may set its own `working_days`.
"""

from __future__ import annotations

import datetime
import functools
import tomllib
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

from thidua.awards.rulebook import Override, Rule, Rulebook, load_rulebook

HOLIDAYS_PATH = Path(__file__).with_name("holidays.toml")
SATURDAY = 5
# From 2021 (Bộ luật Lao động 2019) Quốc khánh has a second day, the day before or after 02/9.
NATIONAL_DAY_TWO_DAYS_FROM = 2021


def is_working_day(day: datetime.date, holidays: Collection[datetime.date] = ()) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def add_working_days(
    start: datetime.date, days: int, holidays: Collection[datetime.date] = ()
) -> datetime.date:
    """The `days`-th working day after `start` (day 1 is the first working day after `start`;
    `start` itself never counts). 0 gives `start`; ValueError when negative."""
    if days < 0:
        raise ValueError(f"số ngày làm việc phải từ 0 trở lên, nhận {days}")
    day = start
    left = days
    while left:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            left -= 1
    return day


def working_days_between(
    start: datetime.date, end: datetime.date, holidays: Collection[datetime.date] = ()
) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before
    `start` (minus the working days after `end` up to and including `start`)."""
    if end < start:
        return -working_days_between(end, start, holidays)
    total = (end - start).days
    weeks, rest = divmod(total, 7)
    count = weeks * 5
    day = start + datetime.timedelta(days=weeks * 7)
    for _ in range(rest):
        day += datetime.timedelta(days=1)
        if day.weekday() < SATURDAY:
            count += 1
    return count - sum(1 for h in set(holidays) if start < h <= end and h.weekday() < SATURDAY)


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return tomllib.loads(HOLIDAYS_PATH.read_text(encoding="utf-8"))


def _solar(year: int, text: str) -> datetime.date:
    month, day = text.split("-")
    return datetime.date(year, int(month), int(day))


@functools.lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[datetime.date]:
    """Vietnam's public holidays (days off of cán bộ, công chức) of `year`.

    Solar days every year: 01/01, 30/4, 01/5, 02/9 and, from 2021, the day next to 02/9 chosen
    that year; the extra days of holidays.toml from their year on. Tết Nguyên đán and Giỗ Tổ
    Hùng Vương (lunar) only for the years holidays.toml lists (2017–2027): a year not listed
    gets the solar days only, with 03/9 as the day next to 02/9. A holiday on a Saturday or
    Sunday is made up on the next working day (Điều 112 khoản 3), except within an announced Tết
    schedule, which already includes it. Swapped working Saturdays are not modelled.
    """
    data = _data()
    entry: dict[str, Any] = data.get("years", {}).get(str(year), {})
    compensable = [_solar(year, text) for text in data["fixed"]["days"]]
    compensable += [
        _solar(year, extra["day"]) for extra in data.get("extra", ()) if year >= extra["from_year"]
    ]
    if year >= NATIONAL_DAY_TWO_DAYS_FROM:
        compensable.append(entry.get("national_day_adjacent", datetime.date(year, 9, 3)))
    if "hung_kings" in entry:
        compensable.append(entry["hung_kings"])
    tet = list(entry.get("tet", ()))
    if entry.get("tet_official", False):
        days = set(tet)
    else:
        days = set()
        compensable += tet
    days |= set(compensable)
    for day in sorted(set(compensable)):
        if day.weekday() >= SATURDAY:
            substitute = day + datetime.timedelta(days=1)
            while not is_working_day(substitute, days):
                substitute += datetime.timedelta(days=1)
            days.add(substitute)
    return frozenset(days)


def _holidays_for(years: Iterable[int]) -> frozenset[datetime.date]:
    return frozenset().union(*(public_holidays(year) for year in years))


def due_date(
    step: str,
    start: datetime.date,
    *,
    year: int,
    book: Rulebook | None = None,
    overrides: Sequence[Override] = (),
    holidays: Collection[datetime.date] | None = None,
) -> tuple[datetime.date, Rule] | None:
    """The last day of the time limit of `step` (TML-* in force in `year`, with the province's
    overrides) counted from `start`, and the deciding rule; None when no rule gives a limit.
    `holidays`: None = Vietnam's public holidays of the years the count may reach."""
    limit = (book or load_rulebook()).time_limit(step, year, overrides)
    if limit is None:
        return None
    days, rule = limit
    if holidays is None:
        # 230 working days at least in a year: the count never reaches further than this.
        holidays = _holidays_for(range(start.year, start.year + days // 230 + 2))
    return add_working_days(start, days, holidays), rule
