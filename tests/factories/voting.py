"""A bloc meeting ready to vote: a season of n members with an officer each, the board, a
counting committee of keyers and a started meeting with everyone present (by default)."""

import datetime
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
from thidua.voting import services
from thidua.voting.models import Meeting


@dataclass
class MeetingWorld:
    province: Province
    season: Season
    units: list[Unit]
    officers: dict[int, User]  # unit pk → officer
    board: User
    keyers: list[User]
    meeting: Meeting
    outsider: User  # officer of a unit in another bloc of the same province
    foreign_board: User  # board of another province
    extra: dict = field(default_factory=dict)

    @property
    def leader_officer(self) -> User:
        return self.officers[self.units[0].pk]

    def officer(self, i: int) -> User:
        return self.officers[self.units[i].pk]


def meeting_world(
    n: int = 5, *, year: int = 2023, present: int | None = None, keyers: int = 2
) -> MeetingWorld:
    province = ProvinceFactory()
    season = SeasonFactory(bloc=BlocFactory(province=province), year=year)
    units = [UnitFactory(province=province, name=f"Đơn vị {i + 1:02d}") for i in range(n)]
    for unit in units:
        SeasonMembershipFactory(season=season, unit=unit)
    season.leader = units[0]
    season.deputy = units[1] if n > 1 else None
    season.save()
    officers = {u.pk: UserFactory(role=Role.UNIT_OFFICER, unit=u, province=province) for u in units}
    board = UserFactory(role=Role.BOARD_ADMIN, province=province)
    other_season = SeasonFactory(bloc=BlocFactory(province=province), year=year)
    other_unit = UnitFactory(province=province)
    SeasonMembershipFactory(season=other_season, unit=other_unit)
    outsider = UserFactory(role=Role.UNIT_OFFICER, unit=other_unit, province=province)
    foreign_board = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())
    meeting = services.meeting_create(
        actor=board,
        season=season,
        held_on=datetime.date(year, 12, 1),
        place="Hội trường",
        place_name="Nam Định",
        chair_name="Ngô Văn Liên",
        chair_title="Trưởng khối",
        secretary_name="Trần Thị Thơ",
    )
    present_units = units if present is None else units[:present]
    for unit in present_units:
        services.attendance_set(
            actor=board,
            meeting=meeting,
            unit=unit,
            present=True,
            delegate_name=f"Đại biểu {unit.name}",
        )
    keyer_users = []
    for i in range(keyers):
        user = UserFactory(role=Role.VIEWER, province=province)
        services.committee_add(
            actor=board,
            meeting=meeting,
            full_name=f"Kiểm phiếu viên {i + 1}",
            role="head" if i == 0 else "member",
            user=user,
        )
        keyer_users.append(user)
    return MeetingWorld(
        province=province,
        season=season,
        units=units,
        officers=officers,
        board=board,
        keyers=keyer_users,
        meeting=meeting,
        outsider=outsider,
        foreign_board=foreign_board,
    )
