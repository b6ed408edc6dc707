"""The demo year-end meetings, run through the voting services as the people who would do it.

Two meetings follow seed reports: Nam Định's party bloc on 01/12/2022 (seed 001) and Yên Bái's
general bloc on 20/01/2022 (seed 003). The seeds give the number of units proposed per award and
the units elected leader / deputy for the following year; which units receive the flags and
certificates, the attendance, the counting committee and every ballot are illustrative, so the
meetings are flagged `is_illustrative`. A third meeting, Nam Định's party bloc for 2023, is left
in progress with a nomination poll open for the live demo.

The leader unit's officer presides (BLK-06): creates the meeting, takes attendance, sets up,
opens and closes the polls. Each member unit's officer votes online; the delegates of a few
units vote on paper, each sheet keyed by two members of the counting committee. Votes are
deterministic: most units vote for the units chosen, two units per poll vote otherwise.
"""

import datetime
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils import timezone

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.accounts.services.users import user_create
from thidua.org.demo import data
from thidua.org.models import Person, Season, Unit
from thidua.voting.enums import CommitteeRole, PollKind
from thidua.voting.models import Candidate, Meeting, Poll
from thidua.voting.services import (
    attendance_set,
    ballot_cast,
    committee_add,
    meeting_create,
    meeting_end,
    meeting_update,
    paper_issue,
    paper_key,
    poll_close,
    poll_create,
    poll_open,
)

CO_CP = "co_thi_dua_chinh_phu"
CO_TINH = "co_thi_dua_ubnd_tinh"
BANG_KHEN = "bang_khen_chu_tich_ubnd_tinh"

# Accounts of the counting committee: they key paper ballots at every demo meeting.
KEYERS = [
    ("kiemphieu1", "Thành viên ban kiểm phiếu 1 (minh hoạ)"),
    ("kiemphieu2", "Thành viên ban kiểm phiếu 2 (minh hoạ)"),
]

PARTY_BLOC = "Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy"
YB_BLOC = "Khối thi đua các cơ quan tổng hợp"


@dataclass(frozen=True)
class MeetingPlan:
    bloc: str
    year: int
    held_on: datetime.date
    title: str
    place: str
    place_name: str
    chair_name: str
    chair_title: str
    note: str
    # (award type, seats) in voting order: the provincial flag before the Government's, which
    # is chosen among the units proposed for the provincial flag (BLK-10).
    awards: tuple[tuple[str, int], ...]
    override_reason: str = ""
    elect_leader: str = ""  # unit code the meeting elects leader for the following year
    elect_deputy: str = ""
    paper_units: tuple[str, ...] = ()  # delegates voting on paper


PLANS = [
    MeetingPlan(
        bloc=PARTY_BLOC,
        year=2022,
        held_on=datetime.date(2022, 12, 1),
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022 – Khối thi đua các Ban, "
        "cơ quan của Đảng",
        place="",
        place_name="Nam Định",
        chair_name="Ngô Văn Liên",
        chair_title="Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy – Trưởng Khối thi đua "
        "năm 2022",
        note="Seed 001 (bản tin 02/12/2022): hội nghị chiều 01/12/2022 do đồng chí Ngô Văn Liên chủ "
        "trì; khối đề nghị 01 Cờ thi đua của Chính phủ, 02 Cờ thi đua của UBND tỉnh, 03 Bằng khen "
        "của Chủ tịch UBND tỉnh và bầu Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh làm Trưởng "
        "Khối năm 2023. Đơn vị được đề nghị (theo xếp hạng năm 2022), điểm danh, ban kiểm phiếu "
        "và từng phiếu bầu là minh hoạ.",
        awards=((CO_TINH, 2), (CO_CP, 1), (BANG_KHEN, 3)),
        override_reason="Theo kết quả hội nghị khối ngày 01/12/2022 (seed 001): khối đề nghị "
        "02 Cờ thi đua của UBND tỉnh.",
        elect_leader="nd-dukcqdn",
        paper_units=("nd-bao", "nd-tct", "nd-bbvsk"),
    ),
    MeetingPlan(
        bloc=YB_BLOC,
        year=2021,
        held_on=datetime.date(2022, 1, 20),
        title="Hội nghị tổng kết phong trào thi đua năm 2021, triển khai nhiệm vụ năm 2022",
        place="Sở Kế hoạch và Đầu tư tỉnh Yên Bái",
        place_name="Yên Bái",
        chair_name="",
        chair_title="",
        note="Seed 003 (bản tin 21/01/2022): hội nghị ngày 20/01/2022 tại Sở Kế hoạch và Đầu tư; "
        "đồng chí Trần Thanh Chương, Phó Giám đốc Sở Kế hoạch và Đầu tư báo cáo tổng kết; khối "
        "suy tôn đề nghị Cờ thi đua của Chính phủ cho 01 tập thể, Cờ thi đua của UBND tỉnh cho 01 "
        "tập thể, Bằng khen cho 02 tập thể; bầu Sở Tài chính làm Trưởng Khối, Văn phòng UBND tỉnh "
        "làm Phó trưởng Khối năm 2022. Năm 2021 chưa chấm điểm trên hệ thống: đơn vị được đề "
        "nghị, điểm danh, ban kiểm phiếu và từng phiếu bầu là minh hoạ.",
        awards=((CO_TINH, 1), (CO_CP, 1), (BANG_KHEN, 2)),
        elect_leader="yb-stc",
        elect_deputy="yb-vpubnd",
        paper_units=("yb-stp", "yb-ttr"),
    ),
]

OPEN_PLAN = MeetingPlan(
    bloc=PARTY_BLOC,
    year=2023,
    held_on=datetime.date(2023, 12, 5),
    title="",
    place="Hội trường Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh",
    place_name="Nam Định",
    chair_name="",
    chair_title="Trưởng Khối thi đua năm 2023",
    note="Hội nghị minh hoạ để trình diễn: cuộc bỏ phiếu suy tôn Cờ thi đua của UBND tỉnh đang "
    "mở, một số đơn vị đã bỏ phiếu trực tuyến.",
    awards=((CO_TINH, 1),),
)
# Units that have already voted in the open poll; any other member's officer may still vote.
OPEN_VOTERS = ("nd-ubkt", "nd-bnc", "nd-bao", "nd-vptu")


@dataclass
class _Context:
    officers: dict[int, User]
    keyers: list[User]
    awarded: set[int]  # units proposed at this meeting (one award per achievement, GEN-07)
    flagged: list[int]  # units proposed for the provincial flag, in preference order


def _season(plan: MeetingPlan) -> Season:
    return Season.objects.select_related("bloc").get(bloc__name=plan.bloc, year=plan.year)


def _members(season: Season) -> list[Unit]:
    return [m.unit for m in season.memberships.select_related("unit").order_by("unit__name")]


def _delegate(unit: Unit) -> tuple[str, str]:
    person = Person.objects.filter(unit=unit).order_by("pk").first()
    return (person.full_name, person.position) if person is not None else ("", "")


def _setup(plan: MeetingPlan, season: Season, ctx: _Context) -> Meeting:
    """The meeting, everyone present with a delegate, and a counting committee of three."""
    leader = ctx.officers[season.leader_id]  # type: ignore[index]
    meeting = meeting_create(
        actor=leader,
        season=season,
        title=plan.title,
        held_on=plan.held_on,
        place=plan.place,
        place_name=plan.place_name,
        chair_name=plan.chair_name,
        chair_title=plan.chair_title,
        note=plan.note,
        is_illustrative=True,
    )
    members = _members(season)
    for unit in members:
        name, title = _delegate(unit)
        attendance_set(
            actor=leader,
            meeting=meeting,
            unit=unit,
            present=True,
            delegate_name=name,
            delegate_title=title,
        )
    # The committee: the head from the leader unit, two members with keying accounts.
    head = next(u for u in members if u.pk == season.leader_id)
    others = [u for u in members if u.pk not in (season.leader_id, season.deputy_id)]
    rows: list[tuple[Unit, str, User | None]] = [(head, CommitteeRole.HEAD, None)]
    rows += [(others[i], CommitteeRole.MEMBER, keyer) for i, keyer in enumerate(ctx.keyers)]
    for unit, role, user in rows:
        person = Person.objects.filter(unit=unit, is_illustrative=True).order_by("pk").first()
        assert person is not None
        committee_add(
            actor=leader,
            meeting=meeting,
            full_name=person.full_name,
            title=f"{person.position}, {unit.name}",
            role=role,
            user=user,
        )
    return meeting


def _preference(poll: Poll, season: Season) -> list[Candidate]:
    """Selectable candidates, best first: the ranking; unranked, the leader, the deputy, then
    the list order (the bloc leader is the one proposed for the provincial flag, COL-03)."""
    rows = list(poll.candidates.filter(selectable=True).select_related("unit").order_by("order"))
    # A season scored on the system ranks its units; an unscored one has every unit tied.
    if len({c.rank for c in rows if c.rank is not None}) > 1:
        return rows
    first = {season.leader_id: 0, season.deputy_id: 1}
    return sorted(rows, key=lambda c: (first.get(c.unit_id, 2), c.order))


def _chosen(poll: Poll, season: Season, code: str, ctx: _Context) -> list[Candidate]:
    prefs = _preference(poll, season)
    if poll.kind != PollKind.NOMINATION:
        return [c for c in prefs if c.unit.code == code]
    if poll.award_type == CO_CP:
        pool = sorted(
            (c for c in prefs if c.unit_id in ctx.flagged),
            key=lambda c: ctx.flagged.index(c.unit_id),
        )
    else:
        pool = [c for c in prefs if c.unit_id not in ctx.awarded]
    return pool[: poll.seats]


def _ballots(
    poll: Poll, voters: Sequence[Unit], chosen: Sequence[Candidate], season: Season
) -> dict[int, list[int]]:
    """Each unit's ballot: the chosen units; two units swap the last of them for another."""
    others = [c for c in _preference(poll, season) if c not in chosen]
    # Seeded by the poll's place in the demo, not by ids: the same votes on every database.
    rng = random.Random(f"{season.bloc.name}/{season.year}/{poll.order}")  # noqa: S311
    dissenters = rng.sample(range(len(voters)), k=2) if others else []
    ballots = {}
    for i, unit in enumerate(voters):
        choice = [c.pk for c in chosen]
        if i in dissenters:
            choice[-1] = others[dissenters.index(i) % len(others)].pk
        ballots[unit.pk] = choice
    return ballots


def _vote(
    poll: Poll,
    members: Sequence[Unit],
    ballots: dict[int, list[int]],
    paper: Sequence[str],
    ctx: _Context,
) -> None:
    for unit in members:
        if unit.code not in paper and unit.pk in ballots:
            ballot_cast(actor=ctx.officers[unit.pk], poll=poll, choices=ballots[unit.pk])
    on_paper = [u for u in members if u.code in paper and u.pk in ballots]
    if not on_paper:
        return
    paper_issue(actor=ctx.keyers[0], poll=poll, units=on_paper)
    for number, unit in enumerate(on_paper, start=1):
        for keyer in ctx.keyers:
            paper_key(actor=keyer, poll=poll, number=number, choices=ballots[unit.pk])


def _run_poll(
    meeting: Meeting,
    plan: MeetingPlan,
    ctx: _Context,
    *,
    kind: str,
    award_type: str = "",
    seats: int = 1,
    code: str = "",
) -> Poll:
    """Set up, open, vote and close one poll; check the outcome is the one planned."""
    season = meeting.season
    leader = ctx.officers[season.leader_id]  # type: ignore[index]
    poll = poll_create(
        actor=leader,
        meeting=meeting,
        kind=kind,
        award_type=award_type,
        seats=seats,
        override_reason=plan.override_reason if award_type == CO_TINH and seats > 1 else "",
    )
    poll_open(actor=leader, poll=poll)
    chosen = _chosen(poll, season, code, ctx)
    members = _members(season)
    _vote(poll, members, _ballots(poll, members, chosen, season), plan.paper_units, ctx)
    poll = poll_close(actor=leader, poll=poll)
    if sorted(poll.result.get("elected", [])) != sorted(c.pk for c in chosen):
        raise RuntimeError(f"Demo: kết quả “{poll.title}” khác dự kiến: {poll.result}")
    if award_type == CO_TINH:
        ctx.flagged.extend(c.unit_id for c in chosen)
    if award_type in (CO_TINH, BANG_KHEN):
        ctx.awarded.update(c.unit_id for c in chosen)
    return poll


def _closed_meeting(plan: MeetingPlan, officers: dict[int, User], keyers: list[User]) -> int:
    ctx = _Context(officers=officers, keyers=keyers, awarded=set(), flagged=[])
    season = _season(plan)
    meeting = _setup(plan, season, ctx)
    polls = 0
    for award_type, seats in plan.awards:
        _run_poll(meeting, plan, ctx, kind=PollKind.NOMINATION, award_type=award_type, seats=seats)
        polls += 1
    for kind, code in ((PollKind.LEADER, plan.elect_leader), (PollKind.DEPUTY, plan.elect_deputy)):
        if code:
            _run_poll(meeting, plan, ctx, kind=kind, code=code)
            polls += 1
    leader = officers[season.leader_id]  # type: ignore[index]
    meeting_end(actor=leader, meeting=meeting)
    # The times of the real meeting (afternoon, illustrative), not the moment the demo loads.
    day, zone = plan.held_on, timezone.get_default_timezone()
    meeting_update(
        actor=leader,
        meeting=meeting,
        started_at=datetime.datetime(day.year, day.month, day.day, 14, 0, tzinfo=zone),
        ended_at=datetime.datetime(day.year, day.month, day.day, 16, 30, tzinfo=zone),
    )
    return polls


def _open_meeting(officers: dict[int, User], keyers: list[User]) -> Poll:
    """Nam Định's party bloc, 2023: in progress, the provincial flag poll open, four ballots in."""
    ctx = _Context(officers=officers, keyers=keyers, awarded=set(), flagged=[])
    season = _season(OPEN_PLAN)
    meeting = _setup(OPEN_PLAN, season, ctx)
    leader = officers[season.leader_id]  # type: ignore[index]
    ((award_type, seats),) = OPEN_PLAN.awards
    poll = poll_create(
        actor=leader, meeting=meeting, kind=PollKind.NOMINATION, award_type=award_type, seats=seats
    )
    poll_open(actor=leader, poll=poll)
    (first, *_rest) = _preference(poll, season)
    for unit in _members(season):
        if unit.code in OPEN_VOTERS:
            ballot_cast(actor=officers[unit.pk], poll=poll, choices=[first.pk])
    return poll


def load_meetings(
    admin: User, officers: dict[int, User], log: Callable[[str], None] = print
) -> None:
    """The seed 001 and 003 meetings (closed, with proposals and next year's leader / deputy)
    and the open 2023 meeting; creates the two keying accounts of the counting committee."""
    keyers = [
        user_create(
            actor=admin,
            username=username,
            password=data.DEMO_PASSWORD,
            role=Role.VIEWER,
            full_name=full_name,
        )
        for username, full_name in KEYERS
    ]
    polls = sum(_closed_meeting(plan, officers, keyers) for plan in PLANS)
    open_poll = _open_meeting(officers, keyers)
    log(
        f"Demo: {len(PLANS) + 1} hội nghị tổng kết, {polls} cuộc bỏ phiếu đã kết thúc; "
        f"“{open_poll.title}” đang mở. Tài khoản ban kiểm phiếu: "
        f"{', '.join(u for u, _n in KEYERS)}."
    )
