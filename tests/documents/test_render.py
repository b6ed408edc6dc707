import datetime
import io

import docx
import pytest
from docx.shared import Pt

from tests.documents.pdftools import needs_poppler, pdf_fonts, pdf_info, pdf_text
from thidua.documents.pdf import document_html
from thidua.documents.phrases import MOTTO, NATIONAL_NAME
from thidua.documents.render import render_docx, render_pdf
from thidua.documents.spec import DocumentSpec, Heading, Paragraph, Signer, Table

pytestmark = pytest.mark.unit

UNITS = (
    "Ban Tuyên giáo Tỉnh ủy",
    "Đảng ủy Khối Doanh nghiệp tỉnh",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Báo Nam Định",
)


def make_spec(*, rows: int = 5, **changes) -> DocumentSpec:
    table_rows = tuple(
        (str(i), UNITS[(i - 1) % len(UNITS)], str(10 - i % 10), "90,91", "Đạt")
        for i in range(1, rows + 1)
    )
    values = {
        "parent_body": "Tỉnh Nam Định",
        "issuing_body": "Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy",
        "doc_type": "Biên bản",
        "summary": "Kiểm phiếu suy tôn Cờ thi đua của UBND tỉnh năm 2023",
        "number": "Số: 05/BB-KTĐ",
        "place": "Nam Định",
        "date": datetime.date(2024, 1, 5),
        "legal_bases": ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",),
        "blocks": (
            Paragraph("Hôm nay, ngày 05 tháng 01 năm 2024, Khối thi đua tiến hành kiểm phiếu."),
            Heading("I. KẾT QUẢ KIỂM PHIẾU"),
            Table(
                header=("STT", "Đơn vị", "Số phiếu", "Tỷ lệ (%)", "Kết quả"),
                rows=table_rows,
                widths=(1, 6, 2, 2, 2),
                align=("center", "left", "center", "center", "center"),
            ),
            Paragraph("Việc kiểm phiếu kết thúc cùng ngày./."),
        ),
        "signers": (
            Signer("", "Thư ký", "Trần Thị Bình"),
            Signer("TM. Ban kiểm phiếu", "Trưởng ban", "Nguyễn Văn An"),
        ),
        "distribution": ("Ban Thi đua - Khen thưởng tỉnh", "Lưu: VT, BKP"),
        "title_for_metadata": "Biên bản kiểm phiếu năm 2023",
    }
    values.update(changes)
    return DocumentSpec(**values)


# --- .docx -----------------------------------------------------------------------------------


def open_docx(spec: DocumentSpec) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(spec)))


def test_docx_page_is_a4_portrait_with_decree_30_margins():
    section = open_docx(make_spec()).sections[0]

    measured = [
        round(value.mm, 1)
        for value in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]

    assert measured == [210.0, 297.0, 20.0, 20.0, 30.0, 15.0]


def test_docx_body_style_is_times_new_roman_14_justified_with_indent():
    normal = open_docx(make_spec()).styles["Normal"]

    fmt = normal.paragraph_format
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(14))
    assert round(fmt.first_line_indent.cm, 2) == 1.27
    assert fmt.space_after >= Pt(6)
    assert fmt.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY


def test_docx_every_run_names_times_new_roman():
    document = open_docx(make_spec())
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for c in t._cells for p in c.paragraphs for r in p.runs]

    assert {r.font.name for r in runs} == {"Times New Roman"}


def run_with_text(document, text):
    for table in document.tables:
        for cell in table._cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    if run.text == text:
                        return run
    raise AssertionError(f"no run {text!r}")


def test_docx_header_table_has_agency_national_name_and_motto():
    document = open_docx(make_spec())
    header = document.tables[0]

    national = run_with_text(document, NATIONAL_NAME)
    motto = run_with_text(document, MOTTO)
    issuer = run_with_text(document, "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG THUỘC TỈNH ỦY")
    parent = run_with_text(document, "TỈNH NAM ĐỊNH")
    assert header.cell(0, 1).paragraphs[0].text == NATIONAL_NAME
    assert (national.bold, national.font.size) == (True, Pt(13))
    assert (motto.bold, motto.underline, motto.font.size) == (True, True, Pt(14))
    assert (issuer.bold, issuer.font.size) == (True, Pt(13))
    assert (bool(parent.bold), parent.font.size) == (False, Pt(13))
    assert header.cell(1, 0).text == "Số: 05/BB-KTĐ"
    assert header.cell(1, 1).text == "Nam Định, ngày 05 tháng 01 năm 2024"
    assert header.cell(1, 1).paragraphs[0].runs[0].italic is True


def test_docx_title_block_is_caps_bold_centred():
    document = open_docx(make_spec())
    by_text = {p.text: p for p in document.paragraphs}

    title = by_text["BIÊN BẢN"]
    summary = by_text["Kiểm phiếu suy tôn Cờ thi đua của UBND tỉnh năm 2023"]
    center = docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert (title.alignment, title.runs[0].bold, title.runs[0].font.size) == (center, True, Pt(14))
    assert (summary.alignment, summary.runs[0].bold) == (center, True)


def test_docx_page_number_field_in_header_from_page_two():
    section = open_docx(make_spec()).sections[0]

    assert section.different_first_page_header_footer is True
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_docx_table_has_borders_bold_header_and_repeats_it():
    document = open_docx(make_spec())
    table = document.tables[1]

    header_row = table.rows[0]
    assert table.style.name == "Table Grid"
    assert [c.text for c in header_row.cells] == [
        "STT",
        "Đơn vị",
        "Số phiếu",
        "Tỷ lệ (%)",
        "Kết quả",
    ]
    assert all(c.paragraphs[0].runs[0].bold for c in header_row.cells)
    assert header_row._tr.trPr.xml.count("tblHeader") == 1
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        "Ban Tuyên giáo Tỉnh ủy",
        "9",
        "90,91",
        "Đạt",
    ]


def test_docx_signatures_side_by_side_with_distribution_below():
    document = open_docx(make_spec())
    signatures = document.tables[2]

    left = [p.text for p in signatures.cell(0, 0).paragraphs]
    right = [p.text for p in signatures.cell(0, 1).paragraphs]
    distribution = [p.text for p in document.paragraphs][-3:]
    assert left == ["THƯ KÝ", "Trần Thị Bình"]
    assert right == ["TM. BAN KIỂM PHIẾU", "TRƯỞNG BAN", "Nguyễn Văn An"]
    assert distribution == ["Nơi nhận:", "- Ban Thi đua - Khen thưởng tỉnh;", "- Lưu: VT, BKP."]


def test_docx_one_signer_has_distribution_beside_it():
    spec = make_spec(signers=(Signer("TM. Ban kiểm phiếu", "Trưởng ban", "Nguyễn Văn An"),))
    document = open_docx(spec)
    signatures = document.tables[2]

    left = [p.text for p in signatures.cell(0, 0).paragraphs]
    label = signatures.cell(0, 0).paragraphs[0].runs[0]
    assert left == ["Nơi nhận:", "- Ban Thi đua - Khen thưởng tỉnh;", "- Lưu: VT, BKP."]
    assert (label.bold, label.italic, label.font.size) == (True, True, Pt(12))


def test_docx_recipients_several_on_dashed_lines():
    spec = make_spec(recipients=("Ban Thi đua - Khen thưởng tỉnh", "Sở Nội vụ"))
    texts = [p.text for p in open_docx(spec).paragraphs]

    start = texts.index("Kính gửi:")
    assert texts[start : start + 3] == [
        "Kính gửi:",
        "- Ban Thi đua - Khen thưởng tỉnh;",
        "- Sở Nội vụ.",
    ]


def test_docx_blank_number_leaves_room_to_write_it():
    document = open_docx(make_spec(number=""))

    assert document.tables[0].cell(1, 0).text == "Số:      /"


def test_docx_metadata_title():
    document = open_docx(make_spec())

    assert document.core_properties.title == "Biên bản kiểm phiếu năm 2023"


# --- PDF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_pdf():
    return render_pdf(make_spec(rows=40))


@needs_poppler
def test_pdf_header_title_and_body_text_with_diacritics(long_pdf):
    text = pdf_text(long_pdf)

    for expected in (
        NATIONAL_NAME,
        MOTTO,
        "TỈNH NAM ĐỊNH",
        "KHỐI THI ĐUA CÁC CƠ QUAN",
        "ĐẢNG THUỘC TỈNH ỦY",
        "Số: 05/BB-KTĐ",
        "Nam Định, ngày 05 tháng 01 năm 2024",
        "BIÊN BẢN",
        "Kiểm phiếu suy tôn Cờ thi đua của UBND tỉnh năm 2023",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022.",
        "Ban Tuyên giáo Tỉnh ủy",
        "Đảng ủy Khối Doanh nghiệp tỉnh",
        "TM. BAN KIỂM PHIẾU",
        "Nguyễn Văn An",
        "Nơi nhận:",
        "- Lưu: VT, BKP.",
    ):
        assert expected in text, expected


@needs_poppler
def test_pdf_number_and_date_share_a_line(long_pdf):
    lines = pdf_text(long_pdf, page=1).splitlines()

    line = next(line for line in lines if "Số:" in line)
    assert " ".join(line.split()) == "Số: 05/BB-KTĐ Nam Định, ngày 05 tháng 01 năm 2024"


@needs_poppler
def test_pdf_fonts_are_embedded_times_metrics(long_pdf):
    fonts = pdf_fonts(long_pdf)

    assert fonts
    assert all(f["emb"] == "yes" for f in fonts)
    assert all(
        ("LiberationSerif" in f["name"].replace("-", ""))
        or "TimesNewRoman" in f["name"].replace("-", "")
        for f in fonts
    )


@needs_poppler
def test_pdf_page_numbers_from_page_two(long_pdf):
    first = pdf_text(long_pdf, page=1).split()
    second = pdf_text(long_pdf, page=2).split()

    assert first[0] != "1"
    assert second[0] == "2"


@needs_poppler
def test_pdf_is_a4_with_metadata_title(long_pdf):
    info = pdf_info(long_pdf)

    assert info["Title"] == "Biên bản kiểm phiếu năm 2023"
    assert info["Page size"].startswith("595.")


@needs_poppler
def test_pdf_table_header_repeats_on_the_next_page(long_pdf):
    second = pdf_text(long_pdf, page=2)

    assert "Tỷ lệ (%)" in second


def test_pdf_same_spec_gives_the_same_bytes():
    spec = make_spec()

    assert render_pdf(spec) == render_pdf(spec)


# Schema order of property children (ECMA-376 §17): Word refuses a file that breaks it.
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
)


def out_of_order(root, parent, order):
    ranks = {tag: i for i, tag in enumerate(order.split())}
    bad = []
    for element in root.iter(f"{{{W}}}{parent}"):
        tags = [child.tag.split("}")[1] for child in element]
        known = [ranks[t] for t in tags if t in ranks]
        if known != sorted(known):
            bad.append(tags)
    return bad


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_docx_property_children_follow_schema_order():
    document = open_docx(make_spec(recipients=("Sở Nội vụ", "Ban Thi đua - Khen thưởng tỉnh")))
    roots = [document.element, document.styles.element]
    roots += [document.sections[0].header._element, document.sections[0].first_page_header._element]

    bad = [
        found
        for root in roots
        for parent, order in (("pPr", PPR_ORDER), ("rPr", RPR_ORDER), ("tblPr", TBLPR_ORDER))
        for found in out_of_order(root, parent, order)
    ]

    assert bad == []


def test_docx_bare_number_gets_the_prefix_and_one_recipient_stays_inline():
    spec = make_spec(number="12/UBND-VX", recipients=("Sở Nội vụ",))
    document = open_docx(spec)

    assert document.tables[0].cell(1, 0).text == "Số: 12/UBND-VX"
    assert "Kính gửi: Sở Nội vụ." in [p.text for p in document.paragraphs]


def test_docx_three_signers_make_two_rows_the_odd_one_right():
    signers = (
        Signer("", "Thư ký", "Trần Thị Bình"),
        Signer("TM. Ban kiểm phiếu", "Trưởng ban", "Nguyễn Văn An"),
        Signer("", "Chủ trì", "Ngô Văn Liên"),
    )
    signatures = open_docx(make_spec(signers=signers, distribution=())).tables[2]

    cells = [[c.text for c in row.cells] for row in signatures.rows]
    assert cells == [
        ["THƯ KÝ\nTrần Thị Bình", "TM. BAN KIỂM PHIẾU\nTRƯỞNG BAN\nNguyễn Văn An"],
        ["", "CHỦ TRÌ\nNgô Văn Liên"],
    ]


def test_docx_paragraph_options_reach_the_runs():
    block = Paragraph("Kết luận.", bold=True, italic=True, align="center", indent=False)
    document = open_docx(make_spec(blocks=(block,), signers=()))

    para = next(p for p in document.paragraphs if p.text == "Kết luận.")
    run = para.runs[0]
    assert (run.bold, run.italic) == (True, True)
    assert para.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert para.paragraph_format.first_line_indent == 0


def test_pdf_html_carries_paragraph_classes_and_inline_recipient():
    block = Paragraph("Kết luận.", bold=True, italic=True, align="center", indent=False)
    spec = make_spec(blocks=(block,), recipients=("Sở Nội vụ",), signers=())

    html = document_html(spec)

    assert '<p class="center noindent bold italic">Kết luận.</p>' in html
    assert "Kính gửi: Sở Nội vụ." in html
