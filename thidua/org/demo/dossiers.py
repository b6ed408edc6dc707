"""The demo dossier workflow (part of the stage "awards"), run through the dossier and decision
services as the people who would do it.

Seed 001 (Nam Định's party bloc, meeting of 01/12/2022) goes all the way: the 2022 leader unit
(Ban Tuyên giáo Tỉnh ủy) files one dossier with the bloc's six proposals and submits it with the
meeting's override reason (the bloc proposed two provincial flags, BLK-09); the board receives
and finds them valid; the province's council (15 members, all present) approves them in a
session of January 2023; the Chairman of the province decides the two provincial flags and the
three Bằng khen, the Prime Minister the Government flag. The registry lines of the six awards
are written by those two decisions (`decision_record`), not by the award history.

Seed 003 (Yên Bái's general bloc, meeting of 20/01/2022) stays before the board: its dossier is
submitted; the two flags are received (appraisal due in TML-01's working days), one Bằng khen is
returned with a reason, the other waits to be received past its due date (TML-02), overdue.

The seeds give the meetings' outcomes only: the letters' numbers and dates, the council's
members, the votes, the decisions' numbers, dates and signers are illustrative (noted on the
dossiers and decisions). The steps run now, as a live demo would; the letters, the session and
the decisions carry their 2022–2023 dates, and the overdue proposal's submission is dated back
so that its time limit has passed.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from thidua.accounts.models import User
from thidua.core.audit import save_audited
from thidua.decisions.enums import CouncilRole
from thidua.decisions.models import Council, CouncilMember, CouncilSession, Decision
from thidua.decisions.services import (
    council_create,
    council_member_add,
    decision_record,
    session_close,
    session_open,
    session_record_votes,
    session_set_present,
)
from thidua.dossiers.models import Dossier, Proposal
from thidua.dossiers.services._common import due_for
from thidua.dossiers.services.board import proposal_validate, proposals_receive, proposals_return
from thidua.dossiers.services.dossiers import dossier_create
from thidua.dossiers.services.submission import RECEIPT_STEP, dossier_submit
from thidua.org.demo.meetings import BANG_KHEN, CO_CP, CO_TINH, PARTY_BLOC, PLANS, YB_BLOC
from thidua.org.models import Province, Season

# (bloc, year) of the seasons whose meeting outcomes the workflow carries (seeds 001 and 003).
SEED_001 = (PARTY_BLOC, 2022)
SEED_003 = (YB_BLOC, 2021)
CARRIED = (SEED_001, SEED_003)
ILLUSTRATIVE = "Dữ liệu mẫu: số, ngày văn bản và người ký là minh hoạ."


@dataclass(frozen=True)
class Letter:
    number: str
    symbol: str
    date: datetime.date
    title: str


LETTERS = {
    SEED_001: Letter(
        "25",
        "TTr-KTĐ",
        datetime.date(2022, 12, 8),
        "Đề nghị khen thưởng tập thể có thành tích xuất sắc trong phong trào thi đua năm 2022 "
        "của Khối thi đua các Ban, cơ quan của Đảng (minh hoạ)",
    ),
    SEED_003: Letter(
        "07",
        "TTr-KTĐTH",
        datetime.date(2022, 1, 26),
        "Đề nghị khen thưởng tập thể có thành tích xuất sắc trong phong trào thi đua năm 2021 "
        "của Khối thi đua các cơ quan tổng hợp (minh hoạ)",
    ),
}
SEED_003_OVERRIDE = (
    "Theo kết quả hội nghị khối ngày 20/01/2022 (seed 003): khối suy tôn đề nghị Cờ thi đua của "
    "Chính phủ, Cờ thi đua của UBND tỉnh và Bằng khen; hồ sơ minh hoạ."
)
RETURN_REASON = (
    "Báo cáo thành tích chưa có xác nhận của cơ quan quản lý cấp trên trực tiếp; đề nghị bổ sung "
    "(minh hoạ)."
)
VALID_NOTE = "Hồ sơ đủ thành phần; đủ điều kiện trình Hội đồng (minh hoạ)."

# Nam Định's council of the 2021–2026 term: (name, title, role). Names illustrative.
COUNCIL_NAME = "Hội đồng Thi đua – Khen thưởng tỉnh Nam Định"
COUNCIL_FROM = datetime.date(2021, 7, 1)
COUNCIL = [
    ("Trần Quang Hưng", "Chủ tịch UBND tỉnh", CouncilRole.CHAIR),
    ("Lê Văn Thịnh", "Phó Chủ tịch UBND tỉnh", CouncilRole.VICE_CHAIR),
    ("Vũ Thị Minh Nguyệt", "Giám đốc Sở Nội vụ", CouncilRole.VICE_CHAIR),
    ("Phạm Văn Khiêm", "Chủ tịch Liên đoàn Lao động tỉnh", CouncilRole.VICE_CHAIR),
    ("Đỗ Thị Thu Hằng", "Phó Giám đốc Sở Nội vụ", CouncilRole.STANDING),
    ("Nguyễn Hữu Tâm", "Chánh Văn phòng UBND tỉnh", CouncilRole.MEMBER),
    ("Hoàng Minh Đức", "Giám đốc Sở Tài chính", CouncilRole.MEMBER),
    ("Bùi Văn Chiến", "Giám đốc Sở Kế hoạch và Đầu tư", CouncilRole.MEMBER),
    ("Trịnh Thị Lan Anh", "Giám đốc Sở Giáo dục và Đào tạo", CouncilRole.MEMBER),
    ("Đinh Công Thành", "Phó Trưởng Ban Tổ chức Tỉnh ủy", CouncilRole.MEMBER),
    ("Ngô Thị Bích Hạnh", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", CouncilRole.MEMBER),
    ("Lương Văn Quyết", "Chủ tịch Hội Nông dân tỉnh", CouncilRole.MEMBER),
    ("Tạ Quang Vinh", "Bí thư Tỉnh đoàn", CouncilRole.MEMBER),
    ("Mai Xuân Trường", "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", CouncilRole.MEMBER),
    (
        "Phan Thị Thanh Thuý",
        "Trưởng phòng Thi đua – Khen thưởng, Sở Nội vụ",
        CouncilRole.SECRETARY,
    ),
]
SESSION_DATE = datetime.date(2023, 1, 6)
SESSION_PLACE = "Trụ sở UBND tỉnh Nam Định"


@dataclass(frozen=True)
class DecisionPlan:
    number: str
    date: datetime.date
    signer_name: str
    signer_title: str
    authority: str
    award_types: tuple[str, ...]


DECISIONS = [
    DecisionPlan(
        "135/QĐ-UBND",
        datetime.date(2023, 1, 16),
        "Trần Quang Hưng",
        "Chủ tịch UBND tỉnh",
        "Chủ tịch UBND tỉnh Nam Định",
        (CO_TINH, BANG_KHEN),
    ),
    DecisionPlan(
        "612/QĐ-TTg",
        datetime.date(2023, 5, 26),
        "Đặng Quốc Toản",
        "KT. Thủ tướng, Phó Thủ tướng",
        "Thủ tướng Chính phủ",
        (CO_CP,),
    ),
]


def _season(key: tuple[str, int]) -> Season:
    return Season.objects.select_related("bloc__province").get(bloc__name=key[0], year=key[1])


def _proposals(season: Season) -> list[Proposal]:
    rows = Proposal.objects.filter(season=season, source_poll__isnull=False)
    return list(rows.select_related("unit").order_by("source_poll__order", "unit__code"))


def carried_outcomes() -> list[tuple[str, str, int]]:
    """(unit code, award type, year) of the meeting outcomes the workflow carries: the award
    history must not write them (awards.load_awards `carried`)."""
    rows = Proposal.objects.filter(
        source_poll__isnull=False, unit__isnull=False, season__in=[_season(k) for k in CARRIED]
    )
    return [
        (code, award, year)
        for code, award, year in rows.values_list("unit__code", "award_type", "year")
    ]


def _file(key: tuple[str, int], officers: dict[int, User]) -> tuple[Season, User, Dossier]:
    """The leader unit's dossier of the season's proposals, submitted with the override."""
    season = _season(key)
    officer = officers[season.leader_id]  # type: ignore[index]
    letter = LETTERS[key]
    dossier = dossier_create(
        actor=officer,
        submitting_unit=season.leader,  # type: ignore[arg-type]
        year=season.year,
        season=season,
        title=letter.title,
        letter_number=letter.number,
        letter_symbol=letter.symbol,
        letter_date=letter.date,
        proposals=_proposals(season),
    )
    reason = PLANS[0].override_reason if key == SEED_001 else SEED_003_OVERRIDE
    dossier_submit(actor=officer, dossier=dossier, override_reason=reason)
    return season, officer, dossier


def _council(admin: User, province: Province) -> tuple[Council, list[CouncilMember]]:
    council = council_create(actor=admin, province=province, name=COUNCIL_NAME)
    members = [
        council_member_add(
            actor=admin,
            council=council,
            full_name=name,
            title=title,
            role=role,
            active_from=COUNCIL_FROM,
        )
        for name, title, role in COUNCIL
    ]
    return council, members


def _session(
    admin: User, council: Council, members: list[CouncilMember], proposals: list[Proposal]
) -> CouncilSession:
    """All present; each proposal gets all approvals but 0, 1 or 2 (ordinary members against),
    above every threshold (VOT-03: 12 of 15; VOT-06: a majority)."""
    session = session_open(
        actor=admin, council=council, date=SESSION_DATE, place=SESSION_PLACE, proposals=proposals
    )
    session_set_present(actor=admin, session=session, members=members)
    ordinary = [m for m in members if m.role == CouncilRole.MEMBER]
    for index, proposal in enumerate(proposals):
        against = {m.pk for m in ordinary[index % 5 : index % 5 + index % 3]}
        votes = {m.pk: m.pk not in against for m in members}
        session_record_votes(actor=admin, session=session, proposal=proposal, votes=votes)
    session = session_close(actor=admin, session=session)
    outcomes = set(session.items.values_list("outcome", flat=True))
    if outcomes != {"approved"}:
        raise RuntimeError(f"Demo: Hội đồng không thông qua đủ đề nghị: {outcomes}")
    return session


def _decide(admin: User, province: Province, proposals: list[Proposal]) -> list[Decision]:
    decisions = []
    for plan in DECISIONS:
        chosen = [p for p in proposals if p.award_type in plan.award_types]
        decisions.append(
            decision_record(
                actor=admin,
                province=province,
                number=plan.number,
                date=plan.date,
                signer_name=plan.signer_name,
                signer_title=plan.signer_title,
                authority=plan.authority,
                proposals=chosen,
                note=f"Theo kết quả hội nghị khối ngày 01/12/2022 (seed 001). {ILLUSTRATIVE}",
            )
        )
    return decisions


def _seed_001(admin: User, officers: dict[int, User]) -> tuple[int, list[Decision]]:
    season, _officer, dossier = _file(SEED_001, officers)
    proposals = _proposals(season)
    proposals_receive(actor=admin, proposals=proposals)
    for proposal in proposals:
        proposal_validate(actor=admin, proposal=proposal, note=VALID_NOTE)
    council, members = _council(admin, season.bloc.province)
    _session(admin, council, members, _proposals(season))
    return len(proposals), _decide(admin, season.bloc.province, _proposals(season))


def _back_date(admin: User, proposal: Proposal, *, days: int) -> None:
    """Date the proposal's submission `days` days back and count its due date from then by the
    rulebook (TML-02, 5 working days): past, so the inbox shows it overdue."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    zone = timezone.get_default_timezone()
    proposal.submitted_at = datetime.datetime(day.year, day.month, day.day, 9, 30, tzinfo=zone)
    proposal.due_at = due_for(proposal, RECEIPT_STEP, start=day)
    save_audited(
        proposal,
        actor=admin,
        reason="demo: submitted earlier",
        update_fields=["submitted_at", "due_at"],
    )


def _seed_003(admin: User, officers: dict[int, User]) -> int:
    season, _officer, _dossier = _file(SEED_003, officers)
    proposals = _proposals(season)
    flags = [p for p in proposals if p.award_type in (CO_CP, CO_TINH)]
    first, second = [p for p in proposals if p.award_type == BANG_KHEN]
    proposals_receive(actor=admin, proposals=flags)
    proposals_return(actor=admin, proposals=[first], reason=RETURN_REASON)
    _back_date(admin, second, days=30)
    return len(proposals)


def load_dossiers(
    admin: User, officers: dict[int, User], log: Callable[[str], None] = print
) -> None:
    """Seed 001 from the poll to the decisions in the registry; seed 003 before the board."""
    decided, decisions = _seed_001(admin, officers)
    pending = _seed_003(admin, officers)
    log(
        f"Demo: hồ sơ seed 001 — {decided} đề nghị qua Hội đồng ({len(COUNCIL)} thành viên, "
        f"ngày {SESSION_DATE:%d/%m/%Y}) đến quyết định "
        f"{', '.join(d.number for d in decisions)}; hồ sơ seed 003 — {pending} đề nghị đang "
        "chờ Ban xử lý."
    )
