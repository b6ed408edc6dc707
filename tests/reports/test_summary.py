"""A bloc's year-end summary report: the season's data (`reports.selectors.summary`), the report
as a Decree 30 document (`reports.summary`), its .docx read back with python-docx and its PDF
through pdftotext and pdffonts.

The world (tests/reports/test_summary_world.py): a season of Nam Định's party bloc with its
covenant, movements, registrations, scores, the closed year-end meeting of 01/12/2022 (a
provincial-flag nomination and the election of next year's leader), proposals, a decision and the
registry's lines.
"""

import datetime
import io
from decimal import Decimal
from fractions import Fraction
from urllib.parse import unquote

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from tests.documents.pdftools import needs_poppler, pdf_fonts, pdf_text
from tests.factories import UserFactory
from tests.reports.test_summary_world import (
    BLOC,
    ITEMS,
    NAMES,
    SIGNED_ON,
    TINH,
    summary_world,
)
from thidua.accounts.enums import Role
from thidua.core.exceptions import NotFound, ValidationFailed
from thidua.documents.phrases import MOTTO, NATIONAL_NAME
from thidua.documents.spec import Heading, Paragraph, Table
from thidua.dossiers.pack import legal_bases
from thidua.org.enums import BlocKind
from thidua.reports.selectors.summary import season_summary
from thidua.reports.summary import (
    DRAFT,
    content_disposition,
    display_name,
    filename,
    points,
    render,
    render_summary,
    summary_spec,
)
from thidua.scoring.models import Exclusion, Scorecard
from thidua.scoring.selectors.ranking import ranking_for_season

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = datetime.date(2022, 12, 20)
HEADINGS = [
    "I. ĐẶC ĐIỂM TÌNH HÌNH",
    "II. CÔNG TÁC TỔ CHỨC PHONG TRÀO THI ĐUA",
    "III. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG",
    "IV. KẾT QUẢ BÌNH XÉT, SUY TÔN",
    "V. KẾT QUẢ KHEN THƯỞNG",
    "VI. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2023",
]


@pytest.fixture
def world():
    return summary_world(4)


def data_of(world, user=None):
    return season_summary(user=user or world.board, season_id=world.season.pk)


def texts(spec):
    return [b.text for b in spec.blocks if isinstance(b, Paragraph | Heading)]


def tables(spec):
    return [b for b in spec.blocks if isinstance(b, Table)]


def after(lines, heading, count=1):
    start = lines.index(heading)
    return lines[start + 1 : start + 1 + count]


# --- the data ------------------------------------------------------------------------------------


def test_summary_reads_the_bloc_members_leader_and_deputy(world):
    data = data_of(world)

    assert (data.year, data.bloc.name, data.finished) == (2022, BLOC, True)
    assert (data.leader.name, data.deputy.name) == (NAMES[0], NAMES[1])
    # Sorted as Vietnamese readers expect (đ after d, diacritics ignored): "Tổ" before "Tuyên".
    assert [m.name for m in data.members] == [
        "Ban Dân vận Tỉnh ủy",
        "Ban Tổ chức Tỉnh ủy",
        "Ban Tuyên giáo Tỉnh ủy",
        "Ủy ban Kiểm tra Tỉnh ủy",
    ]
    roles = {m.name: m.role for m in data.members}
    assert (roles[NAMES[0]], roles[NAMES[1]], roles[NAMES[2]]) == ("leader", "deputy", "")
    assert all(m.signed_covenant and m.present for m in data.members)


def test_summary_reads_the_covenant_movements_and_registrations(world):
    data = data_of(world)

    covenant = data.covenant
    assert (covenant.signing_date, covenant.items, covenant.signed) == (SIGNED_ON, ITEMS, 4)
    assert [(g.code, g.max_points) for g in covenant.groups] == [
        ("I", Decimal("60")),
        ("II", Decimal("40")),
        ("B.1", Decimal("10")),
        ("D.1", Decimal("10")),
    ]
    # The bloc's movement running during the year; not another bloc's, not another year's.
    assert [m.name for m in data.movements] == ["Văn hóa công sở giai đoạn 2019-2025"]
    assert [(r.unit.name, r.status) for r in data.registrations][0] == (
        "Ban Dân vận Tỉnh ủy",
        "approved",
    )
    assert len(data.registrations) == 4


def test_summary_ranking_is_the_scoring_apps_ranking(world):
    data = data_of(world)
    ranking = ranking_for_season(user=world.board, season=world.season)

    assert [(r.rank, r.unit.name, r.total) for r in data.ranking] == [
        (row.rank, row.entry.unit_name, row.total) for row in ranking.rows
    ]
    assert [(r.rank, r.unit.name, r.total) for r in data.ranking[:2]] == [
        (1, NAMES[0], Decimal("100")),
        (2, NAMES[1], Decimal("97")),
    ]
    assert data.table_total == Decimal("100")


def test_summary_polls_share_the_votes_of_the_total_membership(world):
    data = data_of(world)

    nomination, election = data.polls
    assert (nomination.kind, nomination.award_name, nomination.closed) == (
        "nomination",
        "Cờ thi đua của UBND tỉnh",
        True,
    )
    assert [(r.unit.name, r.votes, r.share, r.elected) for r in nomination.rows[:2]] == [
        (NAMES[0], 4, Fraction(1), True),
        (NAMES[1], 3, Fraction(3, 4), False),
    ]
    assert (nomination.members, nomination.required, nomination.rule_id) == (4, 3, "VOT-13")
    assert (nomination.threshold_share, nomination.threshold_strict) == (Fraction(1, 2), True)
    assert data.nominations == (nomination,)
    assert election.elected[0].unit.name == NAMES[1]


def test_summary_reads_proposals_decisions_registry_lines_and_next_year(world):
    data = data_of(world)

    assert [(p.subject, p.award_code, p.status, p.decision_number) for p in data.proposals] == [
        (NAMES[0], TINH, "decided", "135/QĐ-UBND"),
        (NAMES[2], "bang_khen_chu_tich_ubnd_tinh", "received", ""),
    ]
    [decision] = data.decisions
    assert (decision.number, decision.lines) == (
        "135/QĐ-UBND",
        ((NAMES[0], "Cờ thi đua của UBND tỉnh"),),
    )
    # The members' own lines of the year (the flag first, catalogue order), not revoked ones nor
    # another year's; their people's lines counted.
    assert [(a.unit, a.award_code) for a in data.unit_awards][:1] == [(NAMES[0], TINH)]
    assert len(data.unit_awards) == 1 + 4
    assert [(c.award_code, c.count) for c in data.person_awards] == [("lao_dong_tien_tien", 4)]
    following = data.next_year
    assert (following.year, following.leader.name, following.deputy.name) == (
        2023,
        NAMES[1],
        NAMES[2],
    )
    assert following.leader_poll.elected[0].votes == 4


def test_summary_of_a_season_outside_the_users_provinces_is_not_found(world):
    with pytest.raises(NotFound):
        data_of(world, world.foreign_board)
    with pytest.raises(NotFound):
        season_summary(user=world.board, season_id=10**9)


@pytest.mark.parametrize("who", ["board", "viewer", "officer"])
def test_summary_is_read_by_everyone_of_the_province(world, who):
    assert data_of(world, getattr(world, who)).season_id == world.season.pk


# 19 reads (see the selector's docstring) and the user's provinces (2, once per user).
QUERIES = 21


def test_summary_queries_do_not_grow_with_the_bloc():
    small, large = summary_world(2), summary_world(10)
    with CaptureQueriesContext(connection) as two:
        assert data_of(small).member_count == 2
    with CaptureQueriesContext(connection) as ten:
        assert data_of(large).member_count == 10

    assert len(two.captured_queries) == len(ten.captured_queries) == QUERIES


def test_summary_queries_of_a_bare_season_are_fixed_too():
    small, large = summary_world(2, complete=False), summary_world(10, complete=False)
    with CaptureQueriesContext(connection) as two:
        data_of(small)
    with CaptureQueriesContext(connection) as ten:
        data_of(large)

    assert len(two.captured_queries) == len(ten.captured_queries)


# --- the document --------------------------------------------------------------------------------


def test_spec_header_is_the_leader_unit_as_truong_khoi_with_a_bc_number(world):
    spec = summary_spec(data_of(world), date=DAY, number="5")

    assert (spec.parent_body, spec.issuing_body) == (
        "BAN TUYÊN GIÁO TỈNH ỦY",
        "TRƯỞNG KHỐI THI ĐUA CÁC BAN, CƠ QUAN CỦA ĐẢNG",
    )
    assert (spec.doc_type, spec.number, spec.place, spec.date) == (
        "BÁO CÁO",
        "Số: 05/BC-KTĐ",
        "Nam Định",
        DAY,
    )
    assert spec.summary == (
        "Tổng kết công tác thi đua, khen thưởng năm 2022 và phương hướng nhiệm vụ năm 2023"
    )
    assert spec.signers[0].title == "TRƯỞNG KHỐI"
    assert spec.signers[0].name == "Ngô Văn Liên"
    assert spec.distribution[-1] == "Lưu: VT"


@pytest.mark.parametrize(
    ("day", "decree"),
    [
        (datetime.date(2022, 12, 20), "91/2017/NĐ-CP"),
        (datetime.date(2024, 3, 1), "98/2023/NĐ-CP"),
        (datetime.date(2026, 1, 5), "152/2025/NĐ-CP"),
    ],
)
def test_spec_cites_the_legal_bases_in_force_on_its_date(world, day, decree):
    spec = summary_spec(data_of(world), date=day)

    assert spec.legal_bases == legal_bases(day)
    assert decree in spec.legal_bases[1]


def test_spec_without_a_number_leaves_it_to_write_by_hand(world):
    assert summary_spec(data_of(world), date=DAY).number == "Số:      /BC-KTĐ"


def test_spec_has_the_six_sections_in_order(world):
    spec = summary_spec(data_of(world), date=DAY)

    assert [b.text for b in spec.blocks if isinstance(b, Heading)] == HEADINGS
    assert texts(spec)[-1].endswith("./.")
    assert DRAFT not in texts(spec)


def test_spec_sections_carry_the_figures(world):
    spec = summary_spec(data_of(world), date=DAY)

    lines = texts(spec)
    assert after(lines, "I. ĐẶC ĐIỂM TÌNH HÌNH")[0].startswith(
        f"Năm 2022, {BLOC} gồm 04 đơn vị thành viên; đơn vị Trưởng khối: {NAMES[0]}; đơn vị "
        f"Phó Trưởng khối: {NAMES[1]}."
    )
    assert (
        "Ngày 15 tháng 02 năm 2022, các đơn vị thành viên đã ký kết giao ước thi đua "
        "“Giao ước thi đua năm 2022” (4/4 đơn vị ký trực tuyến), với các nội dung:"
    ) in lines
    assert f"- {ITEMS[0]};" in lines
    assert "- I. Thực hiện nhiệm vụ chính trị: 60 điểm;" in lines
    assert any(
        t.startswith("- Phong trào “Văn hóa công sở giai đoạn 2019-2025” (chuyên đề") for t in lines
    )
    assert "Có 04/04 đơn vị đăng ký thi đua, trong đó 04 bản đăng ký đã được duyệt:" in lines
    assert (
        "Ngày 01 tháng 12 năm 2022, tại Hội trường Ban Tuyên giáo Tỉnh ủy, "
        f"{BLOC} đã tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2022 với sự "
        "tham dự của 4/4 đơn vị thành viên, do đồng chí Ngô Văn Liên, Trưởng Ban Tuyên giáo "
        "Tỉnh ủy chủ trì."
    ) in lines
    nomination = next(t for t in lines if t.startswith("1.1. "))
    assert "Ngưỡng đạt: trên 50% tổng số thành viên (VOT-13, Khoản 7 Điều 30" in nomination
    assert "tức ít nhất 3 phiếu; tỷ lệ tính trên tổng số 4 đơn vị thành viên:" in nomination
    assert (
        f"- Quyết định số 135/QĐ-UBND ngày 16/01/2023 của Chủ tịch UBND tỉnh Nam Định: "
        f"Cờ thi đua của UBND tỉnh: {NAMES[0]}."
    ) in lines
    assert (
        "Cá nhân thuộc các đơn vị thành viên được công nhận, khen thưởng năm 2022: "
        "04 Lao động tiên tiến."
    ) in lines
    assert (
        f"Hội nghị đã bầu {NAMES[1]} làm đơn vị Trưởng khối (4/4 phiếu, 100,00%) và {NAMES[2]} "
        "làm đơn vị Phó Trưởng khối năm 2023."
    ) in lines


def test_spec_tables_members_ranking_votes_proposals_and_awards(world):
    members, registrations, ranking, votes, proposals, awards, election = tables(
        summary_spec(data_of(world), date=DAY)
    )

    assert members.header == ("STT", "Đơn vị thành viên", "Nhiệm vụ trong Khối")
    assert members.rows[2] == ("3", NAMES[0], "Trưởng khối")
    assert registrations.rows[2][2:] == ("Cờ thi đua của UBND tỉnh", "Đã duyệt")
    assert ranking.header[0] == "Hạng"
    assert ranking.rows[0] == ("1", NAMES[0], "100,00", "0,00", "0,00", "100,00", "Xuất sắc")
    assert ranking.rows[1][1:] == (NAMES[1], "97,00", "0,00", "0,00", "97,00", "Xuất sắc")
    assert votes.rows[:2] == (
        ("1", NAMES[0], "4/4", "100,00%", "Đạt"),
        ("2", NAMES[1], "3/4", "75,00%", "Không đạt"),
    )
    assert proposals.rows == (
        (
            "1",
            NAMES[0],
            "Cờ thi đua của UBND tỉnh",
            "4/4",
            "Đã có quyết định (Quyết định số 135/QĐ-UBND)",
        ),
        ("2", NAMES[2], "Bằng khen của Chủ tịch UBND tỉnh", "", "Đã tiếp nhận"),
    )
    assert awards.rows[0] == (
        "1",
        NAMES[0],
        "Cờ thi đua của UBND tỉnh",
        "135/QĐ-UBND ngày 16/01/2023",
    )
    assert election.rows[0] == ("1", NAMES[1], "4/4", "100,00%", "Trúng cử")


def test_spec_ranking_notes_unreviewed_excluded_and_unscored_units(world):
    units = world.units
    Scorecard.objects.filter(season=world.season, unit=units[1]).update(status="submitted")
    Scorecard.objects.filter(season=world.season, unit=units[3]).delete()
    Exclusion.objects.create(
        season=world.season,
        unit=units[2],
        rule_id="GEN-03",
        reason="Có cán bộ bị kỷ luật",
        recorded_by=world.board,
    )

    spec = summary_spec(data_of(world), date=DAY)

    ranking = next(t for t in tables(spec) if t.header[0] == "Hạng")
    assert [row[1] for row in ranking.rows] == [NAMES[0], f"{NAMES[1]} (*)"]
    lines = texts(spec)
    assert "(*) Điểm tự chấm, chưa được thẩm định." in lines
    assert f"{NAMES[2]} không được xếp hạng (GEN-03, Có cán bộ bị kỷ luật)." in lines
    assert "Có 01 đơn vị chưa có bảng chấm điểm." in lines


def test_spec_of_an_unfinished_season_is_a_draft():
    world = summary_world(3, closed=False)

    data = data_of(world)
    spec = summary_spec(data, date=DAY)

    assert data.finished is False
    first = spec.blocks[0]
    assert (first.text, first.bold, first.align) == (DRAFT, True, "center")
    assert spec.title_for_metadata.startswith("Dự thảo báo cáo tổng kết")
    assert filename(data, "pdf").startswith("du-thao-bao-cao-tong-ket-")


EMPTY = [
    "Năm 2022, Khối chưa lập giao ước thi đua trên hệ thống.",
    "Không có phong trào thi đua nào của năm 2022 được ghi nhận.",
    "Chưa có đơn vị nào đăng ký thi đua trên hệ thống.",
    "Chưa có kết quả chấm điểm thi đua năm 2022.",
    "Khối chưa tổ chức hội nghị tổng kết, bình xét thi đua năm 2022.",
    "Chưa có cuộc bỏ phiếu bình xét, suy tôn nào.",
    "Chưa có đề nghị khen thưởng nào.",
    "Chưa có quyết định khen thưởng nào cho năm 2022.",
    "Khối chưa bầu đơn vị Trưởng khối, Phó Trưởng khối năm 2023.",
]


def test_spec_of_a_bloc_that_has_done_nothing_says_so_in_each_section():
    world = summary_world(2, complete=False)

    spec = summary_spec(data_of(world), date=DAY)

    lines = texts(spec)
    assert lines[0] == DRAFT
    assert [b.text for b in spec.blocks if isinstance(b, Heading)] == HEADINGS
    for sentence in EMPTY:
        assert sentence in lines, sentence
    assert [t.header[0] for t in tables(spec)] == ["STT"]  # the members' table only


def test_spec_without_a_leader_is_issued_under_the_bloc(world):
    season = world.season
    season.leader = None
    season.save()
    data = data_of(world)

    spec = summary_spec(data, date=DAY)

    assert (spec.parent_body, spec.issuing_body) == (
        f"TỈNH {world.province.name.upper()}",
        BLOC.upper(),
    )
    assert any("đơn vị Trưởng khối: chưa xác định" in text for text in texts(spec))


def test_spec_of_a_cluster_says_cum_and_ctd(world):
    bloc = world.season.bloc
    bloc.kind = BlocKind.CLUSTER
    bloc.name = "Cụm thi đua các xã phía Bắc"
    bloc.save()

    spec = summary_spec(data_of(world), date=DAY, number="12")

    assert (spec.issuing_body, spec.number) == (
        "TRƯỞNG CỤM THI ĐUA CÁC XÃ PHÍA BẮC",
        "Số: 12/BC-CTĐ",
    )
    assert spec.signers[0].title == "TRƯỞNG CỤM"
    assert "Các đơn vị thành viên Cụm" in spec.distribution


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("1000"), 2, "1.000,00"),
        (Decimal("965.5"), 2, "965,50"),
        (Decimal("0.005"), 2, "0,01"),
        (Decimal("1234567"), 0, "1.234.567"),
    ],
)
def test_points_are_written_the_vietnamese_way(value, places, text):
    assert points(value, places=places) == text


def test_file_names_are_ascii_with_the_vietnamese_name_beside(world):
    data = data_of(world)

    header = content_disposition(data, "pdf")

    assert (
        filename(data, "pdf") == "bao-cao-tong-ket-khoi-thi-dua-cac-ban-co-quan-cua-dang-2022.pdf"
    )
    assert header.isascii()
    assert header.startswith(f"attachment; filename=\"{filename(data, 'pdf')}\"; filename*=UTF-8''")
    assert unquote(header.split("''", 1)[1]) == display_name(data, "pdf")
    assert display_name(data, "pdf") == f"Báo cáo tổng kết 2022 - {BLOC}.pdf"


@pytest.mark.parametrize(
    ("fmt", "number", "code"),
    [
        ("odt", "", "document_format"),
        ("pdf", "12a", "document_number"),
        ("docx", "1\x00", "document_number"),
    ],
)
def test_render_summary_refuses_a_bad_format_or_number(world, fmt, number, code):
    with pytest.raises(ValidationFailed) as caught:
        render_summary(user=world.board, season_id=world.season.pk, fmt=fmt, number=number)

    assert caught.value.code == code


# --- the files read back -------------------------------------------------------------------------


@pytest.fixture
def files(world):
    data = data_of(world)
    return {fmt: render(data, fmt=fmt, date=DAY, number="5") for fmt in ("docx", "pdf")}


def open_docx(data):
    return docx.Document(io.BytesIO(data))


def runs_of(document):
    runs = [r for p in document.paragraphs for r in p.runs]
    cells = [c for t in document.tables for c in t._cells]
    return runs + [r for c in cells for p in c.paragraphs for r in p.runs]


def test_docx_is_times_new_roman_13_14_with_the_motto_block(files):
    document = open_docx(files["docx"])
    runs = runs_of(document)
    header = document.tables[0]

    assert document.styles["Normal"].font.name == "Times New Roman"
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size for r in runs} <= {None, Pt(11), Pt(12), Pt(13), Pt(14)}
    national = next(r for r in runs if r.text == NATIONAL_NAME)
    motto = next(r for r in runs if r.text == MOTTO)
    assert (national.bold, national.font.size) == (True, Pt(13))
    assert (motto.bold, motto.underline, motto.font.size) == (True, True, Pt(14))
    assert header.cell(1, 0).text == "Số: 05/BC-KTĐ"
    assert header.cell(1, 1).text == "Nam Định, ngày 20 tháng 12 năm 2022"
    assert "TRƯỞNG KHỐI THI ĐUA CÁC BAN, CƠ QUAN CỦA ĐẢNG" in header.cell(0, 0).text


def test_docx_has_the_title_headings_and_legal_bases(files):
    document = open_docx(files["docx"])
    by_text = {p.text: p for p in document.paragraphs}

    title = by_text["BÁO CÁO"]
    assert (title.alignment, title.runs[0].bold) == (WD_ALIGN_PARAGRAPH.CENTER, True)
    for heading in HEADINGS:
        assert by_text[heading].runs[0].bold, heading
    assert (
        "Căn cứ Luật Thi đua, khen thưởng năm 2003;"
        in by_text[next(t for t in by_text if t.startswith("Căn cứ Luật"))].text
    )
    assert DRAFT not in by_text


def test_docx_tables_have_the_right_figures(files):
    document = open_docx(files["docx"])
    found = [
        (tuple(c.text for c in t.rows[0].cells), [[c.text for c in r.cells] for r in t.rows[1:]])
        for t in document.tables[1:]
    ]

    def rows(*header):
        return [body for head, body in found if head == header]

    [ranking] = rows(
        "Hạng", "Đơn vị", "Điểm chấm", "Điểm cộng", "Điểm trừ", "Tổng điểm", "Xếp loại"
    )
    assert ranking[0] == ["1", NAMES[0], "100,00", "0,00", "0,00", "100,00", "Xuất sắc"]
    nomination, election = rows("STT", "Đơn vị", "Số phiếu", "Tỷ lệ", "Kết quả")
    assert nomination[1] == ["2", NAMES[1], "3/4", "75,00%", "Không đạt"]
    assert election[0] == ["1", NAMES[1], "4/4", "100,00%", "Trúng cử"]
    [members] = rows("STT", "Đơn vị thành viên", "Nhiệm vụ trong Khối")
    assert [row[1] for row in members] == [
        "Ban Dân vận Tỉnh ủy",
        "Ban Tổ chức Tỉnh ủy",
        "Ban Tuyên giáo Tỉnh ủy",
        "Ủy ban Kiểm tra Tỉnh ủy",
    ]


def test_docx_of_a_draft_carries_the_mark_centred_and_bold():
    world = summary_world(2, closed=False)

    document = open_docx(render(data_of(world), fmt="docx", date=DAY))

    [mark] = [p for p in document.paragraphs if p.text == DRAFT]
    assert (mark.alignment, mark.runs[0].bold) == (WD_ALIGN_PARAGRAPH.CENTER, True)


@needs_poppler
def test_pdf_text_is_vietnamese_intact(files):
    flat = " ".join(pdf_text(files["pdf"]).split())

    for text in (
        NATIONAL_NAME,
        MOTTO,
        "Số: 05/BC-KTĐ",
        "Nam Định, ngày 20 tháng 12 năm 2022",
        "BÁO CÁO",
        "Tổng kết công tác thi đua, khen thưởng năm 2022",
        *HEADINGS,
        "Ủy ban Kiểm tra Tỉnh ủy",
        "Đảng",
        "75,00%",
        "Hội nghị đã bầu Ban Tổ chức Tỉnh ủy làm đơn vị Trưởng khối",
        "TRƯỞNG KHỐI",
        "Ngô Văn Liên",
        "Nơi nhận:",
        "- Lưu: VT.",
    ):
        assert text in flat, text
    assert DRAFT not in flat


@needs_poppler
def test_pdf_embeds_its_fonts(files):
    fonts = pdf_fonts(files["pdf"])

    assert fonts
    assert all(f["emb"] == "yes" and "LiberationSerif" in f["name"].replace("-", "") for f in fonts)


@needs_poppler
def test_pdf_of_a_bare_draft_says_each_section_is_empty():
    world = summary_world(2, complete=False)

    flat = " ".join(pdf_text(render(data_of(world), fmt="pdf", date=DAY)).split())

    assert DRAFT in flat
    for sentence in EMPTY:
        assert sentence in flat, sentence


def test_render_summary_reads_and_renders_for_the_user(world):
    rendered, data = render_summary(
        user=world.viewer, season_id=world.season.pk, fmt="docx", date=DAY, number="7"
    )

    assert rendered.data.startswith(b"PK")
    assert rendered.filename == filename(data, "docx")
    assert open_docx(rendered.data).tables[0].cell(1, 0).text == "Số: 07/BC-KTĐ"
    with pytest.raises(NotFound):
        render_summary(user=world.foreign_board, season_id=world.season.pk, fmt="pdf")


def test_an_inactive_user_reads_nothing(world):
    user = UserFactory(role=Role.BOARD_ADMIN, province=world.province, is_active=False)

    with pytest.raises(NotFound):
        data_of(world, user)
