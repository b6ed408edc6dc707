"""Helpers shared by the calendar pages: the province, year, bloc and unit chosen."""

import datetime
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from thidua.accounts.permissions import can
from thidua.core.exceptions import NotFound
from thidua.deadlines.enums import Audience, Source, State
from thidua.deadlines.schedule import Deadline
from thidua.org import selectors as org_selectors
from thidua.org.models import Province
from thidua.org.selectors import pages as org_pages
from thidua.org.views import require_can

SECTION = "calendar"
PROVINCE_PARAM, YEAR_PARAM, BLOC_PARAM, UNIT_PARAM = "tinh", "nam", "khoi", "don-vi"
MIN_YEAR, MAX_YEAR = 2000, 2100


def int_param(request: HttpRequest, name: str) -> int | None:
    """A positive integer query parameter; a bad one answers 404 (as an unknown record)."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 18 or int(raw) < 1:
        raise NotFound()
    return int(raw)


def chosen_province(request: HttpRequest) -> tuple[Province, list[Province]]:
    provinces = list(org_selectors.province_list_for_user(user=request.user).order_by("name"))
    wanted = int_param(request, PROVINCE_PARAM)
    if wanted is not None:
        province = next((p for p in provinces if p.pk == wanted), None)
    else:
        province = org_pages.default_province_for_user(user=request.user, provinces=provinces)
    if province is None:
        raise NotFound()
    require_can(request, "deadlines.view", province)
    return province, provinces


def chosen_year(request: HttpRequest, default: int | None = None) -> int:
    year = int_param(request, YEAR_PARAM)
    if year is None:
        return default or timezone.localdate().year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise NotFound()
    return year


@dataclass
class Row:
    deadline: Deadline
    state: str
    state_label: str
    days_left: int
    source_label: str
    audience_label: str


@dataclass
class Month:
    year: int
    month: int
    rows: list[Row]

    @property
    def anchor(self) -> str:
        return f"thang-{self.year}-{self.month:02d}"


def by_month(rows: list[Row]) -> list[Month]:
    def key(row: Row) -> tuple[int, int]:
        return (row.deadline.due.year, row.deadline.due.month)

    return [Month(year, month, list(items)) for (year, month), items in groupby(rows, key=key)]


def rows_of(deadlines: list[Deadline], *, soon: Any, today: datetime.date) -> list[Row]:
    """Rows with their state; `soon(province_id)` gives the "due soon" window in days."""
    result = []
    for d in deadlines:
        state = d.state(today, soon(d.province_id))
        result.append(
            Row(
                deadline=d,
                state=state,
                state_label=str(State(state).label),
                days_left=d.days_left(today),
                source_label=str(Source(d.source).label),
                audience_label=str(Audience(d.audience).label),
            )
        )
    return result


def may(request: HttpRequest, perm: str, obj: Any) -> bool:
    return bool(can(request.user, perm, obj))
