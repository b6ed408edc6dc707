"""One setup shared by the endpoint, permission and scoping tests (OpenSlides' base_permission_test).

Province `home` holds a bloc with a 2023 season (leader, deputy and a plain member), a person in
the member unit, spare units and an empty bloc; province `away` has its own unit, bloc and season.
"""

from dataclasses import dataclass, field

from tests.api.conftest import ApiClient
from tests.factories import (
    BlocFactory,
    PersonFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.org.models import Bloc, Person, Province, Season, Unit

ROLES = (
    "board",
    "other_board",
    "officer",
    "other_officer",
    "leader_officer",
    "viewer",
    "anonymous",
)


@dataclass
class World:
    home: Province
    away: Province
    leader: Unit
    deputy: Unit
    member: Unit
    spare: Unit
    spare2: Unit
    away_unit: Unit
    bloc: Bloc
    empty_bloc: Bloc
    away_bloc: Bloc
    season: Season
    away_season: Season
    person: Person
    away_person: Person
    users: dict[str, User | None] = field(default_factory=dict)

    def client(self, role: str) -> ApiClient:
        user = self.users[role]
        client = ApiClient()
        return client if user is None else client.login(user)


def build_world() -> World:
    home, away = ProvinceFactory(), ProvinceFactory()
    leader, deputy, member, spare, spare2 = (UnitFactory(province=home) for _ in range(5))
    away_unit = UnitFactory(province=away)
    bloc = BlocFactory(province=home)
    season = SeasonFactory(bloc=bloc, year=2023)
    for unit in (leader, deputy, member):
        SeasonMembershipFactory(season=season, unit=unit)
    season.leader, season.deputy = leader, deputy
    season.save()
    away_bloc = BlocFactory(province=away)
    away_season = SeasonFactory(bloc=away_bloc, year=2023)
    SeasonMembershipFactory(season=away_season, unit=away_unit)
    world = World(
        home=home,
        away=away,
        leader=leader,
        deputy=deputy,
        member=member,
        spare=spare,
        spare2=spare2,
        away_unit=away_unit,
        bloc=bloc,
        empty_bloc=BlocFactory(province=home),
        away_bloc=away_bloc,
        season=season,
        away_season=away_season,
        person=PersonFactory(unit=member),
        away_person=PersonFactory(unit=away_unit),
    )
    world.users = {
        "board": UserFactory(role=Role.BOARD_ADMIN, province=home),
        "other_board": UserFactory(role=Role.BOARD_ADMIN, province=away),
        "officer": UserFactory(role=Role.UNIT_OFFICER, unit=member, province=home),
        "other_officer": UserFactory(role=Role.UNIT_OFFICER, unit=spare, province=home),
        "leader_officer": UserFactory(role=Role.UNIT_OFFICER, unit=leader, province=home),
        "viewer": UserFactory(role=Role.VIEWER, province=home),
        "anonymous": None,
    }
    return world
