"""The summary report's page and downloads (`/bao-cao-tong-ket/<season>/`): who may open them,
what the preview shows, the files and their names, bad options, and a fixed number of queries.

Permission `reports.view_summary` on the season: the province's board, its viewers and its unit
officers read; another province's board and officers get a 404; anonymous visitors are sent to
sign in."""

import io
from urllib.parse import unquote

import docx
import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.documents.pdftools import needs_poppler, pdf_text
from tests.reports.test_summary_world import BLOC, NAMES, summary_world
from thidua.reports.views.summary import PROGRESS_COOKIE

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ALLOWED = ("board", "viewer", "officer")
DENIED = ("foreign_board", "foreign_officer")


@pytest.fixture
def world():
    return summary_world(4)


def client_for(world, who):
    client = Client()
    if who != "anonymous":
        client.force_login(getattr(world, who))
    return client


def page_url(world):
    return reverse("reports:summary", args=[world.season.pk])


def file_url(world, fmt):
    return reverse("reports:summary_download", args=[world.season.pk, fmt])


# --- who may open them ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ALLOWED)
@pytest.mark.parametrize("target", ["page", "docx", "pdf"])
def test_province_users_open_the_page_and_download(world, who, target):
    url = page_url(world) if target == "page" else file_url(world, target)

    response = client_for(world, who).get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("who", DENIED)
@pytest.mark.parametrize("target", ["page", "docx", "pdf"])
def test_other_provinces_get_not_found(world, who, target):
    url = page_url(world) if target == "page" else file_url(world, target)

    response = client_for(world, who).get(url)

    assert response.status_code == 404


@pytest.mark.parametrize("target", ["page", "docx", "pdf"])
def test_anonymous_visitors_are_sent_to_sign_in(world, target):
    url = page_url(world) if target == "page" else file_url(world, target)

    response = client_for(world, "anonymous").get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_a_missing_season_is_not_found(world):
    client = client_for(world, "board")

    assert client.get(reverse("reports:summary", args=[10**9])).status_code == 404
    assert client.get(reverse("reports:summary_download", args=[10**9, "pdf"])).status_code == 404


# --- what the page shows -------------------------------------------------------------------------


def test_page_previews_the_reports_figures_and_offers_both_files(world):
    response = client_for(world, "board").get(page_url(world))

    html = response.content.decode()
    assert "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2022" in html
    assert BLOC in html
    for heading in (
        "I. Đặc điểm tình hình",
        "II. Công tác tổ chức phong trào thi đua",
        "III. Kết quả chấm điểm, xếp hạng",
        "IV. Kết quả bình xét, suy tôn",
        "V. Kết quả khen thưởng",
        "VI. Phương hướng năm 2023",
    ):
        assert heading in html, heading
    assert 'formaction="' + file_url(world, "docx") + '"' in html
    assert 'formaction="' + file_url(world, "pdf") + '"' in html
    assert "Văn hóa công sở giai đoạn 2019-2025" in html
    assert "135/QĐ-UBND" in html
    assert "3/4" in html  # the second unit's votes of the four members
    assert 'scope="col"' in html and "<caption" in html
    assert "Dự thảo" not in html


def test_page_of_an_unfinished_season_says_the_report_is_a_draft():
    world = summary_world(2, closed=False)

    html = client_for(world, "board").get(page_url(world)).content.decode()

    assert "Dự thảo" in html
    assert "DỰ THẢO" in html  # the note explains the mark on the file


def test_page_of_a_bloc_that_has_done_nothing_says_so():
    world = summary_world(2, complete=False)

    html = client_for(world, "board").get(page_url(world)).content.decode()

    for sentence in (
        "Năm thi đua chưa có giao ước.",
        "Chưa có đơn vị nào đăng ký thi đua.",
        "Chưa có kết quả chấm điểm thi đua.",
        "Chưa có cuộc bỏ phiếu bình xét, suy tôn nào.",
        "Chưa có đề nghị khen thưởng nào.",
        "Chưa có quyết định khen thưởng nào cho năm này.",
        "Khối chưa bầu trưởng khối, phó trưởng khối năm sau.",
    ):
        assert sentence in html, sentence


def _page_queries(world):
    client = client_for(world, "board")
    client.get(page_url(world))  # the session and user, as on any page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page_url(world)).status_code == 200
    return len(queries.captured_queries)


def test_page_queries_do_not_grow_with_the_bloc():
    assert _page_queries(summary_world(2)) == _page_queries(summary_world(10))


# --- the files -----------------------------------------------------------------------------------


def test_docx_download_is_named_in_ascii_and_utf8_and_takes_number_and_date(world):
    response = client_for(world, "board").get(
        file_url(world, "docx"), {"so": "7", "ngay": "2022-12-20"}
    )

    disposition = response["Content-Disposition"]
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert disposition.startswith(
        'attachment; filename="bao-cao-tong-ket-khoi-thi-dua-cac-ban-co-quan-cua-dang-2022.docx"'
    )
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == (
        f"Báo cáo tổng kết 2022 - {BLOC}.docx"
    )
    header = docx.Document(io.BytesIO(response.content)).tables[0]
    assert header.cell(1, 0).text == "Số: 07/BC-KTĐ"
    assert header.cell(1, 1).text == "Nam Định, ngày 20 tháng 12 năm 2022"


@needs_poppler
def test_pdf_download_is_the_report(world):
    response = client_for(world, "viewer").get(file_url(world, "pdf"), {"ngay": "20/12/2022"})

    assert response["Content-Type"] == "application/pdf"
    flat = " ".join(pdf_text(response.content).split())
    assert "BÁO CÁO" in flat
    assert "Nam Định, ngày 20 tháng 12 năm 2022" in flat
    assert NAMES[0] in flat


def test_draft_file_is_named_as_a_draft():
    world = summary_world(2, closed=False)

    response = client_for(world, "board").get(file_url(world, "docx"))

    assert 'filename="du-thao-bao-cao-tong-ket-' in response["Content-Disposition"]


# --- bad options ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"so": "12a"}, "Số văn bản chỉ gồm chữ số."),
        ({"so": "1234567"}, ""),
        ({"ngay": "31/02/2022"}, ""),
        ({"ngay": "1999-12-31"}, "Ngày báo cáo phải trong khoảng năm 2000 đến 2100."),
    ],
)
def test_bad_options_show_the_page_again_with_the_error(world, params, message):
    response = client_for(world, "board").get(file_url(world, "pdf"), params)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert 'class="field__error"' in html
    assert message in html


def test_page_with_bad_options_answers_400_not_500(world):
    response = client_for(world, "board").get(page_url(world), {"so": "x"})

    assert response.status_code == 400
    assert "Số văn bản chỉ gồm chữ số." in response.content.decode()


@pytest.mark.parametrize("fmt", ["odt", "PDF", "docx.zip"])
def test_an_unknown_format_is_not_found(world, fmt):
    url = file_url(world, "pdf").removesuffix("pdf") + fmt

    assert client_for(world, "board").get(url).status_code == 404


@pytest.mark.parametrize(
    ("url", "params"),
    [("file", {"so": "1\x00"}), ("file", {"ngay": "2022-12-20\x00"}), ("page", {"so": "\x00"})],
)
def test_nul_bytes_are_refused_with_a_vietnamese_message(world, url, params):
    target = file_url(world, "docx") if url == "file" else page_url(world)

    response = client_for(world, "board").get(target, params)

    assert response.status_code == 400
    assert "ký tự NUL không hợp lệ" in response.content.decode()


# --- progress ------------------------------------------------------------------------------------


def test_download_answers_the_pages_progress_token_in_a_cookie(world):
    response = client_for(world, "board").get(file_url(world, "pdf"), {"t": "1717171717123"})

    cookie = response.cookies[PROGRESS_COOKIE]
    assert cookie.value == "1717171717123"
    assert (cookie["samesite"], cookie["max-age"]) == ("Lax", 120)


@pytest.mark.parametrize("token", ["", "abc", "1" * 33, "1;path=/"])
def test_download_sets_no_cookie_for_a_token_that_is_not_digits(world, token):
    response = client_for(world, "board").get(file_url(world, "docx"), {"t": token})

    assert response.status_code == 200
    assert PROGRESS_COOKIE not in response.cookies


def test_page_has_the_progress_status_line_for_its_script(world):
    html = client_for(world, "board").get(page_url(world)).content.decode()

    assert 'id="summary-progress" role="status" aria-live="polite"' in html
    assert f'"{PROGRESS_COOKIE}=" + token' in html
