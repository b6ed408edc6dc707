"""The setup shared by the summary report's tests (tests/reports/test_summary*.py): a bloc's season
of n member units (n ≤ 10) with everything the report reads, one or more rows per member, so that
a bloc of 2 and a bloc of 10 differ only in size.

Rows are made directly (test setup, as tests/factories/dossiers.seed_world does). Every member
gets a scorecard, a covenant signature, a registration, an attendance, a candidate line in each
poll with its votes, a collective registry line and a person with a registry line; the first
member is leader and elected for a provincial flag (a proposal decided by a decision), the second
is deputy and the third (when there is one) gets a proposal still with the board. The year-end
meeting is closed (pass `closed=False` for an unfinished season, the report then a draft), with a
nomination poll and the election of next year's leader; next season names its leader and deputy.
Users: the province's board, a viewer, a member unit's officer, another province's board and an
officer of another province.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from django.utils import timezone

from tests.factories import (
    BlocFactory,
    PersonFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from tests.factories.covenants import covenant_with_table
from thidua.accounts.enums import Role
from thidua.awards.models import AwardRecord
from thidua.covenants.models import CovenantItem, CovenantSignature, Movement, Registration
from thidua.decisions.models import Decision, DecisionLine
from thidua.dossiers.models import Proposal, ProposalStatus
from thidua.org.models import Season
from thidua.scoring.models import Score, Scorecard
from thidua.voting.enums import MeetingStatus, PollKind, PollStatus
from thidua.voting.models import Attendance, Candidate, Meeting, Poll

pytestmark = pytest.mark.integration

NAMES = (
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh",
    "Báo Nam Định",
    "Trường Chính trị Trường Chinh",
    "Ban Bảo vệ chăm sóc sức khỏe cán bộ tỉnh",
)
BLOC = "Khối thi đua các Ban, cơ quan của Đảng"
TINH = "co_thi_dua_ubnd_tinh"
BK = "bang_khen_chu_tich_ubnd_tinh"
MEETING_DAY = datetime.date(2022, 12, 1)
SIGNED_ON = datetime.date(2022, 2, 15)
ITEMS = (
    "Thực hiện thắng lợi các chỉ tiêu, nhiệm vụ chính trị được giao",
    "Đẩy mạnh cải cách hành chính, chuyển đổi số",
)
THRESHOLD = {"id": "VOT-13", "citation": "Khoản 7 Điều 30 NĐ 98/2023/NĐ-CP"}
_provinces = iter(range(10**6))


@dataclass
class SummaryWorld:
    province: Any
    season: Season
    units: list[Any]
    board: Any
    viewer: Any
    officer: Any  # an officer of the last member unit
    foreign_board: Any
    foreign_officer: Any
    meeting: Any = None
    polls: dict[str, Any] = field(default_factory=dict)
    proposals: list[Any] = field(default_factory=list)
    decision: Any = None

    @property
    def n(self) -> int:
        return len(self.units)


def _votes(n: int, i: int) -> int:
    """The first member gets everyone's vote, the second all but one, the rest one less each."""
    return max(n - i, 0)


def _poll(world: SummaryWorld, kind: str, order: int, award: str = "") -> Poll:
    n = world.n
    poll = Poll.objects.create(
        meeting=world.meeting,
        kind=kind,
        award_type=award,
        title=(
            "Bình xét, suy tôn đề nghị Cờ thi đua của UBND tỉnh năm 2022"
            if kind == PollKind.NOMINATION
            else "Bầu Trưởng khối năm 2023"
        ),
        seats=1,
        status=PollStatus.CLOSED,
        members_count=n,
        present_count=n,
        threshold_share="1/2",
        threshold_strict=True,
        rule_ids={"threshold": THRESHOLD},
        order=order,
    )
    candidates = [
        Candidate.objects.create(poll=poll, unit=u, order=i) for i, u in enumerate(world.units)
    ]
    # The leader election goes to the deputy (units[1]), the nomination to the leader.
    winner = 1 if kind == PollKind.LEADER and n > 1 else 0
    votes = [_votes(n, i) for i in range(n)]
    if winner:
        votes[0], votes[1] = votes[1], votes[0]
    required = n // 2 + 1
    rows = [
        {
            "id": c.pk,
            "votes": v,
            "share": f"{v}/{n}",
            "share_pct": round(100 * v / n, 2),
            "passes_threshold": v >= required,
            "elected": i == winner,
            "tied": False,
            "decided_by": "VOT-13",
        }
        for i, (c, v) in enumerate(zip(candidates, votes, strict=True))
    ]
    rows.sort(key=lambda row: -row["votes"])
    poll.result = {
        "cast": n,
        "valid": n,
        "blank": 0,
        "spoiled": 0,
        "base": n,
        "required": required,
        "seats_left": 0,
        "elected": [candidates[winner].pk],
        "tied": [],
        "notes": [],
        "candidates": rows,
        "members": n,
        "present": n,
        "issued": n,
        "rules": {"threshold": THRESHOLD},
    }
    poll.closed_at = timezone.now()
    poll.save()
    return poll


def _organise(world: SummaryWorld) -> None:
    season, units = world.season, world.units
    covenant = covenant_with_table(season)
    covenant.signing_date = SIGNED_ON
    covenant.status = "locked"
    covenant.save()
    for order, text in enumerate(ITEMS, start=1):
        CovenantItem.objects.create(covenant=covenant, order=order, text=text)
    leaves = list(covenant.criteria.filter(kind="criterion", children__isnull=True))
    for i, unit in enumerate(units):
        CovenantSignature.objects.create(
            covenant=covenant, unit=unit, signed_by=world.board, signed_at=timezone.now()
        )
        Registration.objects.create(
            season=season,
            unit=unit,
            targets="Hoàn thành xuất sắc nhiệm vụ năm 2022",
            aimed_titles=["Cờ thi đua của UBND tỉnh"] if i == 0 else ["Tập thể lao động xuất sắc"],
            status="approved",
        )
        card = Scorecard.objects.create(season=season, unit=unit, status="final")
        for leaf in leaves:
            Score.objects.create(
                scorecard=card, criterion=leaf, self_score=leaf.max_points - Decimal(i)
            )
    movement = Movement.objects.create(
        province=world.province,
        name="Văn hóa công sở giai đoạn 2019-2025",
        kind="thematic",
        launched_by="Ủy ban nhân dân tỉnh",
        start_date=datetime.date(2019, 3, 1),
        end_date=datetime.date(2025, 12, 31),
    )
    movement.blocs.add(season.bloc)
    other = Movement.objects.create(  # another bloc's: not in the report
        province=world.province,
        name="Phong trào của khối khác",
        kind="ad_hoc",
        start_date=datetime.date(2022, 5, 1),
    )
    other.blocs.add(BlocFactory(province=world.province))
    Movement.objects.create(  # another year's: not in the report
        province=world.province,
        name="Phong trào năm 2020",
        kind="thematic",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )


def _meet(world: SummaryWorld, *, closed: bool) -> None:
    season, units = world.season, world.units
    world.meeting = Meeting.objects.create(
        season=season,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022",
        held_on=MEETING_DAY,
        place="Hội trường Ban Tuyên giáo Tỉnh ủy",
        place_name="Nam Định",
        chair_name="Ngô Văn Liên",
        chair_title="Trưởng Ban Tuyên giáo Tỉnh ủy",
        secretary_name="Vũ Thị Hạnh",
        status=MeetingStatus.CLOSED if closed else MeetingStatus.IN_PROGRESS,
    )
    for unit in units:
        Attendance.objects.create(meeting=world.meeting, unit=unit, present=True)
    world.polls["nomination"] = _poll(world, PollKind.NOMINATION, 1, TINH)
    world.polls["leader"] = _poll(world, PollKind.LEADER, 2)
    following = SeasonFactory(bloc=season.bloc, year=season.year + 1)
    following.leader = units[1] if len(units) > 1 else units[0]
    following.deputy = units[2] if len(units) > 2 else None
    following.save()


def _award(world: SummaryWorld) -> None:
    season, units = world.season, world.units
    poll = world.polls["nomination"]
    flag = Proposal.objects.create(
        season=season,
        unit=units[0],
        award_type=TINH,
        year=season.year,
        status=ProposalStatus.DECIDED,
        source_poll=poll,
        votes=world.n,
        vote_share=Decimal(1),
    )
    world.proposals.append(flag)
    if len(units) > 2:
        world.proposals.append(
            Proposal.objects.create(
                season=season,
                unit=units[2],
                award_type=BK,
                year=season.year,
                status=ProposalStatus.RECEIVED,
            )
        )
    world.decision = Decision.objects.create(
        province=world.province,
        number="135/QĐ-UBND",
        date=datetime.date(2023, 1, 16),
        signer_name="Phạm Đình Nghị",
        signer_title="Chủ tịch",
        authority="Chủ tịch UBND tỉnh Nam Định",
    )
    record = AwardRecord.objects.create(
        unit=units[0],
        award_type=TINH,
        year=season.year,
        decision_number="135/QĐ-UBND",
        decision_date=world.decision.date,
        issuer="Chủ tịch UBND tỉnh Nam Định",
    )
    DecisionLine.objects.create(decision=world.decision, proposal=flag, award_record=record)
    for unit in units:
        AwardRecord.objects.create(
            unit=unit,
            award_type="tap_the_lao_dong_tien_tien",
            year=season.year,
            decision_number="32-QĐ/TU",
            decision_date=datetime.date(2023, 1, 15),
        )
        AwardRecord.objects.create(
            person=PersonFactory(unit=unit), award_type="lao_dong_tien_tien", year=season.year
        )
    AwardRecord.objects.create(  # another year's: not in the report
        unit=units[0], award_type=BK, year=season.year - 1, decision_number="9/QĐ-UBND"
    )
    AwardRecord.objects.create(  # revoked: not in the report
        unit=units[0], award_type=BK, year=season.year, revoked=True
    )


def summary_world(
    n: int = 4, *, year: int = 2022, closed: bool = True, complete: bool = True
) -> SummaryWorld:
    """A season of `n` members (see the module's docstring); `complete=False` gives the bare
    season (members, leader and deputy only), as a bloc that has done nothing on the system."""
    index = next(_provinces)
    province = ProvinceFactory(code=f"tinh-bctk-{index}", name=f"Nam Định {index}")
    season = SeasonFactory(bloc=BlocFactory(province=province, name=BLOC), year=year)
    units = [UnitFactory(province=province, name=name) for name in NAMES[:n]]
    for unit in units:
        SeasonMembershipFactory(season=season, unit=unit)
    season.leader = units[0]
    season.deputy = units[1] if n > 1 else None
    season.save()
    foreign = ProvinceFactory()
    world = SummaryWorld(
        province=province,
        season=season,
        units=units,
        board=UserFactory(role=Role.BOARD_ADMIN, province=province),
        viewer=UserFactory(role=Role.VIEWER, province=province),
        officer=UserFactory(role=Role.UNIT_OFFICER, unit=units[-1], province=province),
        foreign_board=UserFactory(role=Role.BOARD_ADMIN, province=foreign),
        foreign_officer=UserFactory(
            role=Role.UNIT_OFFICER, unit=UnitFactory(province=foreign), province=foreign
        ),
    )
    if complete:
        _organise(world)
        _meet(world, closed=closed)
        _award(world)
    return world


# --- the world is what the docstring says --------------------------------------------------------


@pytest.mark.django_db
def test_world_has_a_row_per_member_of_everything_the_report_reads():
    world = summary_world(3)

    season = world.season
    assert season.memberships.count() == 3
    assert Registration.objects.filter(season=season).count() == 3
    assert Scorecard.objects.filter(season=season).count() == 3
    assert Candidate.objects.filter(poll__meeting=world.meeting).count() == 2 * 3
    assert Fraction(world.polls["nomination"].result["candidates"][0]["share"]) == 1
    assert [p.status for p in world.proposals] == [ProposalStatus.DECIDED, ProposalStatus.RECEIVED]
