"""The vote-count minutes (biên bản kiểm phiếu) of a closed poll, after Mẫu 1.9 of Decree 30/2020.

Built only from what closing froze on the poll (the result, the rules in force, the ballot list
hash) and the meeting's records, so the minutes of a past poll never change. Official documents
are issued in Vietnamese whatever the reader's interface language: the wording is not passed
through gettext.
"""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import Any

from django.utils import timezone

from thidua.awards.rulebook import load_rulebook
from thidua.core.exceptions import Conflict
from thidua.core.text import fold
from thidua.documents.dates import vn_date
from thidua.documents.render import render_docx, render_pdf
from thidua.documents.spec import Block, DocumentSpec, Heading, Paragraph, Signer, Table
from thidua.org.enums import BlocKind
from thidua.voting.enums import CommitteeRole, PollKind, PollStatus, ThresholdBase, TiePolicy
from thidua.voting.models import Attendance, Candidate, CommitteeMember, Poll

DOC_TYPE = "BIÊN BẢN"
# Centrally-run cities: "THÀNH PHỐ …" rather than "TỈNH …" above the bloc's name.
_CITIES = {fold(n) for n in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")}
# Poll titles that start with a verb read as part of the summary: "Kiểm phiếu suy tôn …".
_VERBS = ("Bình xét", "Suy tôn", "Bầu", "Bỏ phiếu", "Biểu quyết", "Lựa chọn")
_BASE: dict[str, str] = {
    ThresholdBase.MEMBERS: "tổng số thành viên",
    ThresholdBase.CAST: "số phiếu thu vào",
    ThresholdBase.VALID: "số phiếu hợp lệ",
}
# The enums' labels are translated for the interface; the minutes keep their own wording.
_TIE: dict[str, str] = {
    TiePolicy.RUNOFF: "bỏ phiếu lại giữa các đơn vị bằng phiếu",
    TiePolicy.GEN05: "ưu tiên đơn vị có từ 70% nữ trở lên (GEN-05), sau đó bỏ phiếu lại",
}
_RESULT_TABLE_HEADER = ("STT", "Đơn vị", "Số phiếu", "Tỷ lệ (%)", "Kết quả")


def _bloc_word(bloc: Any) -> str:
    return "Cụm" if bloc.kind == BlocKind.CLUSTER else "Khối"


def _parent_body(province_name: str) -> str:
    name = province_name.strip()
    key = fold(name)
    if key.startswith(("tinh ", "thanh pho ")):
        return name.upper()
    if key.startswith("tp."):
        name = name[3:].strip()
        key = fold(name)
    if key in _CITIES:
        return f"THÀNH PHỐ {name.upper()}"
    return f"TỈNH {name.upper()}"


def _summary(title: str) -> str:
    for verb in _VERBS:
        if title.startswith(verb):
            return f"Kiểm phiếu {verb.lower()}{title[len(verb) :]}"
    return f"Kiểm phiếu {title}"


def _award_name(code: str) -> str:
    if not code:
        return ""
    try:
        return load_rulebook().award_type(code).name
    except LookupError:
        return code


def _pct(value: Fraction | float, *, places: int = 2, trim: bool = False) -> str:
    """Vietnamese decimals: "66,67"; `trim` drops ",00" ("50")."""
    text = f"{float(value):.{places}f}"
    if trim:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


# A count is part of the meeting when it ends within this many days after the meeting's date.
COUNT_DAYS = 1


def _clock(moment: datetime.datetime | None) -> str:
    if moment is None:
        return "…… giờ …… phút"
    local = timezone.localtime(moment)
    return f"{local.hour:02d} giờ {local.minute:02d} phút"


def _cite(rule: Any) -> str:
    """ "VOT-13, <citation>" from a frozen rule entry ({"id", "citation", …} or a bare id)."""
    if isinstance(rule, dict):
        parts = [rule.get("id", ""), rule.get("citation", "")]
        return ", ".join(p for p in parts if p)
    return str(rule or "")


def _with_cite(text: str, rule: Any) -> str:
    cite = _cite(rule)
    return f"{text} ({cite})" if cite else text


def _rules(poll: Poll) -> dict[str, Any]:
    rules = (poll.result or {}).get("rules") or poll.rule_ids or {}
    return rules if isinstance(rules, dict) else {}


def _opening(poll: Poll) -> list[Block]:
    meeting = poll.meeting
    bloc = meeting.season.bloc
    when = vn_date(meeting.held_on)
    started = meeting.started_at
    if started is not None and timezone.localtime(started).date() == meeting.held_on:
        when = f"vào lúc {_clock(started)}, {when}"
    where = f", tại {meeting.place}" if meeting.place else ""
    text = (
        f"Hôm nay, {when}{where}, {bloc.name} tổ chức {meeting.title}; "
        f"Ban kiểm phiếu tiến hành kiểm phiếu {_summary(poll.title)[len('Kiểm phiếu ') :]}."
    )
    return [Paragraph(text)]


def _participants(poll: Poll, committee: list[CommitteeMember]) -> list[Block]:
    meeting = poll.meeting
    word = _bloc_word(meeting.season.bloc)
    result = poll.result or {}
    members = result.get("members", poll.members_count)
    present = result.get("present", poll.present_count)
    blocks: list[Block] = [
        Heading("I. THÀNH PHẦN THAM DỰ"),
        Paragraph(
            f"Tổng số thành viên của {word}: {members} đơn vị; có mặt: {present} đơn vị; "
            f"vắng mặt: {max(members - present, 0)} đơn vị."
        ),
    ]
    attendances = list(
        Attendance.objects.filter(meeting=meeting).select_related("unit").order_by("unit__name")
    )
    here = [a.unit.name for a in attendances if a.present]
    away = [a.unit.name for a in attendances if not a.present]
    if here:
        blocks.append(Paragraph(f"Các đơn vị có mặt: {', '.join(here)}."))
    if away:
        blocks.append(Paragraph(f"Các đơn vị vắng mặt: {', '.join(away)}."))
    if meeting.chair_name:
        chair = ", ".join(p for p in (meeting.chair_name, meeting.chair_title) if p)
        blocks.append(Paragraph(f"Chủ trì: đồng chí {chair}."))
    if meeting.secretary_name:
        blocks.append(Paragraph(f"Thư ký: đồng chí {meeting.secretary_name}."))
    if committee:
        blocks.append(Paragraph("Ban kiểm phiếu gồm:"))
        for index, member in enumerate(committee):
            role = "Trưởng ban" if member.role == CommitteeRole.HEAD else "Thành viên"
            who = ", ".join(p for p in (member.full_name, member.title) if p)
            end = "." if index == len(committee) - 1 else ";"
            blocks.append(Paragraph(f"- Đồng chí {who} – {role}{end}"))
    return blocks


def _subject(poll: Poll, award_name: str) -> str:
    season = poll.meeting.season
    word = _bloc_word(season.bloc)
    if poll.kind == PollKind.LEADER:
        subject = f"bầu Trưởng {word.lower()} năm {season.year + 1}"
    elif poll.kind == PollKind.DEPUTY:
        subject = f"bầu Phó Trưởng {word.lower()} năm {season.year + 1}"
    else:
        subject = f"bình xét, suy tôn đề nghị tặng {award_name or poll.award_type}"
    channels = [
        name
        for allowed, name in ((poll.allow_online, "trực tuyến"), (poll.allow_paper, "phiếu giấy"))
        if allowed
    ]
    text = (
        f"1. Nội dung bỏ phiếu: {poll.title} ({subject}); "
        f"số lượng được {'bầu' if poll.kind != PollKind.NOMINATION else 'suy tôn'}: {poll.seats}; "
        f"hình thức: bỏ phiếu kín ({' và '.join(channels)})."
    )
    if poll.runoff_of_id is not None:
        earlier = poll.runoff_of.title  # type: ignore[union-attr]
        text += f" Đây là cuộc bỏ phiếu lại giữa các đơn vị bằng phiếu của “{earlier}”."
    return text


def _rule_lines(poll: Poll) -> list[Block]:
    rules = _rules(poll)
    result = poll.result or {}
    share = _pct(poll.threshold * 100, trim=True)
    base_text = _BASE.get(poll.threshold_base, poll.threshold_base)
    if poll.threshold_strict:
        need = f"phải đạt trên {share}% {base_text}"
    else:
        need = f"phải đạt từ {share}% {base_text} trở lên"
    line = "2. Quy định áp dụng: đơn vị " + _with_cite(need, rules.get("threshold"))
    if "required" in result:
        line += f", tức là ít nhất {result['required']} phiếu"
    blocks: list[Block] = [Paragraph(line + ".")]
    if poll.quorum > 0:
        least = _pct(poll.quorum * 100, trim=True)
        quorum = f"Số thành viên có mặt phải đạt từ {least}% tổng số thành viên trở lên"
        blocks.append(Paragraph(_with_cite(quorum, rules.get("quorum")) + "."))
    tie = _TIE.get(poll.tie_policy, "")
    if tie:
        text = _with_cite(f"Trường hợp bằng phiếu: {tie}", rules.get("tie"))
        blocks.append(Paragraph(f"{text}."))
    if poll.override_reason:
        reason = poll.override_reason.strip().rstrip(".")
        blocks.append(Paragraph(f"Ghi chú về quy định áp dụng: {reason}."))
    return blocks


def _share_pct(row: dict[str, Any]) -> str:
    if "share_pct" in row:
        return _pct(row["share_pct"])
    if "share" in row:
        return _pct(Fraction(row["share"]) * 100)
    return ""


def _outcome_label(poll: Poll, row: dict[str, Any]) -> str:
    election = poll.kind != PollKind.NOMINATION
    if row.get("elected"):
        return "Trúng cử" if election else "Đạt"
    if row.get("tied"):
        return "Bằng phiếu"
    return "Không trúng cử" if election else "Không đạt"


def _counts(poll: Poll, names: dict[int, str]) -> list[Block]:
    result = poll.result or {}

    def count(key: str) -> int:
        return int(result.get(key, 0))

    blocks: list[Block] = [
        Paragraph("3. Kết quả kiểm phiếu:"),
        Paragraph(f"- Số phiếu phát ra: {count('issued')} phiếu;"),
        Paragraph(f"- Số phiếu thu vào: {count('cast')} phiếu;"),
        Paragraph(f"- Số phiếu hợp lệ: {count('valid')} phiếu;"),
        Paragraph(f"- Số phiếu trắng: {count('blank')} phiếu;"),
        Paragraph(f"- Số phiếu không hợp lệ: {count('spoiled')} phiếu."),
        Paragraph(
            "Số phiếu của từng đơn vị (tỷ lệ tính trên "
            f"{_BASE.get(poll.threshold_base, poll.threshold_base)}: {count('base')}):"
        ),
    ]
    rows = tuple(
        (
            str(index),
            names.get(row["id"], f"#{row['id']}"),
            str(row.get("votes", 0)),
            _share_pct(row),
            _outcome_label(poll, row),
        )
        for index, row in enumerate(result.get("candidates", []), start=1)
    )
    blocks.append(
        Table(
            header=_RESULT_TABLE_HEADER,
            rows=rows,
            widths=(0.9, 5.8, 1.8, 2.0, 2.3),
            align=("center", "left", "center", "center", "center"),
        )
    )
    return blocks


def _listed(ids: list[int], rows: dict[int, dict[str, Any]], names: dict[int, str]) -> str:
    parts = []
    for pk in ids:
        row = rows.get(pk, {})
        parts.append(f"{names.get(pk, f'#{pk}')} ({row.get('votes', 0)} phiếu, {_share_pct(row)}%)")
    return "; ".join(parts)


def _conclusion(
    poll: Poll, names: dict[int, str], candidates: list[Candidate], award_name: str
) -> list[Block]:
    result = poll.result or {}
    rows = {row["id"]: row for row in result.get("candidates", [])}
    elected = list(result.get("elected", []))
    tied = list(result.get("tied", []))
    season = poll.meeting.season
    word = _bloc_word(season.bloc)
    blocks: list[Block] = [Heading("III. KẾT LUẬN")]
    if elected:
        if poll.kind == PollKind.NOMINATION:
            lead = (
                "Các đơn vị đạt số phiếu theo quy định, được suy tôn đề nghị tặng "
                f"{award_name or poll.award_type}"
            )
        else:
            office = "Trưởng" if poll.kind == PollKind.LEADER else "Phó Trưởng"
            lead = f"Đơn vị trúng cử {office} {word.lower()} năm {season.year + 1}"
        blocks.append(Paragraph(f"{lead}: {_listed(elected, rows, names)}."))
    elif not tied:
        blocks.append(Paragraph("Không có đơn vị nào đạt số phiếu theo quy định."))
    if tied:
        rule = _rules(poll).get("tie")
        seats_left = result.get("seats_left", 0)
        blocks.append(
            Paragraph(
                f"Các đơn vị bằng phiếu ở vị trí cuối cùng: {_listed(tied, rows, names)}. "
                + _with_cite(
                    f"Cần bỏ phiếu lại giữa các đơn vị này cho {seats_left} vị trí còn lại", rule
                )
                + "."
            )
        )
    barred = [c for c in candidates if not c.selectable]
    for candidate in barred:
        reason = ", ".join(p for p in (candidate.exclusion_rule, candidate.exclusion_reason) if p)
        text = f"Đơn vị {candidate.unit.name} không đủ điều kiện để được lựa chọn"
        blocks.append(Paragraph(f"{text} ({reason})." if reason else f"{text}."))
    for note in result.get("notes", []):
        blocks.append(Paragraph(f"Ghi chú: {note}", italic=True))
    if poll.ballot_list_hash:
        blocks.append(
            Paragraph(
                f"Mã kiểm tra danh sách phiếu (SHA-256): {poll.ballot_list_hash}",
                align="left",
            )
        )
    return blocks


def _closing(poll: Poll) -> list[Block]:
    meeting = poll.meeting
    # The closing time of the poll when it closed at the meeting (that day or the next, a count
    # that ran late); otherwise the meeting's recorded end (a meeting keyed in afterwards), or a
    # blank to fill in by hand.
    end = next(
        (
            moment
            for moment in (poll.closed_at, meeting.ended_at)
            if moment is not None
            and 0 <= (timezone.localtime(moment).date() - meeting.held_on).days <= COUNT_DAYS
        ),
        None,
    )
    text = f"Việc kiểm phiếu kết thúc vào lúc {_clock(end)}"
    if end is not None and timezone.localtime(end).date() != meeting.held_on:
        text += f", {vn_date(timezone.localtime(end).date())}"
    else:
        text += " cùng ngày"
    text += (
        ". Biên bản đã được đọc lại trước hội nghị và được các thành viên Ban kiểm phiếu "
        "thống nhất ký tên./."
    )
    return [Paragraph(text)]


def _signers(poll: Poll, committee: list[CommitteeMember]) -> tuple[Signer, ...]:
    meeting = poll.meeting
    head = next((m for m in committee if m.role == CommitteeRole.HEAD), None)
    right = Signer("TM. BAN KIỂM PHIẾU", "TRƯỞNG BAN", head.full_name if head else "")
    if meeting.secretary_name:
        return (Signer("", "THƯ KÝ", meeting.secretary_name), right)
    member = next((m for m in committee if m is not head), None)
    if member is not None:
        return (Signer("", "THÀNH VIÊN BAN KIỂM PHIẾU", member.full_name), right)
    return (right,)


def minutes_spec(poll: Poll, *, award_name: str | None = None) -> DocumentSpec:
    """The minutes of a closed poll as a Decree 30 document.

    `award_name` is the catalogue name of the poll's award type; when not given it is looked up
    in the rulebook (the code stands in for an unknown type). Refused (Conflict, code
    poll_not_closed) for a poll that is not closed: there is no result to record.
    """
    if poll.status != PollStatus.CLOSED:
        raise Conflict(
            "Chỉ lập biên bản kiểm phiếu khi cuộc bỏ phiếu đã kết thúc.", code="poll_not_closed"
        )
    meeting = poll.meeting
    season = meeting.season
    bloc = season.bloc
    province = bloc.province
    name = _award_name(poll.award_type) if award_name is None else award_name
    committee = sorted(
        meeting.committee.all().order_by("order", "id"),
        key=lambda m: m.role != CommitteeRole.HEAD,
    )
    candidates = list(poll.candidates.select_related("unit").order_by("order", "id"))
    names = {c.pk: c.unit.name for c in candidates}
    blocks: list[Block] = [
        *_opening(poll),
        *_participants(poll, committee),
        Heading("II. NỘI DUNG KIỂM PHIẾU"),
        Paragraph(_subject(poll, name)),
        *_rule_lines(poll),
        *_counts(poll, names),
        *_conclusion(poll, names, candidates, name),
        *_closing(poll),
    ]
    symbol = "CTĐ" if bloc.kind == BlocKind.CLUSTER else "KTĐ"
    return DocumentSpec(
        parent_body=_parent_body(province.name),
        issuing_body=bloc.name.upper(),
        doc_type=DOC_TYPE,
        summary=_summary(poll.title),
        number=f"Số:      /BB-{symbol}",
        place=meeting.place_name or province.name,
        date=meeting.held_on,
        blocks=tuple(blocks),
        signers=_signers(poll, committee),
        title_for_metadata=f"Biên bản kiểm phiếu – {poll.title}",
    )


def minutes_docx(poll: Poll, *, award_name: str | None = None) -> bytes:
    return render_docx(minutes_spec(poll, award_name=award_name))


def minutes_pdf(poll: Poll, *, award_name: str | None = None) -> bytes:
    return render_pdf(minutes_spec(poll, award_name=award_name))


__all__ = ["minutes_docx", "minutes_pdf", "minutes_spec"]
