"""A province's council ready to review: its board, n members, proposals brought to VALID through
the workflow as the board would (move), and helpers to run a session to its outcome.

Everything goes through the services, so a demo loader can call the same steps."""

import datetime
from dataclasses import dataclass, field

from tests.factories import PersonFactory, ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.decisions import services
from thidua.decisions.enums import CouncilRole
from thidua.decisions.models import Council, CouncilMember, CouncilSession
from thidua.dossiers.models import Proposal, ProposalStatus
from thidua.dossiers.services.transitions import move
from thidua.org.models import Province, Unit

# A day on which VOT-02/03 (NĐ 152/2025 versions), VOT-05 and VOT-06 are all in force.
SESSION_DAY = datetime.date(2026, 1, 20)
MEMBERS_FROM = datetime.date(2025, 1, 1)
ROLES = [CouncilRole.CHAIR, CouncilRole.VICE_CHAIR, CouncilRole.STANDING, CouncilRole.SECRETARY]


@dataclass
class CouncilWorld:
    province: Province
    board: User
    council: Council
    members: list[CouncilMember]
    units: list[Unit]
    officers: dict[int, User]  # unit pk → officer (with an e-mail)
    viewer: User
    foreign_board: User
    extra: dict = field(default_factory=dict)


def council_world(
    n: int = 15, *, units: int = 3, since: datetime.date = MEMBERS_FROM
) -> CouncilWorld:
    province = ProvinceFactory()
    board = UserFactory(role=Role.BOARD_ADMIN, province=province)
    council = services.council_create(
        actor=board, province=province, name=f"Hội đồng Thi đua – Khen thưởng {province.name}"
    )
    members = [
        services.council_member_add(
            actor=board,
            council=council,
            full_name=f"Thành viên {i + 1:02d}",
            title="Giám đốc Sở" if i else "Chủ tịch UBND tỉnh",
            role=ROLES[i] if i < len(ROLES) else CouncilRole.MEMBER,
            active_from=since,
        )
        for i in range(n)
    ]
    unit_rows = [UnitFactory(province=province, name=f"Đơn vị {i + 1:02d}") for i in range(units)]
    officers = {
        u.pk: UserFactory(
            role=Role.UNIT_OFFICER, unit=u, province=province, email=f"canbo{u.pk}@example.vn"
        )
        for u in unit_rows
    }
    return CouncilWorld(
        province=province,
        board=board,
        council=council,
        members=members,
        units=unit_rows,
        officers=officers,
        viewer=UserFactory(role=Role.VIEWER, province=province),
        foreign_board=UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory()),
    )


def valid_proposal(
    board: User,
    *,
    unit: Unit | None = None,
    person=None,
    award_type: str = "co_thi_dua_ubnd_tinh",
    year: int = 2025,
) -> Proposal:
    """A proposal brought draft → submitted → received → valid, as the unit and board would."""
    proposal = Proposal.objects.create(
        unit=unit, person=person, award_type=award_type, year=year, created_by=board
    )
    for status in (ProposalStatus.SUBMITTED, ProposalStatus.RECEIVED, ProposalStatus.VALID):
        move(proposal, status, actor=board)
    return proposal


def person_proposal(board: User, unit: Unit, *, award_type: str, year: int = 2025) -> Proposal:
    return valid_proposal(board, person=PersonFactory(unit=unit), award_type=award_type, year=year)


def run_session(
    world: CouncilWorld,
    proposals: list[Proposal],
    *,
    approvals: int,
    present: int | None = None,
    day: datetime.date = SESSION_DAY,
    override_reason: str = "",
) -> CouncilSession:
    """Open a session, mark the first `present` members present (all by default), key
    `approvals` approvals and the other present members' disapprovals on each proposal (absent
    members approving vote in writing), and close it."""
    present = len(world.members) if present is None else present
    session = services.session_open(
        actor=world.board, council=world.council, date=day, proposals=proposals
    )
    services.session_set_present(
        actor=world.board, session=session, members=world.members[:present]
    )
    voters = world.members[: max(approvals, present)]
    votes = {m.pk: i < approvals for i, m in enumerate(voters)}
    written = [m.pk for m in voters[present:]]
    for proposal in proposals:
        services.session_record_votes(
            actor=world.board, session=session, proposal=proposal, votes=votes, in_writing=written
        )
    return services.session_close(
        actor=world.board, session=session, override_reason=override_reason
    )


def approved_proposals(world: CouncilWorld, count: int = 2, **kwargs) -> list[Proposal]:
    """`count` proposals of the world's units approved by a unanimous session."""
    proposals = [valid_proposal(world.board, unit=world.units[i], **kwargs) for i in range(count)]
    run_session(world, proposals, approvals=len(world.members))
    for proposal in proposals:
        proposal.refresh_from_db()
    return proposals
