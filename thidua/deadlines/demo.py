"""Demo data of the calendar (called by the demo loader after the seasons exist).

The demo's seasons are 2019–2023 (seed reports), so their deadlines are all past; to show the
calendar live, an illustrative cluster of Ninh Bình's three wards (after the 2025 merger) gets
a season of the current year. Ninh Bình's board then uses the calendar: reminders 7, 3 and 1
days before; the cluster's mid-year review set to its own date (with the reason); Nam Định's
2023 party bloc keeps the template's dates, its meeting (01/12/2022 for 2022) and covenants
giving theirs. Everything goes through the services, as the board administrator.
"""

import datetime
from collections.abc import Callable

from django.utils import timezone

from thidua.accounts.models import User
from thidua.deadlines.enums import DeadlineKind
from thidua.deadlines.services import reminder_days_set, season_deadline_set
from thidua.org.enums import BlocKind
from thidua.org.models import Bloc, Province, Season, Unit
from thidua.org.services import bloc_create, season_create

CLUSTER = "Cụm thi đua các phường (minh hoạ)"
WARDS = ("nb-p-phuly", "nb-p-phuvan", "nb-p-chauson")


def load_deadlines(
    admin: User, log: Callable[[str], None] = print, *, today: datetime.date | None = None
) -> Season | None:
    """Create the illustrative cluster season of the current year and the board's calendar
    settings; returns the season (None when Ninh Bình or its wards are missing)."""
    today = today or timezone.localdate()
    province = Province.objects.filter(code="ninh-binh").first()
    units = {u.code: u for u in Unit.objects.filter(code__in=WARDS)}
    if province is None or len(units) != len(WARDS):
        return None
    reminder_days_set(actor=admin, province=province, days=[7, 3, 1])
    bloc = Bloc.objects.filter(province=province, name=CLUSTER).first() or bloc_create(
        actor=admin,
        province=province,
        name=CLUSTER,
        kind=BlocKind.CLUSTER,
        description="Dữ liệu minh hoạ cho lịch thi đua của năm hiện tại.",
    )
    season = Season.objects.filter(bloc=bloc, year=today.year).first() or season_create(
        actor=admin,
        bloc=bloc,
        year=today.year,
        members=[units[c] for c in WARDS],
        leader=units[WARDS[0]],
        deputy=units[WARDS[1]],
        note="Minh hoạ: năm thi đua hiện tại để xem lịch các mốc thời hạn.",
        is_illustrative=True,
    )
    season_deadline_set(
        actor=admin,
        season=season,
        kind=DeadlineKind.MIDYEAR_REVIEW,
        due_on=datetime.date(today.year, 7, 10),
        reason="Dữ liệu mẫu: cụm tổ chức sơ kết 6 tháng cùng hội nghị chuyên đề ngày 10/7.",
    )
    log(f"Demo: lịch thi đua năm {today.year} của {CLUSTER} ({province.name}).")
    return season
