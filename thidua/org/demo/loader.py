"""Load the demo province data through the services, as the demo board administrator."""

import random
from collections.abc import Callable

from django.db import transaction

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.accounts.services.users import user_create
from thidua.deadlines.demo import load_deadlines
from thidua.org.demo import data
from thidua.org.demo.awards import load_awards
from thidua.org.demo.cycle import load_cycle
from thidua.org.demo.dossiers import carried_outcomes, load_dossiers
from thidua.org.demo.meetings import load_meetings
from thidua.org.models import Bloc, Province, Unit
from thidua.org.services import (
    bloc_create,
    lineage_event_record,
    person_create,
    province_create,
    season_create,
    unit_create,
)
from thidua.reports.demo import load_honour_boards


def demo_loaded() -> bool:
    return Province.objects.filter(code="nam-dinh").exists()


def _people(actor: User, units: dict[str, Unit], rng: random.Random) -> int:
    count = 0
    for code, name, gender, position in data.SEED_PEOPLE:
        person_create(
            actor=actor, unit=units[code], full_name=name, gender=gender, position=position
        )
        count += 1
    for unit in units.values():
        for _ in range(3):
            female = rng.random() < 0.5
            middle = rng.choice(data.MIDDLE_FEMALE if female else data.MIDDLE_MALE)
            given = rng.choice(data.GIVEN_FEMALE if female else data.GIVEN_MALE)
            person_create(
                actor=actor,
                unit=unit,
                full_name=f"{rng.choice(data.SURNAMES)} {middle} {given}",
                gender="female" if female else "male",
                birth_year=rng.randint(1965, 1998),
                position=rng.choice(data.POSITIONS),
                is_illustrative=True,
            )
            count += 1
    return count


@transaction.atomic
def load_demo(log: Callable[[str], None] = print, *, stage: str = "awards") -> None:
    """Create the demo provinces, units, lineage, blocs, seasons, people and accounts (once).

    `stage` says how far the year cycle goes: "org" stops after the organisation, "covenant"
    adds signed covenants and criteria tables, "scoring" adds registrations, scores and rankings,
    "meeting" adds the year-end meetings (votes, proposals, next year's leader) of seeds 001 and 003,
    "awards" (the full demo) adds the award history: people, yearly ratings, titles, and the
    dossier workflow: seed 001's outcome through the council to decisions in the registry, seed
    003's proposals before the board.
    """
    admin = user_create(
        actor=None,
        username=data.BOARD_ADMIN[0],
        password=data.DEMO_PASSWORD,
        role=Role.BOARD_ADMIN,
        full_name=data.BOARD_ADMIN[1],
    )
    provinces: dict[str, Province] = {}
    for code, name, active_to, merged_into in sorted(
        data.PROVINCES, key=lambda p: p[3] is not None
    ):
        provinces[code] = province_create(
            actor=admin,
            code=code,
            name=name,
            active_to=active_to,
            merged_into=provinces[merged_into] if merged_into else None,
        )
    units: dict[str, Unit] = {}
    for province, code, name, short, kind, active_from, active_to, illustrative in data.UNITS:
        units[code] = unit_create(
            actor=admin,
            province=provinces[province],
            code=code,
            name=name,
            short_name=short,
            kind=kind,
            active_from=active_from,
            active_to=active_to,
            is_illustrative=illustrative,
        )
    for kind, date, preds, succs, basis, note, illustrative in data.LINEAGE:
        lineage_event_record(
            actor=admin,
            province=units[succs[0]].province,
            kind=kind,
            date=date,
            predecessors=[units[c] for c in preds],
            successors=[units[c] for c in succs],
            legal_basis=basis,
            note=note,
            is_illustrative=illustrative,
        )
        for code in [*preds, *succs]:
            units[code].refresh_from_db()
    blocs: dict[str, Bloc] = {}
    for province, name, kind, description in data.BLOCS:
        blocs[name] = bloc_create(
            actor=admin, province=provinces[province], name=name, kind=kind, description=description
        )
    for bloc_name, year, members, leader, deputy, source, note, illustrative in data.SEASONS:
        season_create(
            actor=admin,
            bloc=blocs[bloc_name],
            year=year,
            members=[units[c] for c in members],
            leader=units[leader],
            deputy=units[deputy],
            source=source,
            note=note,
            is_illustrative=illustrative,
        )
    people = _people(admin, units, random.Random(2026))  # noqa: S311 - demo names, not secrets
    user_create(
        actor=admin,
        username=data.VIEWER[0],
        password=data.DEMO_PASSWORD,
        role=Role.VIEWER,
        full_name=data.VIEWER[1],
    )
    officers = {
        unit.pk: user_create(
            actor=admin,
            username=code,
            password=data.DEMO_PASSWORD,
            role=Role.UNIT_OFFICER,
            full_name=f"Cán bộ {unit.display_name}",
            unit=unit,
        )
        for code, unit in units.items()
    }
    if stage != "org":
        load_cycle(admin, officers, log, scores=stage in ("scoring", "meeting", "awards"))
    if stage in ("meeting", "awards"):
        load_meetings(admin, officers, log)
    log(
        f"Demo: {len(provinces)} tỉnh, {len(units)} đơn vị, {len(blocs)} khối, {len(data.SEASONS)} năm thi đua, "
        f"{people} cá nhân, {User.objects.count()} tài khoản."
    )
    if stage == "awards":
        load_awards(admin, log, carried=carried_outcomes())
        load_dossiers(admin, officers, log)
        load_deadlines(admin, log)
        load_honour_boards(admin, log)


def demo_accounts() -> list[tuple[str, str, str]]:
    """(username, role label, scope) of every demo account, for `make run` and the README."""
    rows = []
    order = {Role.BOARD_ADMIN: 0, Role.VIEWER: 1, Role.UNIT_OFFICER: 2}
    users = User.objects.select_related("unit", "province").order_by("username")
    for user in sorted(users, key=lambda u: (order.get(Role(u.role), 3), u.username)):
        scope = (
            user.unit.name if user.unit else (user.province.name if user.province else "Toàn quốc")
        )
        rows.append((user.username, user.get_role_display(), scope))
    return rows
