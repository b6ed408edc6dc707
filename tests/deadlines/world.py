"""A province with blocs, seasons, officers with e-mail, the board, and people outside it."""

from dataclasses import dataclass, field

from tests.factories import (
    BlocFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.org.models import Province, Season, Unit


@dataclass
class World:
    province: Province
    seasons: list[Season]
    units: list[Unit]
    board: User
    officers: dict[int, User]
    viewer: User
    other_board: User
    other_province: Province
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def season(self) -> Season:
        return self.seasons[0]

    @property
    def leader_officer(self) -> User:
        return self.officers[self.season.leader_id]

    @property
    def member_officer(self) -> User:
        """An officer of a member unit that is not the leader."""
        return self.officers[self.units[1].pk]


def make_world(blocs: int = 1, members: int = 3, year: int = 2023) -> World:
    province = ProvinceFactory(name="Tỉnh Hà Nam Thử")
    other = ProvinceFactory(name="Tỉnh Khác")
    seasons, units = [], []
    for b in range(blocs):
        season = SeasonFactory(
            bloc=BlocFactory(province=province, name=f"Khối thi đua số {b + 1}, các Sở"),
            year=year,
        )
        own = [UnitFactory(province=province) for _ in range(members)]
        for unit in own:
            SeasonMembershipFactory(season=season, unit=unit)
        season.leader = own[0]
        season.deputy = own[1] if members > 1 else None
        season.save()
        seasons.append(season)
        units += own
    officers = {
        unit.pk: UserFactory(
            role=Role.UNIT_OFFICER, unit=unit, province=province, email=f"dv{unit.pk}@example.vn"
        )
        for unit in units
    }
    board = UserFactory(
        username="ban-tinh", role=Role.BOARD_ADMIN, province=province, email="ban@example.vn"
    )
    viewer = UserFactory(username="nguoi-xem", role=Role.VIEWER, province=province)
    other_board = UserFactory(
        username="ban-khac", role=Role.BOARD_ADMIN, province=other, email="khac@example.vn"
    )
    return World(province, seasons, units, board, officers, viewer, other_board, other)
