"""Builders of a province at every step of the yearly cycle, for the dashboard's tests (no tests
here). Rows are written directly: the dashboard only reads them."""

import datetime
import itertools
from dataclasses import dataclass, field

from tests.factories import (
    BlocFactory,
    PersonFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from tests.factories.covenants import CovenantFactory, RegistrationFactory, ScorecardFactory
from tests.factories.dossiers import ProposalFactory
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.awards.models import AwardRecord
from thidua.covenants.enums import CovenantStatus, RegistrationStatus
from thidua.covenants.models import Covenant, CovenantSignature
from thidua.decisions.models import Decision, DecisionLine
from thidua.dossiers.models import Proposal, ProposalStatus
from thidua.org.models import Province, Season, Unit
from thidua.scoring.enums import ScorecardStatus
from thidua.voting.enums import MeetingStatus, PollKind, PollStatus
from thidua.voting.models import Meeting, Poll

YEAR = 2024
TODAY = datetime.date(2024, 6, 15)
FLAG = "co_thi_dua_ubnd_tinh"
MERIT = "bang_khen_chu_tich_ubnd_tinh"
WORKER = "lao_dong_tien_tien"
_numbers = itertools.count(1)


@dataclass
class Bloc:
    season: Season
    units: list[Unit]
    covenant: Covenant | None = None
    meeting: Meeting | None = None
    proposals: list[Proposal] = field(default_factory=list)


def board_of(province: Province) -> User:
    return UserFactory(role=Role.BOARD_ADMIN, province=province)


def bloc(province: Province, n: int = 3, *, year: int = YEAR) -> Bloc:
    season = SeasonFactory(bloc=BlocFactory(province=province), year=year)
    units = [UnitFactory(province=province) for _ in range(n)]
    for unit in units:
        SeasonMembershipFactory(season=season, unit=unit)
    season.leader = units[0]
    season.save()
    return Bloc(season=season, units=units)


def covenant(
    world: Bloc,
    *,
    status: str = CovenantStatus.SIGNING,
    signed: int = 0,
    signing: datetime.date | None = None,
    registration: datetime.date | None = None,
    scoring: datetime.date | None = None,
    objection: datetime.date | None = None,
) -> Covenant:
    signer = UserFactory(role=Role.BOARD_ADMIN, province=world.season.bloc.province)
    world.covenant = CovenantFactory(
        season=world.season,
        status=status,
        signing_date=signing,
        registration_deadline=registration,
        scoring_deadline=scoring,
        objection_deadline=objection,
    )
    for unit in world.units[:signed]:
        CovenantSignature.objects.create(
            covenant=world.covenant,
            unit=unit,
            signed_by=signer,
            signed_at=datetime.datetime(YEAR, 2, 1, tzinfo=datetime.UTC),
        )
    return world.covenant


def registrations(world: Bloc, *statuses: str) -> None:
    for unit, status in zip(world.units, statuses, strict=False):
        RegistrationFactory(season=world.season, unit=unit, status=status)


def scorecards(world: Bloc, *statuses: str) -> None:
    for unit, status in zip(world.units, statuses, strict=False):
        ScorecardFactory(season=world.season, unit=unit, status=status)


def meeting(
    world: Bloc,
    *,
    held_on: datetime.date,
    status: str = MeetingStatus.PLANNED,
    polls: tuple[tuple[str, str], ...] = (),
) -> Meeting:
    world.meeting = Meeting.objects.create(
        season=world.season, title="Hội nghị tổng kết", held_on=held_on, status=status
    )
    for kind, poll_status in polls:
        Poll.objects.create(meeting=world.meeting, kind=kind, title=kind, status=poll_status)
    return world.meeting


def proposal(
    world: Bloc,
    unit_index: int,
    status: str,
    *,
    award_type: str = FLAG,
    due_at: datetime.date | None = None,
) -> Proposal:
    made = ProposalFactory(
        season=world.season,
        unit=world.units[unit_index],
        award_type=award_type,
        year=world.season.year,
        status=status,
        due_at=due_at,
    )
    world.proposals.append(made)
    return made


def record(
    *,
    unit: Unit | None = None,
    person=None,
    award_type: str = FLAG,
    year: int = YEAR,
    revoked: bool = False,
) -> AwardRecord:
    return AwardRecord.objects.create(
        unit=unit, person=person, award_type=award_type, year=year, revoked=revoked
    )


def decide(province: Province, *proposals: Proposal) -> Decision:
    """One decision carrying `proposals` (their status becomes decided) into the registry."""
    decision = Decision.objects.create(
        province=province,
        number=f"{next(_numbers)}/QĐ-UBND",
        date=datetime.date(YEAR, 12, 20),
        signer_name="Nguyễn Văn A",
        authority="Chủ tịch UBND tỉnh",
    )
    for item in proposals:
        item.status = ProposalStatus.DECIDED
        item.save(update_fields=["status"])
        line = record(unit=item.unit, award_type=item.award_type, year=item.year)
        DecisionLine.objects.create(decision=decision, proposal=item, award_record=line)
    return decision


def full_bloc(province: Province, n: int = 3, *, year: int = YEAR) -> Bloc:
    """A bloc with a row at every step (some late), people and registry lines: the query-count
    tests' unit of growth."""
    world = bloc(province, n, year=year)
    covenant(
        world,
        signed=n - 1,
        signing=datetime.date(year, 2, 1),
        registration=datetime.date(year, 3, 1),
        scoring=datetime.date(year, 11, 30),
        objection=datetime.date(year, 12, 10),
    )
    registrations(world, *[RegistrationStatus.APPROVED] * (n - 1), RegistrationStatus.DRAFT)
    scorecards(world, *[ScorecardStatus.SUBMITTED] * n)
    meeting(
        world,
        held_on=datetime.date(year, 5, 1),
        polls=((PollKind.NOMINATION, PollStatus.CLOSED), (PollKind.LEADER, PollStatus.OPEN)),
    )
    proposal(world, 0, ProposalStatus.SUBMITTED, due_at=datetime.date(year, 6, 1))
    approved = proposal(world, 1, ProposalStatus.APPROVED)
    decide(province, approved)
    for unit in world.units:
        record(unit=unit, award_type=MERIT)
        record(person=PersonFactory(unit=unit), award_type=WORKER)
        record(unit=unit, award_type=MERIT, year=year - 1)
    return world


def other_province_with_board() -> tuple[Province, User]:
    province = ProvinceFactory()
    return province, board_of(province)
