"""The dossier pack's context for the seed-001 meeting (Nam Định, 01/12/2022), for tests and the
benchmark. The seed names none of the units: the units, votes, scores and the secretary are
invented."""

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

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
