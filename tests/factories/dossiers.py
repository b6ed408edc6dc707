"""The dossier pack's context for the seed-001 meeting (Nam Định, 01/12/2022), for tests and the
benchmark. The seed names none of the units: the units, votes, scores and the secretary are
invented."""

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UnitFactory
from thidua.dossiers.models import Dossier, Proposal
from thidua.dossiers.pack import PackContext, PackLine

MEMBERS = (
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh",
    "Báo Nam Định",
    "Trường Chính trị Trường Chinh",
)
BLOC = "Khối thi đua các Ban, cơ quan của Đảng"
CP = ("co_thi_dua_chinh_phu", "Cờ thi đua của Chính phủ")
TINH = ("co_thi_dua_ubnd_tinh", "Cờ thi đua của UBND tỉnh")
BK = ("bang_khen_chu_tich_ubnd_tinh", "Bằng khen của Chủ tịch UBND tỉnh")


def line(
    subject: str, award: tuple[str, str], votes: int, score: str, rank: int, **extra: Any
) -> PackLine:
    code, name = award
    return PackLine(
        subject=subject,
        unit=extra.pop("unit", subject),
        award_code=code,
        award_name=name,
        votes=votes,
        vote_share=Fraction(votes, len(MEMBERS)),
        score=Decimal(score),
        rank=rank,
        **extra,
    )


LINES = (
    line(
        "Ban Tổ chức Tỉnh ủy",
        CP,
        8,
        "98.50",
        1,
        achievement="Hoàn thành xuất sắc nhiệm vụ công tác tổ chức xây dựng Đảng năm 2022.",
        history=("2021: Cờ thi đua của UBND tỉnh (Quyết định số 45/QĐ-UBND)",),
    ),
    line("Ban Tuyên giáo Tỉnh ủy", TINH, 7, "97.25", 2),
    line("Văn phòng Tỉnh ủy", TINH, 6, "96.00", 3),
    line("Ủy ban Kiểm tra Tỉnh ủy", BK, 6, "95.75", 4),
    line("Ban Dân vận Tỉnh ủy", BK, 5, "95.00", 5),
    line("Báo Nam Định", BK, 5, "94.50", 6),
)


def make_context(**changes: Any) -> PackContext:
    values = {
        "province": "Nam Định",
        "parent_body": "TỈNH ỦY NAM ĐỊNH",
        "issuing_body": "KHỐI THI ĐUA CÁC BAN, CƠ QUAN CỦA ĐẢNG",
        "symbol": "KTĐ",
        "number": "12",
        "place": "Nam Định",
        "date": datetime.date(2022, 12, 5),
        "year": 2022,
        "bloc": BLOC,
        "members": MEMBERS,
        "present": MEMBERS[:-1],
        "meeting_date": datetime.date(2022, 12, 1),
        "meeting_place": "Hội trường Ban Tuyên giáo Tỉnh ủy",
        "chair": "Ngô Văn Liên",
        "chair_title": "Trưởng Ban Tuyên giáo Tỉnh ủy, Trưởng Khối thi đua năm 2022",
        "secretary": "Vũ Thị Hạnh",
        "leader_unit": "Ban Tuyên giáo Tỉnh ủy",
        "lines": LINES,
        "signer_authority": "TM. KHỐI THI ĐUA",
        "signer_title": "KHỐI TRƯỞNG",
        "signer_name": "Ngô Văn Liên",
        "board": "Ban Thi đua – Khen thưởng tỉnh Nam Định",
        "decision_authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH",
        "decision_body": "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH",
    }
    values.update(changes)
    return PackContext(**values)


# --- the seed-001 world in the database (pack_data tests and the benchmark) ---------------------
# Appended by the pack-data helper: rows made directly (test setup), the same invented names,
# votes and scores as the hand-made context above.


def seed_world() -> Any:  # noqa: PLR0915 - one scene, told in order
    """Nam Định's bloc of seed 001 in the database: the 2022 season of nine members with scores
    (one criterion of 100 points), next season's leader, the meeting of 01/12/2022 (eight
    present), three closed nomination polls (CP, UBND tỉnh, Bằng khen) with their frozen
    results, one draft proposal per unit elected, a few registry lines and a board user.

    Returns a SimpleNamespace: province, season, units (by name), board, polls (by award code),
    proposals (in the LINES order), meeting."""
    from types import SimpleNamespace

    from tests.factories import (
        BlocFactory,
        ProvinceFactory,
        SeasonFactory,
        SeasonMembershipFactory,
        UnitFactory,
        UserFactory,
    )
    from tests.factories.covenants import CovenantFactory, CriterionFactory
    from thidua.accounts.enums import Role
    from thidua.awards.models import AwardRecord
    from thidua.dossiers.models import Proposal
    from thidua.scoring.models import Score, Scorecard
    from thidua.voting.enums import CommitteeRole, MeetingStatus, PollKind, PollStatus
    from thidua.voting.models import Attendance, Candidate, CommitteeMember, Meeting, Poll

    province = ProvinceFactory(code="nam-dinh", name="Nam Định")
    bloc = BlocFactory(province=province, name=BLOC)
    season = SeasonFactory(bloc=bloc, year=2022)
    units = {name: UnitFactory(province=province, name=name) for name in MEMBERS}
    for unit in units.values():
        SeasonMembershipFactory(season=season, unit=unit)
    season.leader = units["Ban Tuyên giáo Tỉnh ủy"]
    season.save()
    SeasonFactory(bloc=bloc, year=2023, leader=units["Ban Tổ chức Tỉnh ủy"])
    board = UserFactory(role=Role.BOARD_ADMIN, province=province)
    # Scores: the six proposed units as in LINES, the other three below them.
    covenant = CovenantFactory(season=season)
    criterion = CriterionFactory(covenant=covenant, code="I", max_points=Decimal("100"))
    totals = {item.subject: item.score for item in LINES}
    totals.update(
        {
            "Ban Nội chính Tỉnh ủy": Decimal("93.00"),
            "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh": Decimal("92.00"),
            "Trường Chính trị Trường Chinh": Decimal("90.50"),
        }
    )
    for name, unit in units.items():
        card = Scorecard.objects.create(season=season, unit=unit, status="final")
        Score.objects.create(scorecard=card, criterion=criterion, self_score=totals[name])
    meeting = Meeting.objects.create(
        season=season,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022",
        held_on=datetime.date(2022, 12, 1),
        place="Hội trường Ban Tuyên giáo Tỉnh ủy",
        place_name="Nam Định",
        chair_name="Ngô Văn Liên",
        chair_title="Trưởng Ban Tuyên giáo Tỉnh ủy, Trưởng Khối thi đua năm 2022",
        secretary_name="Vũ Thị Hạnh",
        status=MeetingStatus.CLOSED,
    )
    for name, unit in units.items():
        Attendance.objects.create(meeting=meeting, unit=unit, present=name != MEMBERS[-1])
    CommitteeMember.objects.create(
        meeting=meeting, full_name="Trần Văn Bình", role=CommitteeRole.HEAD, order=1
    )
    CommitteeMember.objects.create(meeting=meeting, full_name="Lê Thị Cúc", order=2)
    # Votes of every member, the elected first (LINES), out of the nine members.
    others = {"Ban Nội chính Tỉnh ủy": 1, "Trường Chính trị Trường Chinh": 0}
    polls = {}
    proposals = []
    for order, (award, seats) in enumerate(((CP, 1), (TINH, 2), (BK, 3)), start=1):
        code, name = award
        elected = [item for item in LINES if item.award_code == code]
        poll = Poll.objects.create(
            meeting=meeting,
            kind=PollKind.NOMINATION,
            award_type=code,
            title=f"Suy tôn {name} năm 2022",
            seats=seats,
            status=PollStatus.CLOSED,
            members_count=len(MEMBERS),
            present_count=len(MEMBERS) - 1,
            order=order,
        )
        votes = {item.subject: item.votes or 0 for item in elected}
        votes.update(others)
        candidates = {
            n: Candidate.objects.create(poll=poll, unit=units[n], order=i)
            for i, n in enumerate(votes)
        }
        rows = [
            {
                "id": candidates[n].pk,
                "votes": v,
                "share": f"{v}/{len(MEMBERS)}",
                "share_pct": round(100 * v / len(MEMBERS), 2),
                "passes_threshold": v * 2 > len(MEMBERS),
                "elected": n in {item.subject for item in elected},
                "tied": False,
                "decided_by": "VOT-13",
            }
            for n, v in votes.items()
        ]
        poll.result = {
            "cast": 8,
            "valid": 8,
            "blank": 0,
            "spoiled": 0,
            "base": len(MEMBERS),
            "required": 5,
            "seats_left": 0,
            "elected": [candidates[item.subject].pk for item in elected],
            "tied": [],
            "notes": [],
            "candidates": rows,
            "members": len(MEMBERS),
            "present": len(MEMBERS) - 1,
            "issued": 8,
        }
        poll.closed_at = datetime.datetime(2022, 12, 1, 3, 0, tzinfo=datetime.UTC)
        poll.save()
        polls[code] = poll
        for item in elected:
            proposals.append(
                Proposal.objects.create(
                    season=season,
                    unit=units[item.subject],
                    award_type=code,
                    year=2022,
                    source_poll=poll,
                    votes=item.votes,
                    vote_share=Decimal(item.votes or 0) / len(MEMBERS),
                    summary=item.achievement,
                )
            )
    AwardRecord.objects.create(
        unit=units["Ban Tổ chức Tỉnh ủy"],
        award_type=TINH[0],
        year=2021,
        decision_number="45/QĐ-UBND",
        decision_date=datetime.date(2022, 1, 20),
        issuer="Chủ tịch UBND tỉnh Nam Định",
    )
    AwardRecord.objects.create(
        unit=units["Ban Tổ chức Tỉnh ủy"],
        award_type="tap_the_lao_dong_xuat_sac",
        year=2020,
        decision_number="30/QĐ-UBND",
    )
    AwardRecord.objects.create(  # too old for the report (more than five years back)
        unit=units["Ban Tổ chức Tỉnh ủy"], award_type=BK[0], year=2015, decision_number="9/QĐ"
    )
    AwardRecord.objects.create(  # revoked: left out
        unit=units["Báo Nam Định"], award_type=BK[0], year=2021, revoked=True
    )
    order = {item.subject: i for i, item in enumerate(LINES)}
    proposals.sort(key=lambda p: order[p.unit.name])
    return SimpleNamespace(
        province=province,
        season=season,
        units=units,
        board=board,
        polls=polls,
        proposals=proposals,
        meeting=meeting,
    )


# ── Proposals, dossiers and their files (the dossier services' tests) ────────────────────────


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    submitting_unit = factory.SubFactory(UnitFactory)
    province = factory.SelfAttribute("submitting_unit.province")
    year = 2025


class ProposalFactory(factory.django.DjangoModelFactory):
    """A unit's draft proposal for itself (pass `person=` and `unit=None` for a person's)."""

    class Meta:
        model = Proposal

    unit = factory.SubFactory(UnitFactory)
    award_type = "tap_the_lao_dong_tien_tien"
    year = 2025
    submitting_unit = factory.LazyAttribute(lambda o: o.unit or o.person.unit)
    province = factory.LazyAttribute(lambda o: (o.unit or o.person.unit).province)


def pdf_upload(name: str = "bao-cao.pdf", body: bytes = b"%PDF-1.4\n%test\n") -> Any:
    return SimpleUploadedFile(name, body, content_type="application/pdf")
