"""The vote-count minutes of a closed poll, from rows made directly with the ORM (no services)."""

import datetime
import io
from zoneinfo import ZoneInfo

import docx
import pytest
from docx.shared import Pt

from tests.documents.pdftools import needs_poppler, pdf_fonts, pdf_text
from tests.factories import (
    BlocFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
)
from thidua.core.exceptions import Conflict
from thidua.documents.spec import Heading, Paragraph, Signer, Table
from thidua.voting.enums import CommitteeRole, MeetingStatus, PollKind, PollStatus
from thidua.voting.minutes import minutes_docx, minutes_pdf, minutes_spec
from thidua.voting.models import Attendance, Candidate, CommitteeMember, Meeting, Poll

pytestmark = pytest.mark.integration

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
UNITS = (
    "Ban Tuyên giáo Tỉnh ủy",
    "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Báo Nam Định",
)
AWARD = "Cờ thi đua của UBND tỉnh"
HASH = "ab" * 32
RULES = {
    "threshold": {
        "id": "VOT-13",
        "title": "Ngưỡng suy tôn trong khối",
        "citation": "Quy chế hoạt động của Khối",
        "confidence": "U",
        "source": "rulebook",
    },
    "tie": {"id": "VOT-11", "citation": "NĐ 152/2025/NĐ-CP, Điều 4 khoản 6", "confidence": "U"},
}


def _row(candidate, votes, base, *, elected=False, tied=False):
    return {
        "id": candidate.pk,
        "votes": votes,
        "share": f"{votes}/{base}",
        "share_pct": round(100 * votes / base, 2),
        "passes_threshold": votes * 2 > base,
        "elected": elected,
        "tied": tied,
        "decided_by": "VOT-13" if elected else "",
    }


def make_poll(*, kind=PollKind.NOMINATION, votes=(3, 1, 0, 0, 0), elected=(0,), tied=(), **extra):
    """A closed poll of a five-member bloc of Nam Định, four present, one blank ballot."""
    province = ProvinceFactory(code="nam-dinh", name="Nam Định")
    bloc = BlocFactory(province=province, name="Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy")
    season = SeasonFactory(bloc=bloc, year=2023)
    units = [UnitFactory(province=province, name=name) for name in UNITS]
    for unit in units:
        SeasonMembershipFactory(season=season, unit=unit)
    meeting = Meeting.objects.create(
        season=season,
        title="Hội nghị tổng kết công tác thi đua năm 2023",
        held_on=datetime.date(2024, 1, 5),
        place="Hội trường Tỉnh ủy",
        place_name="Nam Định",
        chair_name="Ngô Văn Liên",
        chair_title="Trưởng Ban Tuyên giáo Tỉnh ủy",
        secretary_name=extra.pop("secretary_name", "Trần Thị Bình"),
        started_at=datetime.datetime(2024, 1, 5, 8, 30, tzinfo=HANOI),
        status=MeetingStatus.IN_PROGRESS,
    )
    for index, unit in enumerate(units):
        Attendance.objects.create(meeting=meeting, unit=unit, present=index != 4)
    CommitteeMember.objects.create(
        meeting=meeting, full_name="Lê Thị Cúc", title="Báo Nam Định", order=1
    )
    CommitteeMember.objects.create(
        meeting=meeting,
        full_name="Nguyễn Văn An",
        title="Phó Trưởng Ban Tổ chức Tỉnh ủy",
        role=CommitteeRole.HEAD,
        order=2,
    )
    poll = Poll.objects.create(
        meeting=meeting,
        kind=kind,
        award_type="co_thi_dua_ubnd_tinh" if kind == PollKind.NOMINATION else "",
        title=extra.pop("title", "Suy tôn Cờ thi đua của UBND tỉnh năm 2023"),
        seats=1,
        status=extra.pop("status", PollStatus.CLOSED),
        threshold_share="1/2",
        threshold_strict=True,
        members_count=5,
        present_count=4,
        rule_ids=RULES,
        ballot_list_hash=HASH,
        closed_at=datetime.datetime(2024, 1, 5, 10, 15, tzinfo=HANOI),
        **extra,
    )
    candidates = [
        Candidate.objects.create(poll=poll, unit=unit, order=i) for i, unit in enumerate(units)
    ]
    rows = [
        _row(c, v, 5, elected=i in elected, tied=i in tied)
        for i, (c, v) in enumerate(zip(candidates, votes, strict=True))
    ]
    rows.sort(key=lambda r: -r["votes"])
    poll.result = {
        "cast": 4,
        "valid": 3,
        "blank": 1,
        "spoiled": 0,
        "base": 5,
        "required": 3,
        "seats_left": 1 if tied else 0,
        "elected": [candidates[i].pk for i in elected],
        "tied": [candidates[i].pk for i in tied],
        "notes": [],
        "candidates": rows,
        "members": 5,
        "present": 4,
        "issued": 4,
        "paper_issued": 2,
        "rules": RULES,
    }
    poll.save()
    return poll


def texts(spec):
    return [b.text for b in spec.blocks if isinstance(b, Paragraph | Heading)]


def table(spec):
    return next(b for b in spec.blocks if isinstance(b, Table))


@pytest.mark.django_db
def test_minutes_spec_header_follows_decree_30():
    poll = make_poll()

    spec = minutes_spec(poll, award_name=AWARD)

    header = (
        spec.parent_body,
        spec.issuing_body,
        spec.number,
        spec.place,
        spec.date,
        spec.doc_type,
        spec.summary,
    )
    assert header == (
        "TỈNH NAM ĐỊNH",
        "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG THUỘC TỈNH ỦY",
        "Số:      /BB-KTĐ",
        "Nam Định",
        datetime.date(2024, 1, 5),
        "BIÊN BẢN",
        "Kiểm phiếu suy tôn Cờ thi đua của UBND tỉnh năm 2023",
    )
    assert spec.title_for_metadata == (
        "Biên bản kiểm phiếu – Suy tôn Cờ thi đua của UBND tỉnh năm 2023"
    )


@pytest.mark.django_db
def test_minutes_spec_records_time_place_participants_and_committee():
    spec = minutes_spec(make_poll(), award_name=AWARD)

    lines = texts(spec)
    assert lines[0] == (
        "Hôm nay, vào lúc 08 giờ 30 phút, ngày 05 tháng 01 năm 2024, tại Hội trường Tỉnh ủy, "
        "Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy tổ chức Hội nghị tổng kết công tác thi đua "
        "năm 2023; Ban kiểm phiếu tiến hành kiểm phiếu suy tôn Cờ thi đua của UBND tỉnh năm 2023."
    )
    assert "Tổng số thành viên của Khối: 5 đơn vị; có mặt: 4 đơn vị; vắng mặt: 1 đơn vị." in lines
    assert "Các đơn vị vắng mặt: Báo Nam Định." in lines
    assert "Chủ trì: đồng chí Ngô Văn Liên, Trưởng Ban Tuyên giáo Tỉnh ủy." in lines
    assert "Thư ký: đồng chí Trần Thị Bình." in lines
    start = lines.index("Ban kiểm phiếu gồm:")
    assert lines[start + 1 : start + 3] == [
        "- Đồng chí Nguyễn Văn An, Phó Trưởng Ban Tổ chức Tỉnh ủy – Trưởng ban;",
        "- Đồng chí Lê Thị Cúc, Báo Nam Định – Thành viên.",
    ]


@pytest.mark.django_db
def test_minutes_spec_states_the_rule_with_its_citation():
    lines = texts(minutes_spec(make_poll(), award_name=AWARD))

    assert (
        "2. Quy định áp dụng: đơn vị phải đạt trên 50% tổng số thành viên "
        "(VOT-13, Quy chế hoạt động của Khối), tức là ít nhất 3 phiếu."
    ) in lines
    assert (
        "Trường hợp bằng phiếu: bỏ phiếu lại giữa các đơn vị bằng phiếu "
        "(VOT-11, NĐ 152/2025/NĐ-CP, Điều 4 khoản 6)."
    ) in lines


@pytest.mark.django_db
def test_minutes_spec_at_least_share_reads_tu_tro_len():
    poll = make_poll()
    poll.threshold_share = "4/5"
    poll.threshold_strict = False
    poll.save()

    lines = texts(minutes_spec(poll, award_name=AWARD))

    assert any(
        line.startswith(
            "2. Quy định áp dụng: đơn vị phải đạt từ 80% tổng số thành viên trở lên (VOT-13,"
        )
        for line in lines
    )


@pytest.mark.django_db
def test_minutes_spec_counts_and_result_table():
    spec = minutes_spec(make_poll(), award_name=AWARD)

    lines = texts(spec)
    start = lines.index("3. Kết quả kiểm phiếu:")
    assert lines[start + 1 : start + 6] == [
        "- Số phiếu phát ra: 4 phiếu;",
        "- Số phiếu thu vào: 4 phiếu;",
        "- Số phiếu hợp lệ: 3 phiếu;",
        "- Số phiếu trắng: 1 phiếu;",
        "- Số phiếu không hợp lệ: 0 phiếu.",
    ]
    result = table(spec)
    assert result.header == ("STT", "Đơn vị", "Số phiếu", "Tỷ lệ (%)", "Kết quả")
    assert result.rows[:2] == (
        ("1", "Ban Tuyên giáo Tỉnh ủy", "3", "60,00", "Đạt"),
        ("2", "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh", "1", "20,00", "Không đạt"),
    )
    assert len(result.rows) == 5


@pytest.mark.django_db
def test_minutes_spec_outcome_hash_end_time_and_signers():
    spec = minutes_spec(make_poll(), award_name=AWARD)

    lines = texts(spec)
    assert (
        "Các đơn vị đạt số phiếu theo quy định, được suy tôn đề nghị tặng Cờ thi đua của UBND "
        "tỉnh: Ban Tuyên giáo Tỉnh ủy (3 phiếu, 60,00%)."
    ) in lines
    assert f"Mã kiểm tra danh sách phiếu (SHA-256): {HASH}" in lines
    assert lines[-1].startswith("Việc kiểm phiếu kết thúc vào lúc 10 giờ 15 phút cùng ngày.")
    assert spec.signers == (
        Signer("", "THƯ KÝ", "Trần Thị Bình"),
        Signer("TM. BAN KIỂM PHIẾU", "TRƯỞNG BAN", "Nguyễn Văn An"),
    )


@pytest.mark.django_db
def test_minutes_spec_without_secretary_first_member_signs_left():
    spec = minutes_spec(make_poll(secretary_name=""), award_name=AWARD)

    assert spec.signers[0] == Signer("", "THÀNH VIÊN BAN KIỂM PHIẾU", "Lê Thị Cúc")


@pytest.mark.django_db
def test_minutes_spec_tie_asks_for_a_runoff():
    poll = make_poll(votes=(2, 2, 0, 0, 0), elected=(), tied=(0, 1))

    spec = minutes_spec(poll, award_name=AWARD)

    assert [row[-1] for row in table(spec).rows[:3]] == ["Bằng phiếu", "Bằng phiếu", "Không đạt"]
    assert (
        "Các đơn vị bằng phiếu ở vị trí cuối cùng: Ban Tuyên giáo Tỉnh ủy (2 phiếu, 40,00%); "
        "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh (2 phiếu, 40,00%). Cần bỏ phiếu lại giữa "
        "các đơn vị này cho 1 vị trí còn lại (VOT-11, NĐ 152/2025/NĐ-CP, Điều 4 khoản 6)."
    ) in texts(spec)


@pytest.mark.django_db
def test_minutes_spec_nobody_passing_says_so():
    poll = make_poll(votes=(2, 1, 0, 0, 0), elected=())

    lines = texts(minutes_spec(poll, award_name=AWARD))

    assert "Không có đơn vị nào đạt số phiếu theo quy định." in lines


@pytest.mark.django_db
def test_minutes_spec_leader_election_reads_trung_cu():
    poll = make_poll(kind=PollKind.LEADER, title="Bầu Trưởng khối năm 2024")

    spec = minutes_spec(poll)

    assert spec.summary == "Kiểm phiếu bầu Trưởng khối năm 2024"
    assert [row[-1] for row in table(spec).rows[:2]] == ["Trúng cử", "Không trúng cử"]
    assert (
        "Đơn vị trúng cử Trưởng khối năm 2024: Ban Tuyên giáo Tỉnh ủy (3 phiếu, 60,00%)."
    ) in texts(spec)


@pytest.mark.django_db
def test_minutes_spec_city_parent_body():
    poll = make_poll()
    province = poll.meeting.season.bloc.province
    province.name = "Hải Phòng"
    province.save()
    poll.meeting.place_name = ""
    poll.meeting.save()

    spec = minutes_spec(Poll.objects.get(pk=poll.pk), award_name=AWARD)

    assert (spec.parent_body, spec.place) == ("THÀNH PHỐ HẢI PHÒNG", "Hải Phòng")


@pytest.mark.django_db
@pytest.mark.parametrize("status", [PollStatus.DRAFT, PollStatus.OPEN, PollStatus.CANCELLED])
def test_minutes_spec_refused_unless_closed(status):
    poll = make_poll(status=status)

    with pytest.raises(Conflict) as refused:
        minutes_spec(poll, award_name=AWARD)

    assert refused.value.code == "poll_not_closed"


@pytest.mark.django_db
def test_minutes_docx_is_times_new_roman_with_the_result_table():
    data = minutes_docx(make_poll(), award_name=AWARD)

    document = docx.Document(io.BytesIO(data))
    result = document.tables[1]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size == Pt(14)
    assert [c.text for c in result.rows[1].cells] == [
        "1",
        "Ban Tuyên giáo Tỉnh ủy",
        "3",
        "60,00",
        "Đạt",
    ]
    assert "BIÊN BẢN" in [p.text for p in document.paragraphs]


@needs_poppler
@pytest.mark.django_db
def test_minutes_pdf_text_and_fonts():
    data = minutes_pdf(make_poll(), award_name=AWARD)

    text = pdf_text(data)
    flat = " ".join(text.split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KHỐI THI ĐUA CÁC CƠ QUAN",
        "BIÊN BẢN",
        "Kiểm phiếu suy tôn Cờ thi đua của UBND tỉnh năm 2023",
        "Ban Tuyên giáo Tỉnh ủy",
        "Đảng ủy Khối",
        "TM. BAN KIỂM PHIẾU",
        "Nguyễn Văn An",
        HASH,
    ):
        assert expected in flat, expected
    assert all(f["emb"] == "yes" and "Liberation" in f["name"] for f in pdf_fonts(data))


@pytest.mark.django_db
def test_minutes_spec_looks_the_award_name_up_in_the_catalogue():
    lines = texts(minutes_spec(make_poll()))

    assert lines[lines.index("III. KẾT LUẬN") + 1].startswith(
        "Các đơn vị đạt số phiếu theo quy định, được suy tôn đề nghị tặng Cờ thi đua của UBND tỉnh:"
    )


@pytest.mark.django_db
def test_minutes_spec_unknown_award_code_stands_in_for_the_name():
    poll = make_poll()
    poll.award_type = "khong_co_trong_danh_muc"
    poll.save()

    lines = texts(minutes_spec(poll))

    assert any("đề nghị tặng khong_co_trong_danh_muc:" in line for line in lines)


@pytest.mark.django_db
def test_minutes_spec_quorum_override_runoff_barred_unit_and_notes():
    first = make_poll()
    poll = make_poll_in(first.meeting, runoff_of=first)
    poll.quorum_share = "4/5"
    poll.rule_ids = {**RULES, "quorum": {"id": "VOT-05", "citation": "Quy chế của Khối"}}
    poll.result = {**poll.result, "rules": poll.rule_ids, "notes": ["Đơn vị X bị loại (GEN-03)."]}
    poll.override_reason = "Khối đã thống nhất áp dụng ngưỡng của quy chế năm 2023"
    poll.save()
    barred = poll.candidates.get(order=4)
    barred.selectable = False
    barred.exclusion_rule = "GEN-03"
    barred.exclusion_reason = "Bị kỷ luật trong năm"
    barred.save()

    lines = texts(minutes_spec(poll, award_name=AWARD))

    assert (
        "Số thành viên có mặt phải đạt từ 80% tổng số thành viên trở lên "
        "(VOT-05, Quy chế của Khối)."
    ) in lines
    assert (
        "Ghi chú về quy định áp dụng: Khối đã thống nhất áp dụng ngưỡng của quy chế năm 2023."
    ) in lines
    assert any(
        line.endswith(
            "Đây là cuộc bỏ phiếu lại giữa các đơn vị bằng phiếu của "
            "“Suy tôn Cờ thi đua của UBND tỉnh năm 2023”."
        )
        for line in lines
    )
    assert (
        "Đơn vị Báo Nam Định không đủ điều kiện để được lựa chọn (GEN-03, Bị kỷ luật trong năm)."
    ) in lines
    assert "Ghi chú: Đơn vị X bị loại (GEN-03)." in lines


def make_poll_in(meeting, **fields):
    """A second closed poll of the same meeting, with the first poll's candidates and result."""
    first = meeting.polls.order_by("id").first()
    poll = Poll.objects.create(
        meeting=meeting,
        kind=first.kind,
        award_type=first.award_type,
        title="Suy tôn lại Cờ thi đua của UBND tỉnh năm 2023",
        status=PollStatus.CLOSED,
        members_count=5,
        present_count=4,
        rule_ids=RULES,
        ballot_list_hash=HASH,
        closed_at=first.closed_at,
        **fields,
    )
    ids = {}
    for candidate in first.candidates.order_by("order"):
        copy = Candidate.objects.create(poll=poll, unit=candidate.unit, order=candidate.order)
        ids[candidate.pk] = copy.pk
    result = dict(first.result)
    result["candidates"] = [{**row, "id": ids[row["id"]]} for row in result["candidates"]]
    result["elected"] = [ids[pk] for pk in result["elected"]]
    poll.result = result
    poll.save()
    return poll


@pytest.mark.django_db
def test_minutes_spec_without_times_leaves_blanks_and_a_later_close_names_its_date():
    poll = make_poll()
    meeting = poll.meeting
    meeting.started_at = None
    meeting.save()
    poll.closed_at = datetime.datetime(2024, 1, 6, 9, 5, tzinfo=HANOI)
    poll.save()

    lines = texts(minutes_spec(poll, award_name=AWARD))

    assert lines[0].startswith("Hôm nay, ngày 05 tháng 01 năm 2024, tại Hội trường Tỉnh ủy,")
    assert lines[-1].startswith(
        "Việc kiểm phiếu kết thúc vào lúc 09 giờ 05 phút, ngày 06 tháng 01 năm 2024."
    )


@pytest.mark.django_db
def test_minutes_spec_with_no_committee_has_one_blank_signer():
    poll = make_poll(secretary_name="")
    poll.meeting.committee.all().delete()

    spec = minutes_spec(poll, award_name=AWARD)

    assert spec.signers == (Signer("TM. BAN KIỂM PHIẾU", "TRƯỞNG BAN", ""),)


@pytest.mark.django_db
def test_minutes_of_a_meeting_recorded_afterwards_use_its_recorded_end():
    poll = make_poll()
    meeting = poll.meeting
    meeting.ended_at = datetime.datetime(2024, 1, 5, 16, 30, tzinfo=HANOI)
    meeting.save()
    poll.closed_at = datetime.datetime(2026, 11, 29, 8, 0, tzinfo=HANOI)  # keyed in years later
    poll.save()

    lines = texts(minutes_spec(poll, award_name=AWARD))

    assert lines[-1].startswith("Việc kiểm phiếu kết thúc vào lúc 16 giờ 30 phút cùng ngày.")
