"""The generated document pack of a bloc's proposal, for the Nam Định meeting of seed 001.

Seed 001: on 01/12/2022 the Khối thi đua các Ban, cơ quan của Đảng (Nam Định), chaired by
Ngô Văn Liên, Trưởng Ban Tuyên giáo Tỉnh ủy and Trưởng Khối 2022, proposed one unit for the Cờ
thi đua của Chính phủ, two for the Cờ thi đua của UBND tỉnh and three for the Bằng khen của Chủ
tịch UBND tỉnh. The seed names none of them: the units, votes, scores and the secretary are
invented.
"""

import dataclasses
import datetime
import io
import zipfile
from fractions import Fraction

import docx
import pytest
from docx.shared import Pt

from tests.documents.pdftools import needs_poppler, pdf_fonts, pdf_text
from tests.factories.dossiers import BK, LINES, MEMBERS, line, make_context
from thidua.documents.spec import Heading, Paragraph, Signer, Table
from thidua.dossiers.pack import (
    LEGAL_BASES,
    PACK,
    achievement_report,
    appraisal_report,
    draft_decision,
    legal_bases,
    pack_files,
    pack_specs,
    pack_zip,
    percent,
    proposal_list,
    review_minutes,
    slug,
    submission_letter,
    verdict_text,
)

pytestmark = pytest.mark.integration


def texts(spec):
    lines = [spec.number, spec.summary, *spec.legal_bases, *spec.recipients]
    for block in spec.blocks:
        if isinstance(block, Paragraph | Heading):
            lines.append(block.text)
    return lines


def tables(spec):
    return [block for block in spec.blocks if isinstance(block, Table)]


@pytest.fixture(scope="module")
def files():
    return dict(pack_files(make_context()))


# --- specs ---------------------------------------------------------------------------------------


def test_submission_letter_spec_header_recipients_and_signer():
    spec = submission_letter(make_context())

    assert (spec.parent_body, spec.issuing_body) == (
        "TỈNH ỦY NAM ĐỊNH",
        "KHỐI THI ĐUA CÁC BAN, CƠ QUAN CỦA ĐẢNG",
    )
    assert (spec.doc_type, spec.number) == ("TỜ TRÌNH", "Số: 12/TTr-KTĐ")
    assert spec.summary == "Về việc đề nghị khen thưởng năm 2022"
    assert spec.date == datetime.date(2022, 12, 5)
    assert spec.recipients == (
        "Chủ tịch Ủy ban nhân dân tỉnh Nam Định",
        "Ban Thi đua – Khen thưởng tỉnh Nam Định",
    )
    # A letter of December 2022 cites the law and decree then in force.
    assert spec.legal_bases == legal_bases(datetime.date(2022, 12, 5))
    assert "91/2017/NĐ-CP" in spec.legal_bases[1]
    assert spec.signers == (Signer("TM. KHỐI THI ĐUA", "KHỐI TRƯỞNG", "Ngô Văn Liên"),)
    assert spec.distribution[-1] == "Lưu: VT"


def test_submission_letter_spec_summarises_the_review_and_tables_the_proposals():
    spec = submission_letter(make_context())

    lines = texts(spec)
    [table] = tables(spec)
    assert "- Cờ thi đua của Chính phủ: 01 (Ban Tổ chức Tỉnh ủy);" in lines
    assert (
        "- Bằng khen của Chủ tịch UBND tỉnh: 03 "
        "(Ủy ban Kiểm tra Tỉnh ủy; Ban Dân vận Tỉnh ủy; Báo Nam Định)."
    ) in lines
    assert table.header[0] == "STT"
    assert table.rows[2] == ("3", "Văn phòng Tỉnh ủy", "Cờ thi đua của UBND tỉnh", "6/9 (66,67%)")
    assert len(table.rows) == 6
    assert lines[-1].endswith("./.")


def test_submission_letter_blank_number_is_left_to_fill_by_hand():
    spec = submission_letter(make_context(number=""))

    assert spec.number == "Số:      /TTr-KTĐ"


def test_submission_letter_number_below_ten_takes_a_leading_zero():
    spec = submission_letter(make_context(number="5"))

    assert spec.number == "Số: 05/TTr-KTĐ"


def test_review_minutes_spec_number_date_participants_and_signers():
    spec = review_minutes(make_context())

    lines = texts(spec)
    assert (spec.doc_type, spec.number) == ("BIÊN BẢN", "Số: 12/BB-KTĐ")
    assert spec.summary == "Họp bình xét thi đua, khen thưởng năm 2022"
    assert spec.date == datetime.date(2022, 12, 1)
    assert (
        "Tổng số đơn vị thành viên của Khối: 9 đơn vị; có mặt: 8 đơn vị; vắng mặt: 1 đơn vị."
    ) in lines
    assert "Các đơn vị vắng mặt: Trường Chính trị Trường Chinh." in lines
    assert (
        "Chủ trì: đồng chí Ngô Văn Liên, Trưởng Ban Tuyên giáo Tỉnh ủy, Trưởng Khối thi đua năm "
        "2022."
    ) in lines
    assert "Thư ký: đồng chí Vũ Thị Hạnh." in lines
    assert spec.signers == (
        Signer("", "THƯ KÝ", "Vũ Thị Hạnh"),
        Signer("", "CHỦ TRÌ", "Ngô Văn Liên"),
    )


def test_review_minutes_spec_results_table_shows_share_of_all_members():
    [table] = tables(review_minutes(make_context()))

    assert table.header == ("STT", "Tên tập thể, cá nhân", "Hình thức đề nghị", "Số phiếu", "Tỷ lệ")
    assert table.rows[0] == (
        "1",
        "Ban Tổ chức Tỉnh ủy",
        "Cờ thi đua của Chính phủ",
        "8/9",
        "88,89%",
    )
    assert table.rows[2] == ("3", "Văn phòng Tỉnh ủy", "Cờ thi đua của UBND tỉnh", "6/9", "66,67%")


def test_review_minutes_with_everyone_present_lists_no_absentees():
    lines = texts(review_minutes(make_context(present=MEMBERS)))

    assert not [text for text in lines if text.startswith("Các đơn vị vắng mặt")]
    assert "có mặt: 9 đơn vị; vắng mặt: 0 đơn vị." in next(t for t in lines if "có mặt" in t)


def test_achievement_report_of_a_unit_has_its_sections_score_rank_and_history():
    spec = achievement_report(make_context(), LINES[0])

    lines = texts(spec)
    assert (spec.doc_type, spec.issuing_body) == ("BÁO CÁO", "BAN TỔ CHỨC TỈNH ỦY")
    assert spec.summary == "Thành tích đề nghị tặng Cờ thi đua của Chính phủ"
    assert [b.text for b in spec.blocks if isinstance(b, Heading)] == [
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
    ]
    assert "Hoàn thành xuất sắc nhiệm vụ công tác tổ chức xây dựng Đảng năm 2022." in lines
    assert (
        "Kết quả chấm điểm thi đua năm 2022: 98,50 điểm, xếp thứ 1/9 trong "
        "Khối thi đua các Ban, cơ quan của Đảng."
    ) in lines
    assert lines[-1] == "- 2021: Cờ thi đua của UBND tỉnh (Quyết định số 45/QĐ-UBND)."
    assert spec.signers == (Signer("", "THỦ TRƯỞNG ĐƠN VỊ", ""),)


def test_achievement_report_without_text_or_history_leaves_dots_and_says_chua_co():
    spec = achievement_report(make_context(), LINES[1])

    lines = texts(spec)
    achievement = lines[lines.index("II. THÀNH TÍCH ĐẠT ĐƯỢC") + 1]
    assert set(achievement) == {"…"}
    assert lines[-1] == "Chưa có."


def test_achievement_report_of_a_person_names_the_unit_and_the_reporter():
    person = dataclasses.replace(
        line("Nguyễn Thị Hoà", BK, 6, "0", None, unit="Văn phòng Tỉnh ủy"), score=None
    )

    spec = achievement_report(make_context(), person)

    lines = texts(spec)
    assert spec.issuing_body == "VĂN PHÒNG TỈNH ỦY"
    assert "Họ và tên: Nguyễn Thị Hoà." in lines
    assert "Đơn vị công tác: Văn phòng Tỉnh ủy." in lines
    assert not [text for text in lines if text.startswith("Kết quả chấm điểm")]
    assert spec.signers == (
        Signer("", "THỦ TRƯỞNG ĐƠN VỊ", ""),
        Signer("", "NGƯỜI BÁO CÁO", "Nguyễn Thị Hoà"),
    )


def test_proposal_list_groups_rows_by_award():
    spec = proposal_list(make_context())

    [table] = tables(spec)
    assert spec.doc_type == "DANH SÁCH"
    assert table.header == (
        "STT",
        "Tên tập thể/cá nhân",
        "Đơn vị",
        "Hình thức",
        "Số phiếu",
        "Tỷ lệ",
        "Điểm",
        "Xếp hạng",
    )
    assert [row[:2] for row in table.rows if not row[0].isdigit()] == [
        ("I", "Cờ thi đua của Chính phủ"),
        ("II", "Cờ thi đua của UBND tỉnh"),
        ("III", "Bằng khen của Chủ tịch UBND tỉnh"),
    ]
    assert table.rows[4] == (
        "2",
        "Văn phòng Tỉnh ủy",
        "Văn phòng Tỉnh ủy",
        "Cờ thi đua của UBND tỉnh",
        "6/9",
        "66,67%",
        "96,00",
        "3",
    )
    assert texts(spec)[2] == (
        "(Kèm theo Tờ trình số 12/TTr-KTĐ ngày 05 tháng 12 năm 2022 của "
        "Khối thi đua các Ban, cơ quan của Đảng)"
    )


def test_draft_decision_is_blank_numbered_signed_kt_chu_tich_and_leaves_national_awards_out():
    spec = draft_decision(make_context())

    lines = texts(spec)
    [table] = tables(spec)
    assert (spec.issuing_body, spec.parent_body) == ("ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH", "")
    assert (spec.doc_type, spec.number) == ("QUYẾT ĐỊNH", "Số:      /QĐ-UBND")
    assert spec.summary == (
        "Về việc tặng Cờ thi đua của UBND tỉnh và Bằng khen của Chủ tịch UBND tỉnh năm 2022"
    )
    assert lines[2:4] == ["DỰ THẢO", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH"]
    assert "Xét đề nghị của Ban Thi đua – Khen thưởng tỉnh Nam Định." in lines
    assert [row[1] for row in table.rows] == [
        "Ban Tuyên giáo Tỉnh ủy",
        "Văn phòng Tỉnh ủy",
        "Ủy ban Kiểm tra Tỉnh ủy",
        "Ban Dân vận Tỉnh ủy",
        "Báo Nam Định",
    ]
    assert [text[:7] for text in lines if text.startswith("Điều")] == [
        "Điều 1.",
        "Điều 2.",
        "Điều 3.",
    ]
    assert spec.signers == (Signer("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", ""),)


def test_draft_decision_keeps_an_award_code_missing_from_the_catalogue():
    odd = line("Báo Nam Định", ("giai_thuong_bao_chi_tinh", "Giải thưởng báo chí"), 5, "1", 1)

    spec = draft_decision(make_context(lines=(odd,), number="12"))

    assert spec.summary == "Về việc tặng Giải thưởng báo chí năm 2022"
    assert spec.number == "Số:      /QĐ-UBND"


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (Fraction(2, 3), "66,67%"),
        (Fraction(1, 8), "12,50%"),
        (Fraction(1, 200), "0,50%"),
        (Fraction(1, 1), "100,00%"),
        (None, ""),
    ],
)
def test_percent_two_decimals_half_up_with_a_comma(share, expected):
    assert percent(share) == expected


def test_slug_folds_vietnamese_to_ascii():
    assert slug("Sở Tài chính") == "so-tai-chinh"
    assert slug("Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh") == (
        "dang-uy-khoi-cac-co-quan-va-doanh-nghiep-tinh"
    )


REASON = (
    "Đơn vị có thành tích đột xuất trong phòng, chống bão số 3 (“Yagi”);\n"
    "đề nghị Hội đồng xem xét đặc cách."
)


def checked_context(**changes):
    lines = list(LINES)
    lines[0] = dataclasses.replace(lines[0], verdict="eligible", rule_ids=("COL-01", "COL-03"))
    lines[5] = dataclasses.replace(
        lines[5], verdict="not_eligible", rule_ids=("GEN-03",), override_reason=REASON
    )
    return make_context(lines=tuple(lines), **changes)


def test_appraisal_report_header_is_the_boards_with_a_blank_number():
    spec = appraisal_report(checked_context())

    assert (spec.parent_body, spec.issuing_body) == ("ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH", "SỞ NỘI VỤ")
    assert (spec.doc_type, spec.number) == ("BÁO CÁO", "Số:      /BC-SNV")
    assert spec.summary == (
        "Thẩm định hồ sơ đề nghị khen thưởng năm 2022 của Khối thi đua các Ban, cơ quan của Đảng"
    )
    assert spec.recipients == ("Chủ tịch Ủy ban nhân dân tỉnh Nam Định",)
    assert spec.signers == (Signer("", "GIÁM ĐỐC", ""),)
    assert spec.distribution[-1] == "Lưu: VT, SNV"
    assert "Tờ trình số 12/TTr-KTĐ ngày 05 tháng 12 năm 2022" in texts(spec)[3]


def test_appraisal_report_tables_each_lines_verdict_and_rules():
    [table] = tables(appraisal_report(checked_context()))

    assert table.header == (
        "STT",
        "Tên tập thể, cá nhân",
        "Hình thức đề nghị",
        "Kết quả thẩm định",
        "Quy tắc áp dụng",
    )
    assert table.rows[0] == (
        "1",
        "Ban Tổ chức Tỉnh ủy",
        "Cờ thi đua của Chính phủ",
        "Đủ điều kiện",
        "COL-01, COL-03",
    )
    assert table.rows[1][3:] == ("Chưa kiểm tra", "")
    assert table.rows[5][3:] == ("Không đủ điều kiện (trình vượt)", "GEN-03")


def test_appraisal_report_prints_the_override_reason_verbatim():
    lines = texts(appraisal_report(checked_context()))

    start = lines.index("II. CÁC TRƯỜNG HỢP ĐƠN VỊ VẪN ĐỀ NGHỊ KHI CHƯA ĐỦ ĐIỀU KIỆN")
    assert lines[start + 1 : start + 4] == [
        "6. Báo Nam Định – Bằng khen của Chủ tịch UBND tỉnh: không đủ điều kiện, quy tắc GEN-03. "
        "Lý do vẫn đề nghị:",
        *REASON.splitlines(),
    ]
    assert "III. ĐỀ XUẤT" in lines
    assert "Có 01/06 tập thể, cá nhân đủ điều kiện" in " ".join(lines)


def test_appraisal_report_without_overrides_has_no_override_section():
    lines = texts(appraisal_report(make_context()))

    assert not [text for text in lines if text.startswith("II. CÁC TRƯỜNG HỢP")]
    assert "II. ĐỀ XUẤT" in lines


@pytest.mark.parametrize(
    ("verdict", "text"),
    [
        ("eligible", "Đủ điều kiện"),
        ("needs_check", "Cần xác minh thêm"),
        ("not_eligible", "Không đủ điều kiện"),
        ("", "Chưa kiểm tra"),
    ],
)
def test_verdict_text(verdict, text):
    assert verdict_text(verdict) == text


def test_review_minutes_name_next_years_leader_when_known():
    with_leader = texts(review_minutes(make_context(next_leader="Ban Tổ chức Tỉnh ủy")))
    without = texts(review_minutes(make_context()))

    assert "Hội nghị đã bầu Ban Tổ chức Tỉnh ủy làm đơn vị Trưởng khối năm 2023." in with_leader
    assert not [text for text in without if text.startswith("Hội nghị đã bầu")]


def test_pack_specs_put_count_minutes_after_the_pack_documents():
    minutes = dataclasses.replace(
        submission_letter(make_context()),
        doc_type="BIÊN BẢN",
        summary="Kiểm phiếu suy tôn Cờ thi đua của UBND tỉnh năm 2022",
    )

    stems = [stem for stem, _spec in pack_specs(make_context(count_minutes=(minutes,)))]

    assert stems[: len(PACK) + 2] == [
        *(stem for stem, _builder in PACK),
        "bien-ban-kiem-phieu-01-suy-ton-co-thi-dua-cua-ubnd-tinh-nam-2022",
        "bao-cao-thanh-tich-01-ban-to-chuc-tinh-uy",
    ]


# --- rendered files -----------------------------------------------------------------------------


def test_pack_files_are_docx_and_pdf_of_every_document(files):
    stems = [name.rsplit(".", 1)[0] for name in files]

    assert len(files) == 2 * (len(PACK) + len(LINES)) == 22
    assert all(stems.count(stem) == 2 for stem in stems)
    assert "bao-cao-thanh-tich-01-ban-to-chuc-tinh-uy.pdf" in files
    assert "bao-cao-thanh-tich-06-bao-nam-dinh.docx" in files
    assert all(data.startswith(b"%PDF") for name, data in files.items() if name.endswith(".pdf"))
    assert all(data.startswith(b"PK") for name, data in files.items() if name.endswith(".docx"))


def test_pack_zip_holds_every_file():
    context = make_context()

    archive = zipfile.ZipFile(io.BytesIO(pack_zip(context)))

    assert archive.namelist() == [name for name, _data in pack_files(context)]
    assert archive.testzip() is None


@needs_poppler
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "to-trinh.pdf",
            (
                "Số: 12/TTr-KTĐ",
                "Nam Định, ngày 05 tháng 12 năm 2022",
                "TỜ TRÌNH",
                "Về việc đề nghị khen thưởng năm 2022",
                "Kính gửi:",
                "Chủ tịch Ủy ban nhân dân tỉnh Nam Định;",
                "Căn cứ Luật Thi đua, khen thưởng năm 2003;",
                "Văn phòng Tỉnh ủy",
                "66,67%",
                "TM. KHỐI THI ĐUA",
                "KHỐI TRƯỞNG",
                "- Lưu: VT.",
            ),
        ),
        (
            "bien-ban-hop-binh-xet.pdf",
            ("Số: 12/BB-KTĐ", "BIÊN BẢN", "Vũ Thị Hạnh", "THƯ KÝ", "CHỦ TRÌ", "66,67%"),
        ),
        (
            "bao-cao-thanh-tich-01-ban-to-chuc-tinh-uy.pdf",
            ("BÁO CÁO", "Thành tích đề nghị tặng Cờ thi đua của Chính phủ", "THỦ TRƯỞNG ĐƠN VỊ"),
        ),
        ("danh-sach-de-nghi.pdf", ("DANH SÁCH", "Báo Nam Định", "66,67%", "96,00")),
        (
            "bao-cao-tham-dinh.pdf",
            ("SỞ NỘI VỤ", "Số: /BC-SNV", "BÁO CÁO", "I. KẾT QUẢ THẨM ĐỊNH", "GIÁM ĐỐC"),
        ),
        (
            "du-thao-quyet-dinh.pdf",
            ("Số: /QĐ-UBND", "DỰ THẢO", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Điều 3."),
        ),
    ],
)
def test_pack_pdf_text_has_the_key_lines_with_diacritics(files, name, expected):
    flat = " ".join(pdf_text(files[name]).split())

    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Độc lập - Tự do - Hạnh phúc" in flat
    for text in expected:
        assert text in flat, text


@needs_poppler
def test_appraisal_pdf_prints_the_override_reason():
    data = dict(pack_files(checked_context()))["bao-cao-tham-dinh.pdf"]

    flat = " ".join(pdf_text(data).split())
    for reason_line in REASON.splitlines():  # a page break may fall between them
        assert reason_line in flat
    assert "quy tắc GEN-03" in flat


@needs_poppler
def test_pack_pdfs_embed_liberation_serif(files):
    for name, data in files.items():
        if name.endswith(".pdf"):
            fonts = pdf_fonts(data)
            assert fonts, name
            assert all(
                f["emb"] == "yes" and "LiberationSerif" in f["name"].replace("-", "") for f in fonts
            ), name


def test_pack_docx_runs_are_times_new_roman_13_or_14(files):
    document = docx.Document(io.BytesIO(files["to-trinh.docx"]))
    runs = [r for p in document.paragraphs for r in p.runs]
    cells = [c for t in document.tables for c in t._cells]
    runs += [r for c in cells for p in c.paragraphs for r in p.runs]

    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size == Pt(14)
    assert {r.font.name for r in runs} == {"Times New Roman"}
    body = [r for p in document.paragraphs for r in p.runs if r.text.startswith("Trên cơ sở")]
    assert body and all(r.font.size in (None, Pt(14)) for r in body)
    assert {r.font.size for r in runs if r.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"} == {Pt(13)}
    assert {r.font.size for r in runs} <= {None, Pt(11), Pt(12), Pt(13), Pt(14)}


def test_pack_docx_of_the_minutes_has_the_results_table(files):
    document = docx.Document(io.BytesIO(files["bien-ban-hop-binh-xet.docx"]))

    results = document.tables[1]
    assert [c.text for c in results.rows[3].cells] == [
        "3",
        "Văn phòng Tỉnh ủy",
        "Cờ thi đua của UBND tỉnh",
        "6/9",
        "66,67%",
    ]
    assert "BIÊN BẢN" in [p.text for p in document.paragraphs]


def test_pack_pdfs_laid_out_by_worker_processes_are_the_same_bytes():
    """The pack's PDFs in two worker processes (started by a fork server) are byte for byte
    those laid out here, in the same order."""
    from thidua.documents.pdf import render_pdf, render_pdfs

    specs = [spec for _stem, spec in pack_specs(make_context())][:3]
    assert render_pdfs(specs, workers=2) == [render_pdf(spec) for spec in specs]


@pytest.mark.parametrize(
    ("on", "decree"),
    [
        (datetime.date(2023, 12, 31), "91/2017/NĐ-CP"),
        (datetime.date(2024, 1, 1), "98/2023/NĐ-CP"),
        (datetime.date(2025, 6, 30), "98/2023/NĐ-CP"),
        (datetime.date(2025, 7, 1), "152/2025/NĐ-CP"),
    ],
)
def test_legal_bases_follow_the_documents_date(on, decree):
    assert decree in legal_bases(on)[1]
    assert legal_bases(datetime.date(2026, 1, 1)) == LEGAL_BASES


def test_pack_pdfs_laid_out_here_when_a_worker_died():
    """A worker killed (out of memory, say) breaks the pool: the documents are laid out here
    instead, and the next call starts new workers."""
    import time

    from thidua.documents import pdf

    specs = [spec for _stem, spec in pack_specs(make_context())][:3]
    expected = [pdf.render_pdf(spec) for spec in specs]
    assert pdf.render_pdfs(specs, workers=2) == expected  # the workers are up
    for process in list(pdf._executor(2)._processes.values()):  # type: ignore[attr-defined]
        process.kill()
    time.sleep(0.5)

    assert pdf.render_pdfs(specs, workers=2) == expected
    assert pdf.render_pdfs(specs, workers=2) == expected  # new workers
