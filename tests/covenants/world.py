"""One setup for the covenant tests: a home season with leader, deputy and member units and one
officer each, an outsider unit's officer, a board of the province, a board of another province and
a viewer (OpenSlides' base_permission_test)."""

from dataclasses import dataclass, field
from decimal import Decimal

from tests.factories import (
    ProvinceFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
    season_with_members,
)
from tests.factories.covenants import covenant_with_table
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.covenants.models import Covenant
from thidua.org.models import Province, Season, Unit

ROLES = ("board", "leader_officer", "member_officer", "other_officer", "other_board", "viewer")


@dataclass
class World:
    province: Province
    season: Season
    leader: Unit
    member: Unit
    outsider: Unit
    users: dict[str, User] = field(default_factory=dict)

    def user(self, role: str) -> User:
        return self.users[role]

    def covenant(self, total: Decimal = Decimal("100")) -> Covenant:
        return covenant_with_table(self.season, total=total)


def build_world(year: int = 2024) -> World:
    province = ProvinceFactory()
    season = season_with_members(3, year=year, province=province)
    members = list(season.memberships.select_related("unit").order_by("id"))
    leader = season.leader
    member = members[2].unit
    outsider = UnitFactory(province=province)
    away = ProvinceFactory()
    world = World(province=province, season=season, leader=leader, member=member, outsider=outsider)
    world.users = {
        "board": UserFactory(role=Role.BOARD_ADMIN, province=province),
        "leader_officer": UserFactory(role=Role.UNIT_OFFICER, unit=leader, province=province),
        "member_officer": UserFactory(role=Role.UNIT_OFFICER, unit=member, province=province),
        "other_officer": UserFactory(role=Role.UNIT_OFFICER, unit=outsider, province=province),
        "other_board": UserFactory(role=Role.BOARD_ADMIN, province=away),
        "viewer": UserFactory(role=Role.VIEWER, province=province),
    }
    return world


def add_member(season: Season) -> Unit:
    unit = UnitFactory(province=season.bloc.province)
    SeasonMembershipFactory(season=season, unit=unit)
    return unit
