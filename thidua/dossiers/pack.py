"""The generated document pack of a bloc's proposal (hồ sơ đề nghị khen thưởng, Law Art. 84).

Pure builders turn plain data (`PackContext`, one `PackLine` per proposed unit or person) into
Decree 30/2020 `DocumentSpec`s: the submission letter (tờ trình), the minutes of the review
meeting (biên bản họp bình xét), the vote-count minutes of the polls behind the lines (biên bản
kiểm phiếu, built by `thidua.voting.minutes` and carried in the context), one achievement report
per line (báo cáo thành tích), the list of proposals (danh sách), the board's appraisal report
(báo cáo thẩm định) and the draft decision (dự thảo quyết định). `pack_files` renders them to
.docx and PDF, `pack_zip` bundles the files. `thidua.dossiers.selectors.pack_data` fills the
context from the database.

Official documents are issued in Vietnamese whatever the reader's interface language: the
wording is not passed through gettext.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from thidua.awards.rulebook import load_rulebook
from thidua.core.text import fold
from thidua.documents import layout
from thidua.documents.dates import vn_date
from thidua.documents.phrases import NUMBER_PREFIX
from thidua.documents.render import render_docx, render_pdfs
from thidua.documents.spec import Block, DocumentSpec, Heading, Paragraph, Signer, Table

# Cited by every document of the pack, as in force on the document's date (domain-rules §0.1:
# the Law of 2022 and NĐ 98/2023 from 01/01/2024, NĐ 152/2025 from 01/7/2025). Laws by name only
# (Decree 30); the decree with its date.
LEGAL_BASES: tuple[str, ...] = (
    "Căn cứ Luật Thi đua, khen thưởng năm 2022",
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết "
    "thi hành Luật Thi đua, khen thưởng",
)
LEGAL_BASES_BY_DATE: tuple[tuple[datetime.date, tuple[str, ...]], ...] = (
    (datetime.date(2025, 7, 1), LEGAL_BASES),
    (
        datetime.date(2024, 1, 1),
        (
            "Căn cứ Luật Thi đua, khen thưởng năm 2022",
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        ),
    ),
    (
        datetime.date.min,
        (
            "Căn cứ Luật Thi đua, khen thưởng năm 2003; Luật sửa đổi, bổ sung một số điều của "
            "Luật Thi đua, khen thưởng năm 2013",
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        ),
    ),
)
LOCAL_GOVERNMENT_LAWS: tuple[tuple[datetime.date, str], ...] = (
    (datetime.date(2025, 7, 1), "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025"),
    (datetime.date.min, "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015"),
)
DECISION_LEGAL_BASES: tuple[str, ...] = (
    "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025",
    *LEGAL_BASES,
)


def legal_bases(on: datetime.date) -> tuple[str, ...]:
    """The law and decree a document dated `on` cites."""
    return next(bases for start, bases in LEGAL_BASES_BY_DATE if on >= start)


def decision_legal_bases(on: datetime.date) -> tuple[str, ...]:
    """A decision's: the law on local government in force, then `legal_bases`."""
    law = next(text for start, text in LOCAL_GOVERNMENT_LAWS if on >= start)
    return (law, *legal_bases(on))


# Left blank on a document to be filled in by hand.
DOTS = "…" * 40
BLANK_NUMBER = "     "
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same pack gives the same zip


@dataclass(frozen=True)
class PackLine:
    subject: str  # "Sở Tài chính" or "Nguyễn Thị Hoà"
    unit: str  # a person's unit; for a unit, its own name
    award_code: str  # "co_thi_dua_ubnd_tinh"
    award_name: str  # "Cờ thi đua của UBND tỉnh"
    achievement: str = ""  # tóm tắt thành tích (may be empty → a dotted line to fill by hand)
    votes: int | None = None
    vote_share: Fraction | None = None  # share of ALL members of the bloc
    score: Decimal | None = None  # the season's total score
    rank: int | None = None
    history: tuple[str, ...] = ()  # earlier awards, "2022: Cờ thi đua … (Quyết định số …)"
    # The eligibility check (awards.eligibility): "eligible", "needs_check", "not_eligible" or ""
    # (not checked); the ids of the rules behind it; the reason given for submitting a line that
    # fails a hard rule (printed verbatim in the appraisal report).
    verdict: str = ""
    rule_ids: tuple[str, ...] = ()
    override_reason: str = ""

    @property
    def is_unit(self) -> bool:
        return self.subject == self.unit


@dataclass(frozen=True)
class PackContext:
    province: str  # "Nam Định"
    parent_body: str  # caps line above the issuer, may be "": "TỈNH ỦY NAM ĐỊNH"
    issuing_body: str  # "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH"
    symbol: str  # "KTĐ" → "Số: 12/TTr-KTĐ", "Số: 12/BB-KTĐ"
    number: str  # "12"; "" → "Số:      /TTr-KTĐ" (numbered by hand)
    place: str  # "Nam Định"
    date: datetime.date  # date of the submission letter
    year: int  # year of the achievements
    bloc: str  # "Khối thi đua các cơ quan Đảng tỉnh"
    members: tuple[str, ...]  # member units
    present: tuple[str, ...]  # units present at the review meeting
    meeting_date: datetime.date
    meeting_place: str
    chair: str  # person chairing (the leader unit's head)
    chair_title: str  # "Trưởng ban Ban Tuyên giáo Tỉnh ủy, Khối trưởng"
    secretary: str
    leader_unit: str  # the bloc's leader unit this year
    lines: tuple[PackLine, ...]
    signer_authority: str  # "TM. KHỐI THI ĐUA"
    signer_title: str  # "KHỐI TRƯỞNG"
    signer_name: str
    board: str  # "Ban Thi đua – Khen thưởng tỉnh Nam Định" (Kính gửi / advises the decision)
    decision_authority: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH"
    decision_body: str  # "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH" (issuing body of the draft decision)
    next_leader: str = ""  # the bloc's leader unit elected for next year ("" = not known)
    # The appraising agency (the board's host since 2025) and its symbol: "Số: …/BC-SNV".
    appraisal_body: str = "SỞ NỘI VỤ"
    appraisal_symbol: str = "SNV"
    # The vote-count minutes of the polls behind the lines, as `voting.minutes.minutes_spec`
    # builds them (they read the poll's frozen result and the meeting's records).
    count_minutes: tuple[DocumentSpec, ...] = ()


# --- small helpers ------------------------------------------------------------------------------


def _number(ctx: PackContext, kind: str, *, blank: bool = False) -> str:
    """ "Số: 12/TTr-KTĐ"; a blank number leaves room to write it by hand."""
    number = "" if blank else ctx.number.strip()
    if number.isdigit() and len(number) == 1:
        number = f"0{number}"  # Decree 30: numbers below 10 take a leading zero
    return f"{NUMBER_PREFIX} {number or BLANK_NUMBER}/{kind}-{ctx.symbol}"


def percent(share: Fraction | None) -> str:
    """ "66,67%": two decimals, rounded half up, a decimal comma; "" when unknown."""
    if share is None:
        return ""
    value = Decimal(share.numerator * 100) / Decimal(share.denominator)
    text = str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    return f"{text.replace('.', ',')}%"


def _score(score: Decimal | None) -> str:
    return "" if score is None else str(score).replace(".", ",")


def _votes(line: PackLine, members: int) -> str:
    if line.votes is None:
        return ""
    return f"{line.votes}/{members}"


def _count(value: int) -> str:
    return f"{value:02d}"


def _groups(lines: tuple[PackLine, ...]) -> list[tuple[str, list[PackLine]]]:
    """Lines grouped by award name, the groups in order of first appearance."""
    groups: dict[str, list[PackLine]] = {}
    for line in lines:
        groups.setdefault(line.award_name, []).append(line)
    return list(groups.items())


def _joined(items: list[str]) -> str:
    """ "a", "a và b", "a, b và c"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} và {items[-1]}"


def _by_province(line: PackLine) -> bool:
    """Within the provincial chair's power (not national awards, which the province proposes
    upward); a code missing from the catalogue is kept rather than dropped silently."""
    try:
        return load_rulebook().award_type(line.award_code).level != "national"
    except LookupError:
        return True


def slug(text: str) -> str:
    """An ASCII file-name part: "Sở Tài chính" → "so-tai-chinh"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _dashed(items: tuple[str, ...] | list[str]) -> list[Block]:
    return [Paragraph(text) for text in layout.dashed_lines(tuple(items))]


def _award_summary(ctx: PackContext) -> list[Block]:
    groups = _groups(ctx.lines)
    blocks: list[Block] = []
    for index, (award, group) in enumerate(groups):
        names = "; ".join(line.subject for line in group)
        end = "." if index == len(groups) - 1 else ";"
        blocks.append(Paragraph(f"- {award}: {_count(len(group))} ({names}){end}"))
    return blocks


# --- tờ trình -----------------------------------------------------------------------------------


def submission_letter(ctx: PackContext) -> DocumentSpec:
    members = len(ctx.members)
    table = Table(
        header=("STT", "Tên tập thể, cá nhân", "Hình thức khen thưởng", "Số phiếu (tỷ lệ)"),
        rows=tuple(
            (
                str(index),
                line.subject,
                line.award_name,
                f"{_votes(line, members)} ({percent(line.vote_share)})"
                if line.votes is not None
                else "",
            )
            for index, line in enumerate(ctx.lines, start=1)
        ),
        widths=(0.9, 5.2, 4.4, 2.6),
        align=("center", "left", "left", "center"),
    )
    blocks: list[Block] = [
        Paragraph(
            f"Thực hiện kế hoạch công tác thi đua, khen thưởng năm {ctx.year}, "
            f"{vn_date(ctx.meeting_date)}, {ctx.bloc} đã tổ chức họp bình xét thi đua, khen "
            f"thưởng năm {ctx.year} với sự tham dự của {len(ctx.present)}/{members} đơn vị "
            f"thành viên, do {ctx.leader_unit} (đơn vị Trưởng khối) chủ trì."
        ),
        Paragraph(
            "Trên cơ sở kết quả chấm điểm thi đua và kết quả bỏ phiếu bình xét, "
            f"{ctx.bloc} kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem xét, khen thưởng "
            f"{_count(len(ctx.lines))} tập thể, cá nhân đã có thành tích xuất sắc trong phong "
            f"trào thi đua năm {ctx.year}, cụ thể:"
        ),
        *_award_summary(ctx),
        Paragraph(f"Số phiếu tính trên tổng số {members} đơn vị thành viên của Khối:"),
        table,
        Paragraph("(Có biên bản họp bình xét, danh sách và báo cáo thành tích kèm theo.)"),
        Paragraph(
            f"{ctx.bloc} kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định khen "
            "thưởng hoặc đề nghị cấp có thẩm quyền khen thưởng./."
        ),
    ]
    return DocumentSpec(
        parent_body=ctx.parent_body,
        issuing_body=ctx.issuing_body,
        doc_type="TỜ TRÌNH",
        summary=f"Về việc đề nghị khen thưởng năm {ctx.year}",
        number=_number(ctx, "TTr"),
        place=ctx.place,
        date=ctx.date,
        legal_bases=legal_bases(ctx.date),
        recipients=(f"Chủ tịch Ủy ban nhân dân tỉnh {ctx.province}", ctx.board),
        blocks=tuple(blocks),
        signers=(Signer(ctx.signer_authority, ctx.signer_title, ctx.signer_name),),
        distribution=("Như trên", "Các đơn vị thành viên Khối", "Lưu: VT"),
        title_for_metadata=f"Tờ trình đề nghị khen thưởng năm {ctx.year} – {ctx.bloc}",
    )


# --- biên bản họp bình xét ----------------------------------------------------------------------


def _participants(ctx: PackContext) -> list[Block]:
    members = len(ctx.members)
    absent = [unit for unit in ctx.members if unit not in ctx.present]
    blocks: list[Block] = [
        Heading("I. THÀNH PHẦN THAM DỰ"),
        Paragraph(
            f"Tổng số đơn vị thành viên của Khối: {members} đơn vị; có mặt: {len(ctx.present)} "
            f"đơn vị; vắng mặt: {len(absent)} đơn vị."
        ),
    ]
    if ctx.present:
        blocks.append(Paragraph(f"Các đơn vị có mặt: {', '.join(ctx.present)}."))
    if absent:
        blocks.append(Paragraph(f"Các đơn vị vắng mặt: {', '.join(absent)}."))
    chair = ", ".join(part for part in (ctx.chair, ctx.chair_title) if part)
    blocks.append(Paragraph(f"Chủ trì: đồng chí {chair}."))
    blocks.append(Paragraph(f"Thư ký: đồng chí {ctx.secretary}."))
    return blocks


def _results_table(ctx: PackContext) -> Table:
    members = len(ctx.members)
    return Table(
        header=("STT", "Tên tập thể, cá nhân", "Hình thức đề nghị", "Số phiếu", "Tỷ lệ"),
        rows=tuple(
            (
                str(index),
                line.subject,
                line.award_name,
                _votes(line, members),
                percent(line.vote_share),
            )
            for index, line in enumerate(ctx.lines, start=1)
        ),
        widths=(0.9, 4.8, 4.2, 1.9, 1.8),
        align=("center", "left", "left", "center", "center"),
    )


def _next_leader(ctx: PackContext) -> list[Block]:
    if not ctx.next_leader:
        return []
    return [
        Paragraph(f"Hội nghị đã bầu {ctx.next_leader} làm đơn vị Trưởng khối năm {ctx.year + 1}.")
    ]


def review_minutes(ctx: PackContext) -> DocumentSpec:
    members = len(ctx.members)
    place = f", tại {ctx.meeting_place}" if ctx.meeting_place else ""
    blocks: list[Block] = [
        Paragraph(
            f"Hôm nay, vào lúc …… giờ …… phút, {vn_date(ctx.meeting_date)}{place}, {ctx.bloc} "
            f"tổ chức họp bình xét thi đua, khen thưởng năm {ctx.year}."
        ),
        *_participants(ctx),
        Heading("II. NỘI DUNG"),
        Paragraph(
            f"Hội nghị đã nghe {ctx.leader_unit} (đơn vị Trưởng khối) báo cáo tổng kết công tác "
            f"thi đua, khen thưởng năm {ctx.year}; thông qua kết quả chấm điểm thi đua của các "
            "đơn vị thành viên; thảo luận và bỏ phiếu kín bình xét, suy tôn đề nghị khen thưởng."
        ),
        Heading("III. KẾT QUẢ BÌNH XÉT"),
        Paragraph(f"Tỷ lệ phiếu tính trên tổng số {members} đơn vị thành viên của Khối:"),
        _results_table(ctx),
        Heading("IV. KẾT LUẬN"),
        Paragraph("Hội nghị thống nhất đề nghị khen thưởng:"),
        *_award_summary(ctx),
        *_next_leader(ctx),
        Paragraph(
            "Hội nghị kết thúc vào lúc …… giờ …… phút cùng ngày. Biên bản đã được đọc lại "
            "trước hội nghị và được các đại biểu dự họp nhất trí thông qua./."
        ),
    ]
    return DocumentSpec(
        parent_body=ctx.parent_body,
        issuing_body=ctx.issuing_body,
        doc_type="BIÊN BẢN",
        summary=f"Họp bình xét thi đua, khen thưởng năm {ctx.year}",
        number=_number(ctx, "BB"),
        place=ctx.place,
        date=ctx.meeting_date,
        blocks=tuple(blocks),
        signers=(Signer("", "THƯ KÝ", ctx.secretary), Signer("", "CHỦ TRÌ", ctx.chair)),
        title_for_metadata=f"Biên bản họp bình xét thi đua, khen thưởng năm {ctx.year}",
    )


# --- báo cáo thành tích -------------------------------------------------------------------------


def _profile(ctx: PackContext, line: PackLine) -> list[Block]:
    if line.is_unit:
        return [
            Paragraph(
                f"{line.subject} là đơn vị thành viên của {ctx.bloc}. Chức năng, nhiệm vụ, cơ cấu "
                f"tổ chức và đặc điểm tình hình: {DOTS}"
            )
        ]
    return [
        Paragraph(f"Họ và tên: {line.subject}."),
        Paragraph(f"Đơn vị công tác: {line.unit}."),
        Paragraph(f"Chức vụ, quá trình công tác: {DOTS}"),
    ]


def _results(ctx: PackContext, line: PackLine) -> list[Block]:
    blocks: list[Block] = [Paragraph(line.achievement.strip() or DOTS)]
    if line.score is not None:
        text = f"Kết quả chấm điểm thi đua năm {ctx.year}: {_score(line.score)} điểm"
        if line.rank is not None:
            text += f", xếp thứ {line.rank}/{len(ctx.members)} trong {ctx.bloc}"
        blocks.append(Paragraph(f"{text}."))
    elif line.rank is not None:
        blocks.append(Paragraph(f"Xếp thứ {line.rank}/{len(ctx.members)} trong {ctx.bloc}."))
    if line.votes is not None:
        blocks.append(
            Paragraph(
                f"Kết quả bình xét tại hội nghị {vn_date(ctx.meeting_date)}: "
                f"{_votes(line, len(ctx.members))} phiếu ({percent(line.vote_share)})."
            )
        )
    return blocks


def achievement_report(ctx: PackContext, line: PackLine) -> DocumentSpec:
    history = _dashed(list(line.history)) if line.history else [Paragraph("Chưa có.")]
    head = Signer("", "THỦ TRƯỞNG ĐƠN VỊ", "")
    signers = (head,) if line.is_unit else (head, Signer("", "NGƯỜI BÁO CÁO", line.subject))
    return DocumentSpec(
        parent_body=ctx.parent_body,
        issuing_body=line.unit.upper(),
        doc_type="BÁO CÁO",
        summary=f"Thành tích đề nghị tặng {line.award_name}",
        number=f"{NUMBER_PREFIX} {BLANK_NUMBER}/BC",
        place=ctx.place,
        date=ctx.date,
        blocks=(
            Heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"),
            *_profile(ctx, line),
            Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
            *_results(ctx, line),
            Heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
            *history,
        ),
        signers=signers,
        title_for_metadata=f"Báo cáo thành tích – {line.subject} – {line.award_name}",
    )


# --- danh sách ----------------------------------------------------------------------------------

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _list_rows(ctx: PackContext) -> tuple[tuple[str, ...], ...]:
    members = len(ctx.members)
    rows: list[tuple[str, ...]] = []
    for group_index, (award, group) in enumerate(_groups(ctx.lines)):
        roman = _ROMAN[group_index] if group_index < len(_ROMAN) else str(group_index + 1)
        rows.append((roman, award, "", "", "", "", "", ""))
        for index, line in enumerate(group, start=1):
            rows.append(
                (
                    str(index),
                    line.subject,
                    line.unit,
                    line.award_name,
                    _votes(line, members),
                    percent(line.vote_share),
                    _score(line.score),
                    "" if line.rank is None else str(line.rank),
                )
            )
    return tuple(rows)


def proposal_list(ctx: PackContext) -> DocumentSpec:
    letter = _number(ctx, "TTr")[len(NUMBER_PREFIX) :].strip()
    table = Table(
        header=(
            "STT",
            "Tên tập thể/cá nhân",
            "Đơn vị",
            "Hình thức",
            "Số phiếu",
            "Tỷ lệ",
            "Điểm",
            "Xếp hạng",
        ),
        rows=_list_rows(ctx),
        widths=(0.9, 3.4, 3.0, 3.0, 1.3, 1.7, 1.3, 1.4),
        align=("center", "left", "left", "left", "center", "center", "center", "center"),
    )
    return DocumentSpec(
        parent_body=ctx.parent_body,
        issuing_body=ctx.issuing_body,
        doc_type="DANH SÁCH",
        summary=f"Tập thể, cá nhân đề nghị khen thưởng năm {ctx.year}",
        number=_number(ctx, "TTr"),
        place=ctx.place,
        date=ctx.date,
        blocks=(
            Paragraph(
                f"(Kèm theo Tờ trình số {letter} {vn_date(ctx.date)} của {ctx.bloc})",
                italic=True,
                align="center",
                indent=False,
            ),
            table,
        ),
        signers=(Signer(ctx.signer_authority, ctx.signer_title, ctx.signer_name),),
        title_for_metadata=f"Danh sách đề nghị khen thưởng năm {ctx.year} – {ctx.bloc}",
    )


# --- báo cáo thẩm định --------------------------------------------------------------------------

VERDICTS: dict[str, str] = {
    "eligible": "Đủ điều kiện",
    "needs_check": "Cần xác minh thêm",
    "not_eligible": "Không đủ điều kiện",
    "": "Chưa kiểm tra",
}


def verdict_text(verdict: str) -> str:
    return VERDICTS.get(verdict, verdict)


def _rules_text(line: PackLine) -> str:
    return ", ".join(line.rule_ids)


def _appraisal_table(ctx: PackContext) -> Table:
    return Table(
        header=(
            "STT",
            "Tên tập thể, cá nhân",
            "Hình thức đề nghị",
            "Kết quả thẩm định",
            "Quy tắc áp dụng",
        ),
        rows=tuple(
            (
                str(index),
                line.subject,
                line.award_name,
                verdict_text(line.verdict) + (" (trình vượt)" if line.override_reason else ""),
                _rules_text(line),
            )
            for index, line in enumerate(ctx.lines, start=1)
        ),
        widths=(0.9, 4.0, 3.7, 2.6, 2.4),
        align=("center", "left", "left", "center", "center"),
    )


def _overrides(ctx: PackContext) -> list[Block]:
    """One entry a line submitted past a failed rule: the verdict, the rules and the unit's
    reason word for word (each line of the reason its own paragraph)."""
    blocks: list[Block] = []
    for index, line in enumerate(ctx.lines, start=1):
        if not line.override_reason:
            continue
        rules = f", quy tắc {_rules_text(line)}" if line.rule_ids else ""
        blocks.append(
            Paragraph(
                f"{index}. {line.subject} – {line.award_name}: "
                f"{verdict_text(line.verdict).lower()}{rules}. Lý do vẫn đề nghị:"
            )
        )
        blocks.extend(
            Paragraph(text, italic=True) for text in line.override_reason.splitlines() if text
        )
    return blocks


def appraisal_report(ctx: PackContext) -> DocumentSpec:
    """The board's appraisal of the bloc's dossier (báo cáo thẩm định): each line's eligibility
    verdict and rule ids, and the reason of every line submitted past a failed rule."""
    letter = _number(ctx, "TTr")[len(NUMBER_PREFIX) :].strip()
    total = len(ctx.lines)
    eligible = sum(1 for line in ctx.lines if line.verdict == "eligible")
    overridden = [line for line in ctx.lines if line.override_reason]
    blocks: list[Block] = [
        Paragraph(
            f"Thực hiện quy trình xét khen thưởng, {ctx.board} đã tiếp nhận Tờ trình số "
            f"{letter} {vn_date(ctx.date)} của {ctx.bloc} đề nghị khen thưởng "
            f"{_count(total)} tập thể, cá nhân năm {ctx.year}, kèm theo biên bản họp bình xét, "
            "biên bản kiểm phiếu, danh sách và báo cáo thành tích; đối chiếu với tiêu chuẩn, "
            "điều kiện khen thưởng, kết quả thẩm định như sau:"
        ),
        Heading("I. KẾT QUẢ THẨM ĐỊNH"),
        _appraisal_table(ctx),
        Paragraph(
            f"Có {_count(eligible)}/{_count(total)} tập thể, cá nhân đủ điều kiện theo kết quả "
            "kiểm tra; các trường hợp còn lại được nêu tại mục II."
            if overridden
            else f"Có {_count(eligible)}/{_count(total)} tập thể, cá nhân đủ điều kiện theo "
            "kết quả kiểm tra."
        ),
    ]
    if overridden:
        blocks.append(Heading("II. CÁC TRƯỜNG HỢP ĐƠN VỊ VẪN ĐỀ NGHỊ KHI CHƯA ĐỦ ĐIỀU KIỆN"))
        blocks.extend(_overrides(ctx))
    blocks.append(Heading(f"{'III' if overridden else 'II'}. ĐỀ XUẤT"))
    blocks.append(
        Paragraph(
            f"{ctx.board} kính báo cáo Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định khen "
            "thưởng hoặc đề nghị cấp có thẩm quyền khen thưởng các trường hợp đủ điều kiện./."
        )
    )
    return DocumentSpec(
        parent_body=ctx.decision_body,
        issuing_body=ctx.appraisal_body,
        doc_type="BÁO CÁO",
        summary=f"Thẩm định hồ sơ đề nghị khen thưởng năm {ctx.year} của {ctx.bloc}",
        number=f"{NUMBER_PREFIX} {BLANK_NUMBER}/BC-{ctx.appraisal_symbol}",
        place=ctx.place,
        date=ctx.date,
        recipients=(f"Chủ tịch Ủy ban nhân dân tỉnh {ctx.province}",),
        blocks=tuple(blocks),
        signers=(Signer("", "GIÁM ĐỐC", ""),),
        distribution=("Như trên", f"Lưu: VT, {ctx.appraisal_symbol}"),
        title_for_metadata=f"Báo cáo thẩm định hồ sơ đề nghị khen thưởng năm {ctx.year} – {ctx.bloc}",
    )


# --- dự thảo quyết định -------------------------------------------------------------------------


def _decision_table(lines: list[PackLine]) -> Table:
    return Table(
        header=("STT", "Tên tập thể, cá nhân", "Đơn vị", "Hình thức khen thưởng"),
        rows=tuple(
            (str(index), line.subject, line.unit, line.award_name)
            for index, line in enumerate(lines, start=1)
        ),
        widths=(0.9, 4.4, 3.9, 4.4),
        align=("center", "left", "left", "left"),
    )


def draft_decision(ctx: PackContext) -> DocumentSpec:
    lines = [line for line in ctx.lines if _by_province(line)]
    awards = _joined([award for award, _group in _groups(tuple(lines))])
    bases = (*decision_legal_bases(ctx.date), f"Xét đề nghị của {ctx.board}")
    blocks: list[Block] = [
        Paragraph("DỰ THẢO", bold=True, align="center", indent=False),
        Paragraph(ctx.decision_authority, bold=True, align="center", indent=False),
        *(Paragraph(text, italic=True) for text in layout.closed_lines(bases)),
        Paragraph("QUYẾT ĐỊNH:", bold=True, align="center", indent=False),
        Paragraph(
            f"Điều 1. Tặng {awards} cho các tập thể, cá nhân thuộc {ctx.bloc} đã có thành tích "
            f"xuất sắc trong phong trào thi đua năm {ctx.year}, gồm:"
        ),
        _decision_table(lines),
        Paragraph(
            "Điều 2. Các tập thể, cá nhân có tên tại Điều 1 được tặng thưởng kèm theo tiền "
            "thưởng theo quy định."
        ),
        Paragraph(
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân "
            f"tỉnh, {ctx.board}, Thủ trưởng các cơ quan, đơn vị liên quan và các tập thể, cá "
            "nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
        ),
    ]
    return DocumentSpec(
        issuing_body=ctx.decision_body,
        doc_type="QUYẾT ĐỊNH",
        summary=f"Về việc tặng {awards} năm {ctx.year}",
        number=f"{NUMBER_PREFIX} {BLANK_NUMBER}/QĐ-UBND",
        place=ctx.place,
        date=ctx.date,
        blocks=tuple(blocks),
        signers=(Signer("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", ""),),
        distribution=("Như Điều 3", "Lưu: VT"),
        title_for_metadata=f"Dự thảo Quyết định tặng {awards} năm {ctx.year}",
    )


# --- the pack -----------------------------------------------------------------------------------

Builder = Callable[[PackContext], DocumentSpec]
PACK: tuple[tuple[str, Builder], ...] = (
    ("to-trinh", submission_letter),
    ("bien-ban-hop-binh-xet", review_minutes),
    ("danh-sach-de-nghi", proposal_list),
    ("bao-cao-tham-dinh", appraisal_report),
    ("du-thao-quyet-dinh", draft_decision),
)
COUNT_MINUTES = "bien-ban-kiem-phieu"
ACHIEVEMENT_REPORT = "bao-cao-thanh-tich"
SLUG_LENGTH = 60  # file names stay short


def _stem(prefix: str, index: int, text: str) -> str:
    return f"{prefix}-{index:02d}-{slug(text)[:SLUG_LENGTH].strip('-')}"


def pack_specs(ctx: PackContext) -> list[tuple[str, DocumentSpec]]:
    """The pack's documents in order: those of PACK, the vote-count minutes of the context,
    then one achievement report a line. Stems are ASCII and unique within the pack."""
    specs = [(stem, builder(ctx)) for stem, builder in PACK]
    for index, spec in enumerate(ctx.count_minutes, start=1):
        specs.append((_stem(COUNT_MINUTES, index, spec.summary.removeprefix("Kiểm phiếu")), spec))
    for index, line in enumerate(ctx.lines, start=1):
        specs.append(
            (_stem(ACHIEVEMENT_REPORT, index, line.subject), achievement_report(ctx, line))
        )
    return specs


def pack_files(ctx: PackContext) -> list[tuple[str, bytes]]:
    """ "<stem>.docx" and "<stem>.pdf" for every document of the pack."""
    specs = list(pack_specs(ctx))
    pdfs = render_pdfs([spec for _stem, spec in specs])
    files: list[tuple[str, bytes]] = []
    for (stem, spec), pdf in zip(specs, pdfs, strict=True):
        files.append((f"{stem}.docx", render_docx(spec)))
        files.append((f"{stem}.pdf", pdf))
    return files


def pack_zip(ctx: PackContext) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in pack_files(ctx):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


__all__ = [
    "DECISION_LEGAL_BASES",
    "LEGAL_BASES",
    "decision_legal_bases",
    "legal_bases",
    "PACK",
    "PackContext",
    "PackLine",
    "achievement_report",
    "appraisal_report",
    "draft_decision",
    "pack_files",
    "pack_specs",
    "pack_zip",
    "percent",
    "proposal_list",
    "review_minutes",
    "slug",
    "submission_letter",
    "verdict_text",
]
