"""The document pack filled from the database: the seed-001 world (tests/factories/dossiers.py
seed_world) read by `dossiers.selectors.pack_data.pack_context`, rendered and read back."""

import datetime
import io
import zipfile
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.documents.pdftools import needs_poppler, pdf_text
from tests.factories import PersonFactory, SeasonFactory, UserFactory
from tests.factories.dossiers import BK, CP, MEMBERS, seed_world
from thidua.accounts.enums import Role
from thidua.core.exceptions import NotFound, ValidationFailed
from thidua.documents.render import render_pdf
from thidua.dossiers.documents import (
    CONTENT_TYPES,
    proposal_documents,
    render_document,
    render_pack,
)
from thidua.dossiers.models import Proposal
from thidua.dossiers.pack import appraisal_report, pack_specs
from thidua.dossiers.selectors.pack_data import LineCheck, locality, pack_context

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DATE = datetime.date(2022, 12, 5)


@pytest.fixture
def world():
    return seed_world()


def context(world, **options):
    options.setdefault("number", "12")
    options.setdefault("date", DATE)
    return pack_context(user=world.board, proposals=world.proposals, **options)


def flat(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


# --- the context --------------------------------------------------------------------------------


def test_context_reads_the_province_bloc_season_and_meeting(world):
    ctx = context(world)

    assert (ctx.province, ctx.parent_body, ctx.issuing_body, ctx.symbol) == (
        "Nam Định",
        "TỈNH NAM ĐỊNH",
        "KHỐI THI ĐUA CÁC BAN, CƠ QUAN CỦA ĐẢNG",
        "KTĐ",
    )
    assert (ctx.number, ctx.date, ctx.year, ctx.place) == ("12", DATE, 2022, "Nam Định")
    assert ctx.members == tuple(sorted(MEMBERS))
    assert set(ctx.present) == set(MEMBERS[:-1])
    assert (ctx.meeting_date, ctx.meeting_place) == (
        datetime.date(2022, 12, 1),
        "Hội trường Ban Tuyên giáo Tỉnh ủy",
    )
    assert (ctx.chair, ctx.secretary, ctx.signer_name) == (
        "Ngô Văn Liên",
        "Vũ Thị Hạnh",
        "Ngô Văn Liên",
    )
    assert (ctx.leader_unit, ctx.next_leader) == ("Ban Tuyên giáo Tỉnh ủy", "Ban Tổ chức Tỉnh ủy")
    assert (ctx.signer_authority, ctx.signer_title) == ("TM. KHỐI THI ĐUA", "KHỐI TRƯỞNG")
    assert ctx.board == "Ban Thi đua – Khen thưởng tỉnh Nam Định"
    assert ctx.decision_authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH"
    assert ctx.decision_body == "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH"


def test_context_lines_carry_votes_scores_ranks_in_catalogue_order(world):
    ctx = context(world)

    rows = [(ln.subject, ln.award_code, ln.votes, ln.score, ln.rank) for ln in ctx.lines]
    assert rows == [
        ("Ban Tổ chức Tỉnh ủy", CP[0], 8, Decimal("98.50"), 1),
        ("Ban Tuyên giáo Tỉnh ủy", "co_thi_dua_ubnd_tinh", 7, Decimal("97.25"), 2),
        ("Văn phòng Tỉnh ủy", "co_thi_dua_ubnd_tinh", 6, Decimal("96.00"), 3),
        ("Ủy ban Kiểm tra Tỉnh ủy", BK[0], 6, Decimal("95.75"), 4),
        ("Ban Dân vận Tỉnh ủy", BK[0], 5, Decimal("95.00"), 5),
        ("Báo Nam Định", BK[0], 5, Decimal("94.50"), 6),
    ]
    assert ctx.lines[2].vote_share == Fraction(6, 9)
    assert ctx.lines[0].award_name == "Cờ thi đua của Chính phủ"


def test_context_history_lists_the_last_five_years_of_the_registry(world):
    ctx = context(world)

    assert ctx.lines[0].history == (
        "2020: Tập thể lao động xuất sắc (Quyết định số 30/QĐ-UBND)",
        "2021: Cờ thi đua của UBND tỉnh (Quyết định số 45/QĐ-UBND ngày 20/01/2022 của Chủ tịch "
        "UBND tỉnh Nam Định)",
    )
    assert ctx.lines[-1].history == ()  # Báo Nam Định: its only line is revoked


def test_context_has_the_vote_count_minutes_of_each_poll(world):
    ctx = context(world)

    assert [spec.summary for spec in ctx.count_minutes] == [
        "Kiểm phiếu suy tôn Cờ thi đua của Chính phủ năm 2022",
        "Kiểm phiếu suy tôn Cờ thi đua của UBND tỉnh năm 2022",
        "Kiểm phiếu suy tôn Bằng khen của Chủ tịch UBND tỉnh năm 2022",
    ]
    stems = [stem for stem, _spec in pack_specs(ctx)]
    assert "bien-ban-kiem-phieu-01-suy-ton-co-thi-dua-cua-chinh-phu-nam-2022" in stems
    assert "bao-cao-tham-dinh" in stems


def test_context_checks_eligibility_against_the_rulebook(world):
    ctx = context(world)

    assert all(line.verdict in {"eligible", "needs_check", "not_eligible"} for line in ctx.lines)
    assert all(line.rule_ids for line in ctx.lines)
    assert not any(line.override_reason for line in ctx.lines)


def test_given_check_and_override_reason_win(world):
    reason = "Đơn vị có thành tích đột xuất trong phòng, chống bão số 3; đề nghị xem xét đặc cách."
    target = world.proposals[5]

    ctx = context(
        world,
        checks={target.pk: LineCheck("not_eligible", ("COL-03", "GEN-01"), reason)},
    )

    line = ctx.lines[5]
    assert (line.subject, line.verdict, line.rule_ids, line.override_reason) == (
        "Báo Nam Định",
        "not_eligible",
        ("COL-03", "GEN-01"),
        reason,
    )


def test_a_persons_line_names_the_unit_without_the_units_score(world):
    unit = world.units["Văn phòng Tỉnh ủy"]
    person = PersonFactory(unit=unit, full_name="Nguyễn Thị Hoà")
    proposal = Proposal.objects.create(
        season=world.season,
        person=person,
        award_type="bang_khen_chu_tich_ubnd_tinh_ca_nhan",
        year=2022,
    )

    ctx = pack_context(user=world.board, proposals=[proposal], date=DATE)

    [line] = ctx.lines
    assert (line.subject, line.unit, line.score, line.rank, line.votes) == (
        "Nguyễn Thị Hoà",
        "Văn phòng Tỉnh ủy",
        None,
        None,
        None,
    )
    assert ctx.count_minutes == ()
    assert line.verdict in {"eligible", "needs_check", "not_eligible"}


@pytest.mark.parametrize(
    ("proposals", "error", "code"),
    [([], ValidationFailed, "pack_empty"), ([10**9], NotFound, "pack_missing")],
)
def test_bad_selections_are_refused(world, proposals, error, code):
    with pytest.raises(error) as caught:
        pack_context(user=world.board, proposals=proposals)

    assert caught.value.code == code


def test_proposals_of_two_seasons_are_refused(world):
    season = SeasonFactory(bloc=world.season.bloc, year=2021)
    stray = Proposal.objects.create(
        season=season, unit=world.units["Báo Nam Định"], award_type=BK[0], year=2021
    )

    with pytest.raises(ValidationFailed) as caught:
        pack_context(user=world.board, proposals=[world.proposals[0], stray])

    assert caught.value.code == "pack_mixed_seasons"


def test_a_board_of_another_province_gets_not_found(world):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=PersonFactory().unit.province)

    with pytest.raises(NotFound):
        pack_context(user=stranger, proposals=world.proposals)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nam Định", "tỉnh Nam Định"),
        ("Tỉnh Nam Định", "tỉnh Nam Định"),
        ("Hà Nội", "thành phố Hà Nội"),
        ("TP. Hồ Chí Minh", "thành phố Hồ Chí Minh"),
    ],
)
def test_locality(name, expected):
    assert locality(name) == expected


# --- bounded queries ----------------------------------------------------------------------------


def _people_proposals(world, count):
    unit = world.units["Văn phòng Tỉnh ủy"]
    return [
        Proposal.objects.create(
            season=world.season,
            person=PersonFactory(unit=unit),
            award_type="bang_khen_chu_tich_ubnd_tinh_ca_nhan",
            year=2022,
        )
        for _ in range(count)
    ]


def test_queries_do_not_grow_with_the_number_of_lines(world, django_assert_max_num_queries):
    people = _people_proposals(world, 28)
    small = [world.proposals[0], world.proposals[3], people[0]]  # 3 lines, 2 polls
    large = [world.proposals[0], world.proposals[3], *people]  # 30 lines, the same 2 polls
    with CaptureQueriesContext(connection) as three:
        assert len(pack_context(user=world.board, proposals=small).lines) == 3

    with django_assert_max_num_queries(len(three.captured_queries)):
        assert len(pack_context(user=world.board, proposals=large).lines) == 30


# --- rendered -----------------------------------------------------------------------------------


@needs_poppler
def test_pdfs_show_score_rank_history_shares_and_the_override_reason(world):
    reason = "Đơn vị có thành tích đột xuất trong phòng, chống bão số 3; đề nghị xem xét đặc cách."
    ctx = context(
        world,
        checks={world.proposals[5].pk: LineCheck("not_eligible", ("COL-03",), reason)},
    )
    specs = dict(pack_specs(ctx))

    report = flat(render_pdf(specs["bao-cao-thanh-tich-01-ban-to-chuc-tinh-uy"]))
    assert "98,50 điểm, xếp thứ 1/9" in report
    assert "2021: Cờ thi đua của UBND tỉnh (Quyết định số 45/QĐ-UBND" in report
    assert "2020: Tập thể lao động xuất sắc" in report
    assert "8/9 phiếu (88,89%)" in report

    letter = flat(render_pdf(specs["to-trinh"]))
    assert "Số: 12/TTr-KTĐ" in letter
    assert "6/9 (66,67%)" in letter

    minutes = flat(render_pdf(specs["bien-ban-hop-binh-xet"]))
    assert "Ban Tổ chức Tỉnh ủy làm đơn vị Trưởng khối năm 2023" in minutes

    count = flat(
        render_pdf(specs["bien-ban-kiem-phieu-02-suy-ton-co-thi-dua-cua-ubnd-tinh-nam-2022"])
    )
    assert "Kiểm phiếu suy tôn Cờ thi đua của UBND tỉnh năm 2022" in count
    assert "77,78" in count  # Ban Tuyên giáo Tỉnh ủy: 7 of 9

    appraisal = flat(render_pdf(specs["bao-cao-tham-dinh"]))
    assert "SỞ NỘI VỤ" in appraisal
    assert (
        "Báo Nam Định – Bằng khen của Chủ tịch UBND tỉnh: không đủ điều kiện, quy tắc COL-03"
        in (appraisal)
    )
    assert reason in appraisal
    assert appraisal_report(ctx).number == "Số:      /BC-SNV"


# --- dossiers.documents -------------------------------------------------------------------------


def test_proposal_documents_lists_every_document_with_an_ascii_name(world):
    documents = proposal_documents(user=world.board, proposals=world.proposals, date=DATE)

    kinds = [d.kind for d in documents]
    assert kinds[:5] == [
        "to-trinh",
        "bien-ban-hop-binh-xet",
        "danh-sach-de-nghi",
        "bao-cao-tham-dinh",
        "du-thao-quyet-dinh",
    ]
    assert len(documents) == 5 + 3 + 6  # the pack, three count minutes, six reports
    assert all(d.filename.isascii() and d.filename == d.kind for d in documents)
    assert documents[0].title == (
        "Tờ trình đề nghị khen thưởng năm 2022 – Khối thi đua các Ban, cơ quan của Đảng"
    )


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("docx", b"PK")])
def test_render_document_gives_bytes_content_type_and_filename(world, fmt, magic):
    rendered = render_document(
        user=world.board, proposals=world.proposals, kind="bao-cao-tham-dinh", fmt=fmt, date=DATE
    )

    assert rendered.data.startswith(magic)
    assert rendered.content_type == CONTENT_TYPES[fmt]
    assert rendered.filename == f"bao-cao-tham-dinh.{fmt}"


@pytest.mark.parametrize(
    ("kind", "fmt", "error", "code"),
    [
        ("to-trinh", "odt", ValidationFailed, "document_format"),
        ("to-trinh", "", ValidationFailed, "document_format"),
        ("khong-co", "pdf", NotFound, "document_kind"),
        ("to-trinh\x00", "pdf", NotFound, "document_kind"),
    ],
)
def test_render_document_refuses_a_bad_kind_or_format(world, kind, fmt, error, code):
    with pytest.raises(error) as caught:
        render_document(user=world.board, proposals=world.proposals, kind=kind, fmt=fmt)

    assert caught.value.code == code


def test_render_pack_zips_every_document_in_both_formats(world):
    rendered = render_pack(user=world.board, proposals=world.proposals, number="12", date=DATE)

    archive = zipfile.ZipFile(io.BytesIO(rendered.data))
    names = archive.namelist()
    assert rendered.filename == "ho-so-khoi-thi-dua-cac-ban-co-quan-cua-dang-2022.zip"
    assert rendered.content_type == "application/zip"
    assert len(names) == 2 * 14
    assert "bao-cao-tham-dinh.pdf" in names
    assert all(name.isascii() for name in names)
