"""A bloc's year-end summary report (báo cáo tổng kết công tác thi đua, khen thưởng) as a Decree
30/2020 document, .docx and PDF.

`summary_spec` is a pure function of the season's summary (`reports.selectors.summary`): the
header of the leader unit acting as Trưởng khối ("…/BC-KTĐ"), the legal bases in force on the
report's date (`dossiers.pack.legal_bases`), then I. the bloc and its members, II. the covenant,
the year's movements and the registrations, III. the ranking, IV. the nomination votes (shares of
the total membership, against each poll's threshold) and the proposals with their status, V. the
decisions and the members' registry lines, VI. next year's leader and deputy; "Nơi nhận" and the
signature. A section without data says so in one sentence; a season whose year-end meeting is
not closed gives a draft ("DỰ THẢO").

Official documents are issued in Vietnamese whatever the reader's interface language: the
wording is not passed through gettext (the enums' labels are read in Vietnamese).
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core import downloads
from thidua.core.exceptions import ValidationFailed
from thidua.core.text import fold
from thidua.covenants.enums import MovementKind, RegistrationStatus, ScoringMode
from thidua.documents import layout
from thidua.documents.dates import vn_date
from thidua.documents.phrases import NUMBER_PREFIX
from thidua.documents.render import render_docx, render_pdf
from thidua.documents.spec import Block, DocumentSpec, Heading, Paragraph, Signer, Table
from thidua.dossiers.documents import CONTENT_TYPES, RenderedDocument
from thidua.dossiers.models import ProposalStatus
from thidua.dossiers.pack import legal_bases, percent, slug
from thidua.dossiers.selectors.pack_data import locality
from thidua.org.enums import BlocKind
from thidua.reports.selectors.summary import (
    PollSummary,
    SeasonSummary,
    UnitRef,
    VoteRow,
    season_summary,
)
from thidua.voting.enums import MeetingStatus, ThresholdBase

DOC_TYPE = "BÁO CÁO"
DRAFT = "DỰ THẢO"
BLANK_NUMBER = "     "
FORMATS = ("docx", "pdf")
SLUG_LENGTH = 60
_BASES: dict[str, str] = {
    ThresholdBase.MEMBERS: "tổng số thành viên",
    ThresholdBase.CAST: "số phiếu thu vào",
    ThresholdBase.VALID: "số phiếu hợp lệ",
}
_UNSAFE = frozenset('/\\"\r\n\t')
_ROLES = {"leader": "Trưởng khối", "deputy": "Phó Trưởng khối", "": "Thành viên"}


# --- wording helpers --------------------------------------------------------------------------


def _label(enum: Any, code: str) -> str:
    """An enum's label in Vietnamese (the msgids are Vietnamese), whatever the active language."""
    try:
        member = enum(code)
    except ValueError:
        return code
    with translation.override("vi"):
        return str(member.label)


def points(value: Decimal, *, places: int = 2) -> str:
    """Vietnamese figures: "1.000,00", "965,50" (a dot between thousands, a decimal comma)."""
    fixed = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{fixed:,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _total(value: Decimal) -> str:
    """A points total in prose, without trailing zeros: "1.000", "965,5"."""
    text = points(value)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _count(value: int) -> str:
    return f"{value:02d}"


def _day(date: datetime.date | None) -> str:
    return f"{date:%d/%m/%Y}" if date else ""


def _share(share: Fraction) -> str:
    return percent(share)


def _threshold(poll: PollSummary) -> str:
    """ "trên 50% tổng số thành viên" / "từ 80% tổng số thành viên trở lên"."""
    share = percent(poll.threshold_share).replace(",00%", "%")
    base = _BASES.get(poll.threshold_base, poll.threshold_base)
    if poll.threshold_strict:
        return f"trên {share} {base}"
    return f"từ {share} {base} trở lên"


def _rule(poll: PollSummary) -> str:
    parts = [part for part in (poll.rule_id, poll.rule_citation) if part]
    return f" ({', '.join(parts)})" if parts else ""


def _word(data: SeasonSummary) -> str:
    return "Cụm" if data.bloc_kind == BlocKind.CLUSTER else "Khối"


def _symbol(data: SeasonSummary) -> str:
    return "CTĐ" if data.bloc_kind == BlocKind.CLUSTER else "KTĐ"


def _name(unit: UnitRef | None, missing: str = "chưa xác định") -> str:
    return unit.name if unit is not None else missing


def _dashed(items: list[str]) -> list[Block]:
    return [Paragraph(text) for text in layout.dashed_lines(tuple(items))]


def _sub(text: str) -> Paragraph:
    return Paragraph(text, bold=True)


def _joined(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} và {items[-1]}"


def bare_province(name: str) -> str:
    """ "Tỉnh Nam Định" → "Nam Định" (the place of the date line)."""
    place = locality(name)
    for prefix in ("thành phố ", "tỉnh "):
        if place.startswith(prefix):
            return place[len(prefix) :]
    return place


# --- header -----------------------------------------------------------------------------------


def issuing_bodies(data: SeasonSummary) -> tuple[str, str]:
    """(parent body, issuing body): the leader unit acting as Trưởng khối ("BAN TUYÊN GIÁO TỈNH
    ỦY" over "TRƯỞNG KHỐI THI ĐUA …"); without a leader, the province over the bloc."""
    bloc = data.bloc.name.upper()
    if data.leader is None:
        return locality(data.province.name).upper(), bloc
    word = _word(data).upper()
    office = bloc if fold(bloc).startswith(("khoi", "cum")) else f"{word} {bloc}"
    return data.leader.name.upper(), f"TRƯỞNG {office}"


def number_line(data: SeasonSummary, number: str = "") -> str:
    """ "Số: 05/BC-KTĐ"; a blank number leaves room to write it by hand."""
    text = number.strip()
    if text.isdigit() and len(text) == 1:
        text = f"0{text}"  # Decree 30: numbers below 10 take a leading zero
    return f"{NUMBER_PREFIX} {text or BLANK_NUMBER}/BC-{_symbol(data)}"


def title_of(data: SeasonSummary) -> str:
    """The summary line (trích yếu)."""
    return (
        f"Tổng kết công tác thi đua, khen thưởng năm {data.year} "
        f"và phương hướng nhiệm vụ năm {data.year + 1}"
    )


# --- I. members -------------------------------------------------------------------------------


def _members(data: SeasonSummary) -> list[Block]:
    word = _word(data)
    blocks: list[Block] = [Heading("I. ĐẶC ĐIỂM TÌNH HÌNH")]
    if not data.members:
        blocks.append(Paragraph(f"Năm {data.year}, {data.bloc.name} chưa có đơn vị thành viên."))
        return blocks
    blocks.append(
        Paragraph(
            f"Năm {data.year}, {data.bloc.name} gồm {_count(data.member_count)} đơn vị thành "
            f"viên; đơn vị Trưởng {word.lower()}: {_name(data.leader)}; đơn vị Phó Trưởng "
            f"{word.lower()}: {_name(data.deputy)}. Danh sách đơn vị thành viên:"
        )
    )
    blocks.append(
        Table(
            header=("STT", "Đơn vị thành viên", "Nhiệm vụ trong Khối"),
            rows=tuple(
                (str(i), m.name, _ROLES.get(m.role, "").replace("khối", word.lower()))
                for i, m in enumerate(data.members, start=1)
            ),
            widths=(0.9, 8.6, 3.6),
            align=("center", "left", "center"),
        )
    )
    return blocks


# --- II. covenant, movements, registrations ---------------------------------------------------


def _covenant(data: SeasonSummary) -> list[Block]:
    blocks: list[Block] = [_sub("1. Ký kết giao ước thi đua")]
    covenant = data.covenant
    if covenant is None:
        blocks.append(Paragraph(f"Năm {data.year}, Khối chưa lập giao ước thi đua trên hệ thống."))
        return blocks
    signed = f"{covenant.signed}/{data.member_count} đơn vị ký trực tuyến"
    if covenant.signing_date is not None:
        lead = (
            f"{vn_date(covenant.signing_date).capitalize()}, các đơn vị thành viên đã ký kết "
            f"giao ước thi đua “{covenant.title}” ({signed})"
        )
    elif covenant.signed:
        lead = f"Các đơn vị thành viên đã ký kết giao ước thi đua “{covenant.title}” ({signed})"
    else:
        lead = f"Giao ước thi đua “{covenant.title}” chưa được ký kết"
    if covenant.items:
        blocks.append(Paragraph(f"{lead}, với các nội dung:"))
        blocks.extend(_dashed(list(covenant.items)))
    else:
        blocks.append(Paragraph(f"{lead}."))
    mode = _label(ScoringMode, covenant.scoring_mode).lower()
    table = f"Bảng điểm thi đua {_total(covenant.total_points)} điểm, hình thức thẩm định: {mode}"
    if covenant.groups:
        blocks.append(Paragraph(f"{table}, gồm:"))
        blocks.extend(
            _dashed([f"{g.code}. {g.title}: {_total(g.max_points)} điểm" for g in covenant.groups])
        )
    else:
        blocks.append(Paragraph(f"{table}."))
    return blocks


def _movements(data: SeasonSummary) -> list[Block]:
    blocks: list[Block] = [_sub("2. Các phong trào thi đua trong năm")]
    if not data.movements:
        blocks.append(
            Paragraph(f"Không có phong trào thi đua nào của năm {data.year} được ghi nhận.")
        )
        return blocks
    blocks.append(
        Paragraph(
            f"Các đơn vị thành viên đã tham gia {_count(len(data.movements))} phong trào thi đua:"
        )
    )
    lines = []
    for movement in data.movements:
        kind = _label(MovementKind, movement.kind).lower()
        when = f"từ {_day(movement.start_date)}"
        if movement.end_date:
            when += f" đến {_day(movement.end_date)}"
        by = f", do {movement.launched_by} phát động" if movement.launched_by else ""
        lines.append(f"Phong trào “{movement.name}” ({kind}{by}, {when})")
    blocks.extend(_dashed(lines))
    return blocks


def _registrations(data: SeasonSummary) -> list[Block]:
    blocks: list[Block] = [_sub("3. Đăng ký thi đua")]
    rows = data.registrations
    if not rows:
        blocks.append(Paragraph("Chưa có đơn vị nào đăng ký thi đua trên hệ thống."))
        return blocks
    approved = sum(1 for r in rows if r.status == RegistrationStatus.APPROVED)
    blocks.append(
        Paragraph(
            f"Có {_count(len(rows))}/{_count(data.member_count)} đơn vị đăng ký thi đua, trong "
            f"đó {_count(approved)} bản đăng ký đã được duyệt:"
        )
    )
    blocks.append(
        Table(
            header=("STT", "Đơn vị", "Danh hiệu, hình thức đăng ký", "Trạng thái"),
            rows=tuple(
                (
                    str(i),
                    r.unit.name,
                    "; ".join(r.aimed_titles),
                    _label(RegistrationStatus, r.status),
                )
                for i, r in enumerate(rows, start=1)
            ),
            widths=(0.9, 5.0, 4.8, 2.4),
            align=("center", "left", "left", "center"),
        )
    )
    return blocks


# --- III. ranking -----------------------------------------------------------------------------


def _ranking(data: SeasonSummary) -> list[Block]:
    blocks: list[Block] = [Heading("III. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG")]
    ranked = [r for r in data.ranking if r.rank is not None]
    excluded = [r for r in data.ranking if r.rank is None]
    if not data.ranking:
        blocks.append(Paragraph(f"Chưa có kết quả chấm điểm thi đua năm {data.year}."))
        return blocks
    blocks.append(
        Paragraph(
            f"Kết quả chấm điểm thi đua năm {data.year} theo bảng điểm "
            f"{_total(data.table_total)} điểm (tổng điểm = điểm chấm + điểm cộng − điểm trừ):"
        )
    )
    blocks.append(
        Table(
            header=(
                "Hạng",
                "Đơn vị",
                "Điểm chấm",
                "Điểm cộng",
                "Điểm trừ",
                "Tổng điểm",
                "Xếp loại",
            ),
            rows=tuple(
                (
                    str(r.rank),
                    r.unit.name + (" (*)" if r.unreviewed else ""),
                    points(r.base),
                    points(r.bonus),
                    points(r.deduction),
                    points(r.total),
                    r.band,
                )
                for r in ranked
            ),
            widths=(1.1, 4.4, 1.7, 1.5, 1.5, 1.7, 1.6),
            align=("center", "left", "right", "right", "right", "right", "center"),
        )
    )
    if any(r.unreviewed for r in ranked):
        blocks.append(Paragraph("(*) Điểm tự chấm, chưa được thẩm định.", italic=True))
    for r in ranked:
        if r.note:
            blocks.append(Paragraph(f"{r.unit.name}: {r.note}", italic=True))
    for r in excluded:
        reason = ", ".join(part for part in (r.excluded_rule, r.note) if part)
        blocks.append(Paragraph(f"{r.unit.name} không được xếp hạng ({reason})."))
    unscored = data.member_count - len(data.ranking)
    if unscored > 0:
        blocks.append(Paragraph(f"Có {_count(unscored)} đơn vị chưa có bảng chấm điểm."))
    return blocks


# --- IV. votes and proposals ------------------------------------------------------------------


def _meeting(data: SeasonSummary) -> Paragraph:
    meeting = data.meeting
    word = _word(data)
    if meeting is None:
        return Paragraph(
            f"{word} chưa tổ chức hội nghị tổng kết, bình xét thi đua năm {data.year}."
        )
    where = f", tại {meeting.place}" if meeting.place else ""
    chair = ", ".join(part for part in (meeting.chair_name, meeting.chair_title) if part)
    by = f", do đồng chí {chair} chủ trì" if chair else ""
    verb = "đã tổ chức" if meeting.status == MeetingStatus.CLOSED else "tổ chức"
    return Paragraph(
        f"{vn_date(meeting.held_on).capitalize()}{where}, {data.bloc.name} {verb} "
        f"{meeting.title[:1].lower()}{meeting.title[1:]} với sự tham dự của "
        f"{meeting.present}/{data.member_count} đơn vị thành viên{by}."
    )


def _outcome(row: VoteRow, *, election: bool) -> str:
    if row.elected:
        return "Trúng cử" if election else "Đạt"
    if row.tied:
        return "Bằng phiếu"
    return "Không trúng cử" if election else "Không đạt"


def vote_rows(poll: PollSummary) -> list[VoteRow]:
    """The units that received votes (or were elected, or tied), by votes."""
    return [row for row in poll.rows if row.votes or row.elected or row.tied]


def vote_table(poll: PollSummary, *, election: bool = False) -> Table:
    rows = vote_rows(poll)
    return Table(
        header=("STT", "Đơn vị", "Số phiếu", "Tỷ lệ", "Kết quả"),
        rows=tuple(
            (
                str(i),
                row.unit.name,
                f"{row.votes}/{poll.members}",
                _share(row.share),
                _outcome(row, election=election),
            )
            for i, row in enumerate(rows, start=1)
        ),
        widths=(0.9, 6.0, 1.7, 1.9, 3.0),
        align=("center", "left", "center", "center", "center"),
    )


def poll_blocks(poll: PollSummary, heading: str, *, election: bool = False) -> list[Block]:
    """A poll's figures and table; a poll not closed gives no figures (never a partial count)."""
    if not poll.closed:
        return [Paragraph(f"{heading}: chưa kết thúc bỏ phiếu, chưa có kết quả.")]
    blocks: list[Block] = [
        Paragraph(
            f"{heading}: số phiếu thu vào {poll.cast}/{poll.members}, hợp lệ {poll.valid}, "
            f"phiếu trắng {poll.blank}, không hợp lệ {poll.spoiled}. Ngưỡng đạt: "
            f"{_threshold(poll)}{_rule(poll)}, tức ít nhất {poll.required} phiếu; tỷ lệ tính "
            f"trên tổng số {poll.members} đơn vị thành viên:"
        )
    ]
    table = vote_table(poll, election=election)
    if table.rows:
        blocks.append(table)
    if len(table.rows) < len(poll.rows):
        blocks.append(Paragraph("Các đơn vị còn lại trong danh sách không có phiếu bầu."))
    return blocks


def _votes(data: SeasonSummary) -> list[Block]:
    blocks: list[Block] = [_sub("1. Kết quả bỏ phiếu bình xét, suy tôn")]
    polls = data.nominations
    if not polls:
        blocks.append(Paragraph("Chưa có cuộc bỏ phiếu bình xét, suy tôn nào."))
        return blocks
    for index, poll in enumerate(polls, start=1):
        blocks.extend(poll_blocks(poll, f"1.{index}. {poll.title}"))
    return blocks


def _proposal_status(code: str) -> str:
    return _label(ProposalStatus, code)


def _proposals(data: SeasonSummary) -> list[Block]:
    blocks: list[Block] = [_sub("2. Đề nghị khen thưởng")]
    rows = data.proposals
    if not rows:
        blocks.append(Paragraph("Chưa có đề nghị khen thưởng nào."))
        return blocks
    blocks.append(
        Paragraph(f"{data.bloc.name} đã lập {_count(len(rows))} đề nghị khen thưởng; tình trạng:")
    )
    blocks.append(
        Table(
            header=("STT", "Tập thể, cá nhân", "Hình thức đề nghị", "Số phiếu", "Tình trạng"),
            rows=tuple(
                (
                    str(i),
                    p.subject if not p.is_person else f"{p.subject} ({p.unit})",
                    p.award_name,
                    f"{p.votes}/{data.member_count}" if p.votes is not None else "",
                    _proposal_status(p.status)
                    + (f" (Quyết định số {p.decision_number})" if p.decision_number else ""),
                )
                for i, p in enumerate(rows, start=1)
            ),
            widths=(0.9, 4.1, 3.6, 1.5, 3.1),
            align=("center", "left", "left", "center", "left"),
        )
    )
    return blocks


# --- V. awards --------------------------------------------------------------------------------


def _decisions(data: SeasonSummary) -> list[Block]:
    blocks: list[Block] = [Heading("V. KẾT QUẢ KHEN THƯỞNG")]
    if not data.decisions and not data.unit_awards and not data.person_awards:
        blocks.append(Paragraph(f"Chưa có quyết định khen thưởng nào cho năm {data.year}."))
        return blocks
    if data.decisions:
        blocks.append(_sub("1. Các quyết định khen thưởng"))
        lines = []
        for decision in data.decisions:
            awards: dict[str, list[str]] = {}
            for subject, award in decision.lines:
                awards.setdefault(award, []).append(subject)
            given = "; ".join(f"{award}: {', '.join(who)}" for award, who in awards.items())
            lines.append(
                f"Quyết định số {decision.number} ngày {_day(decision.date)} của "
                f"{decision.authority}: {given}"
            )
        blocks.extend(_dashed(lines))
    if data.unit_awards:
        blocks.append(_sub(f"{2 if data.decisions else 1}. Tập thể được khen thưởng"))
        blocks.append(
            Table(
                header=("STT", "Đơn vị", "Danh hiệu, hình thức", "Quyết định"),
                rows=tuple(
                    (
                        str(i),
                        line.unit,
                        line.award_name,
                        " ".join(
                            part
                            for part in (
                                line.decision_number,
                                f"ngày {_day(line.decision_date)}" if line.decision_date else "",
                            )
                            if part
                        ),
                    )
                    for i, line in enumerate(data.unit_awards, start=1)
                ),
                widths=(0.9, 5.2, 4.4, 2.7),
                align=("center", "left", "left", "left"),
            )
        )
    if data.person_awards:
        counts = [f"{_count(c.count)} {c.award_name}" for c in data.person_awards]
        blocks.append(
            Paragraph(
                f"Cá nhân thuộc các đơn vị thành viên được công nhận, khen thưởng năm "
                f"{data.year}: {'; '.join(counts)}."
            )
        )
    return blocks


# --- VI. next year ----------------------------------------------------------------------------


def _elected(poll: PollSummary | None) -> str:
    """ " (7/10 phiếu, 70,00%)" of the unit a closed election poll elected."""
    if poll is None or len(poll.elected) != 1:
        return ""
    row = poll.elected[0]
    return f" ({row.votes}/{poll.members} phiếu, {_share(row.share)})"


def _next_year(data: SeasonSummary) -> list[Block]:
    following = data.next_year
    word = _word(data).lower()
    blocks: list[Block] = [Heading(f"VI. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM {following.year}")]
    leader, deputy = following.leader, following.deputy
    if leader is None and deputy is None:
        blocks.append(
            Paragraph(
                f"{_word(data)} chưa bầu đơn vị Trưởng {word}, Phó Trưởng {word} năm "
                f"{following.year}."
            )
        )
    else:
        elected = following.leader_poll is not None or following.deputy_poll is not None
        parts = []
        if leader is not None:
            parts.append(f"{leader.name} làm đơn vị Trưởng {word}{_elected(following.leader_poll)}")
        if deputy is not None:
            parts.append(
                f"{deputy.name} làm đơn vị Phó Trưởng {word}{_elected(following.deputy_poll)}"
            )
        verb = "Hội nghị đã bầu" if elected else "Đã xác định"
        blocks.append(Paragraph(f"{verb} {_joined(parts)} năm {following.year}."))
    for poll, office in ((following.leader_poll, "Trưởng"), (following.deputy_poll, "Phó Trưởng")):
        if poll is not None:
            blocks.extend(
                poll_blocks(
                    poll, f"Kết quả bầu {office} {word} năm {following.year}", election=True
                )
            )
    blocks.append(
        Paragraph(
            f"Năm {following.year}, các đơn vị thành viên tiếp tục đẩy mạnh các phong trào thi "
            "đua gắn với nhiệm vụ chính trị của từng đơn vị; ký kết giao ước thi đua ngay từ đầu "
            "năm; tự chấm điểm, thẩm định, bình xét, suy tôn và đề nghị khen thưởng đúng quy "
            "định, kịp thời."
        )
    )
    return blocks


# --- the document -----------------------------------------------------------------------------


def summary_spec(data: SeasonSummary, *, date: datetime.date, number: str = "") -> DocumentSpec:
    """The report dated `date` (its legal bases are those in force that day), numbered `number`
    ("" leaves the number to write by hand)."""
    parent, issuer = issuing_bodies(data)
    word = _word(data)
    lead = data.leader.name if data.leader else data.bloc.name
    role = f" (đơn vị Trưởng {word.lower()})" if data.leader else ""
    blocks: list[Block] = []
    if not data.finished:
        blocks.append(Paragraph(DRAFT, bold=True, align="center", indent=False))
    blocks.append(
        Paragraph(
            f"Thực hiện kế hoạch công tác thi đua, khen thưởng năm {data.year}, {lead}{role} "
            f"báo cáo tổng kết công tác thi đua, khen thưởng năm {data.year} của {data.bloc.name} "
            "như sau:"
        )
    )
    blocks += _members(data)
    blocks += [Heading("II. CÔNG TÁC TỔ CHỨC PHONG TRÀO THI ĐUA")]
    blocks += _covenant(data) + _movements(data) + _registrations(data)
    blocks += _ranking(data)
    blocks += [Heading("IV. KẾT QUẢ BÌNH XÉT, SUY TÔN"), _meeting(data)]
    blocks += _votes(data) + _proposals(data)
    blocks += _decisions(data)
    blocks += _next_year(data)
    blocks.append(
        Paragraph(
            f"Trên đây là báo cáo tổng kết công tác thi đua, khen thưởng năm {data.year} và "
            f"phương hướng nhiệm vụ năm {data.year + 1} của {data.bloc.name}./."
        )
    )
    meeting = data.meeting
    place = meeting.place_name if meeting and meeting.place_name else None
    title = f"Báo cáo tổng kết công tác thi đua, khen thưởng năm {data.year} – {data.bloc.name}"
    return DocumentSpec(
        parent_body=parent,
        issuing_body=issuer,
        doc_type=DOC_TYPE,
        summary=title_of(data),
        number=number_line(data, number),
        place=place or bare_province(data.province.name),
        date=date,
        legal_bases=legal_bases(date),
        blocks=tuple(blocks),
        signers=(Signer("", f"TRƯỞNG {word.upper()}", meeting.chair_name if meeting else ""),),
        distribution=(
            f"Ban Thi đua – Khen thưởng {locality(data.province.name)}",
            f"Các đơn vị thành viên {word}",
            "Lưu: VT",
        ),
        title_for_metadata=title if data.finished else f"Dự thảo {title[:1].lower()}{title[1:]}",
    )


# --- files ------------------------------------------------------------------------------------


def filename(data: SeasonSummary, fmt: str) -> str:
    """ASCII: "bao-cao-tong-ket-khoi-thi-dua-cac-ban-co-quan-cua-dang-2022.pdf"."""
    stem = slug(data.bloc.name)[:SLUG_LENGTH].strip("-")
    draft = "du-thao-" if not data.finished else ""
    return f"{draft}bao-cao-tong-ket-{stem}-{data.year}.{fmt}"


def display_name(data: SeasonSummary, fmt: str) -> str:
    """The file's Vietnamese name: "Báo cáo tổng kết 2022 - Khối thi đua ….pdf"."""
    draft = "Dự thảo báo cáo" if not data.finished else "Báo cáo"
    name = f"{draft} tổng kết {data.year} - {data.bloc.name}"
    return "".join(c for c in name if c not in _UNSAFE).strip() + f".{fmt}"


def content_disposition(data: SeasonSummary, fmt: str) -> str:
    """An attachment with the ASCII name and the UTF-8 one (RFC 6266 / 5987)."""
    return downloads.content_disposition(display_name(data, fmt), ascii_name=filename(data, fmt))


def _check(fmt: str, number: str) -> None:
    if fmt not in FORMATS:
        raise ValidationFailed(
            _("Định dạng văn bản phải là docx hoặc pdf."), code="document_format"
        )
    text = number.strip()
    if text and (not text.isdigit() or len(text) > 6):
        raise ValidationFailed(
            _("Số văn bản chỉ gồm chữ số (tối đa 6 chữ số)."), code="document_number"
        )


def render(data: SeasonSummary, *, fmt: str, date: datetime.date, number: str = "") -> bytes:
    _check(fmt, number)
    spec = summary_spec(data, date=date, number=number)
    return render_docx(spec) if fmt == "docx" else render_pdf(spec)


def render_summary(
    *,
    user: Any,
    season_id: int,
    fmt: str,
    date: datetime.date | None = None,
    number: str = "",
) -> tuple[RenderedDocument, SeasonSummary]:
    """The season's report as bytes with its content type and ASCII file name, and the data it
    was built from (for the UTF-8 name). Refused before reading anything: a format other than
    docx or pdf (document_format), a number that is not digits (document_number)."""
    _check(fmt, number)
    data = season_summary(user=user, season_id=season_id)
    day = date or timezone.localdate()
    body = render(data, fmt=fmt, date=day, number=number)
    return RenderedDocument(body, CONTENT_TYPES[fmt], filename(data, fmt)), data


__all__ = [
    "DRAFT",
    "FORMATS",
    "bare_province",
    "content_disposition",
    "display_name",
    "filename",
    "issuing_bodies",
    "number_line",
    "points",
    "poll_blocks",
    "render",
    "render_summary",
    "summary_spec",
    "title_of",
    "vote_rows",
    "vote_table",
]
