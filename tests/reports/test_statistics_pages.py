"""The statistics page and its downloads: who may open them, the tables as a reader sees them
(captions, scope headers, totals, 33,3%), the .xlsx and CSV files read back, bad filters with a
Vietnamese message, and queries that do not grow with the registry."""

import csv
import io
import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.factories import (
    BlocFactory,
    PersonFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from tests.reports.test_statistics import record, statistics_world
from thidua.accounts.enums import Role
from thidua.org.enums import UnitKind
from thidua.reports.exports import Column
from thidua.reports.views.statistics import cell_text

pytestmark = pytest.mark.integration

PAGE = reverse("reports:statistics")
RANGE = {"year_from": "2023", "year_to": "2024"}


@pytest.fixture
def world(db):
    return statistics_world()


def _csv_url(slug):
    return reverse("reports:statistics_csv", kwargs={"table": slug})


def _xlsx_url(slug):
    return reverse("reports:statistics_xlsx", kwargs={"table": slug})


WORKBOOK = reverse("reports:statistics_workbook")


def _urls():
    return [PAGE, _csv_url("theo-cap"), _xlsx_url("theo-cap"), WORKBOOK]


# ── Who may open them ────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("role", [Role.BOARD_ADMIN, Role.VIEWER, Role.UNIT_OFFICER])
def test_page_and_downloads_open_to_every_signed_in_user_of_the_province(client, world, role):
    client.force_login(UserFactory(role=role, province=world.province, unit=world.u1))

    assert [client.get(url, RANGE).status_code for url in _urls()] == [200] * 4


def test_page_and_downloads_send_anonymous_users_to_sign_in(client, world):
    responses = [client.get(url, RANGE) for url in _urls()]

    assert [r.status_code for r in responses] == [302] * 4
    assert all(reverse("accounts:login") in r["Location"] for r in responses)


def test_inactive_account_is_refused(client, world):
    user = UserFactory(role=Role.BOARD_ADMIN, province=world.province)
    client.force_login(user)
    user.is_active = False
    user.save(update_fields=["is_active"])

    assert [client.get(url, RANGE).status_code for url in _urls()] == [302] * 4


def test_another_provinces_board_neither_sees_nor_names_this_province(client, world):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=world.other)
    client.force_login(stranger)

    own = client.get(PAGE, RANGE)
    named = [
        client.get(url, {**RANGE, "province": world.province.pk}).status_code for url in _urls()
    ]

    assert own.status_code == 200
    assert own.context["report"].total == 1
    assert "Khối các cơ quan Đảng" not in own.content.decode()
    assert named == [400] * 4  # not among the choices: the form refuses it


def test_another_provinces_download_holds_only_its_own_lines(client, world):
    client.force_login(UserFactory(role=Role.BOARD_ADMIN, province=world.other))

    response = client.get(_csv_url("xu-huong"), RANGE)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[-1][:4] == ["Tổng cộng", "1", "0", "1"]


def test_national_board_sees_every_province_and_chooses_one(client, world):
    client.force_login(world.national)

    every = client.get(PAGE, RANGE)
    one = client.get(PAGE, {**RANGE, "province": world.province.pk})

    assert (every.context["report"].total, one.context["report"].total) == (8, 7)


# ── The page ─────────────────────────────────────────────────────────────────────────────────


def test_page_shows_every_table_with_caption_scope_headers_and_totals(client, world):
    client.force_login(world.board)

    html = client.get(PAGE, RANGE).content.decode()

    assert html.count("<caption") == 7
    assert html.count("<tfoot>") == 7
    assert '<th scope="col"' in html
    assert '<th scope="row">Cờ thi đua của Chính phủ</th>' in html
    assert '<th scope="row">Không thuộc khối, cụm nào</th>' in html
    assert "Chỉ tính khen thưởng chưa bị huỷ" in html
    assert "Chưa ghi giới tính" in html


def test_page_writes_percentages_with_a_decimal_comma(client, world):
    client.force_login(world.board)

    html = client.get(PAGE, RANGE).content.decode()

    # Women: 1 of 3 individual awards in 2024; the trend rose by 150% in 2024.
    assert 'data-value="0.3333333333333333">33,3%</td>' in html
    assert 'data-value="1.5">+150,0%</td>' in html
    assert 'data-value="3">+3</td>' in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["1.234.567", "33,3%", "-1.234", "+0,5%", "—", "2024", "0"]),
        ("en", ["1,234,567", "33.3%", "-1,234", "+0.5%", "—", "2024", "0"]),
    ],
)
def test_cells_are_written_the_readers_way(language, expected):
    cells = [
        (Column("n", "", "count"), 1234567),
        (Column("s", "", "share"), 1 / 3),
        (Column("c", "", "change"), -1234),
        (Column("p", "", "change_share"), 0.005),
        (Column("p", "", "share"), None),
        (Column("y", "", "text"), 2024),
        (Column("z", "", "change"), 0),
    ]

    with translation.override(language):
        assert [cell_text(column, value) for column, value in cells] == expected


def test_page_in_english_writes_a_decimal_point(client, world):
    client.force_login(world.board)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(PAGE, RANGE).content.decode()

    assert ">33.3%</td>" in html


def test_trend_and_award_type_tables_carry_the_chart_convention(client, world):
    client.force_login(world.board)

    html = client.get(PAGE, RANGE).content.decode()

    assert html.count("vendor/chartjs/chart.umd.min.js") == 1
    assert html.count("js/charts.js") == 1
    trend = html[html.index('id="bang-xu-huong-table"') :].split("</table>")[0]
    by_type = html[html.index('id="bang-theo-hinh-thuc-table"') :].split("</table>")[0]
    assert 'data-chart="line"' in trend
    assert [h for h in re.findall(r"<th scope=\"col\"[^>]*>", trend) if "data-chart-skip" in h] == [
        '<th scope="col" class="num" data-chart-skip>'
    ] * 2
    assert 'data-chart="hbar-stacked"' in by_type
    assert by_type.count("data-chart-skip") == 2  # the level and the total
    assert html.count("data-chart=") == 2


def test_page_links_each_tables_downloads_with_the_filters(client, world):
    client.force_login(world.board)

    html = client.get(PAGE, {**RANGE, "level": "national"}).content.decode()

    assert (
        f'href="{_csv_url("theo-cap")}?year_from=2023&amp;year_to=2024&amp;level=national"' in html
    )
    assert f'href="{_xlsx_url("nu-theo-nam")}?year_from=2023' in html
    assert f'href="{WORKBOOK}?year_from=2023' in html


def test_page_without_filters_shows_the_default_years(client, world):
    client.force_login(world.board)

    response = client.get(PAGE)

    report = response.context["report"]
    assert response.status_code == 200
    assert report.filters.year_to - report.filters.year_from == 5
    assert f'value="{report.filters.year_from}"' in response.content.decode()


def test_page_filters_by_bloc_level_and_subject(client, world):
    client.force_login(world.board)

    response = client.get(
        PAGE, {**RANGE, "bloc": world.bloc_a.pk, "level": "unit", "subject_kind": "individual"}
    )

    assert response.context["report"].total == 3  # the three CSTĐ cơ sở of bloc A's people


# ── Bad filters ──────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year_from": "2025", "year_to": "2020"}, "“Từ năm” phải nhỏ hơn hoặc bằng “đến năm”."),
        ({"year_from": "1980", "year_to": "2024"}, "Chỉ thống kê được tối đa 30 năm một lần."),
        ({"year_from": "abc"}, "Năm phải là một số nguyên, ví dụ 2024."),
        ({"year_from": "1800"}, "Năm không được trước năm 1945."),
        ({"year_to": "99999999999999999999"}, "Năm không được sau năm 2100."),
        ({"level": "xa"}, "Lựa chọn không có trong danh sách."),
        ({"bloc": "999999999"}, "Lựa chọn không có trong danh sách."),
    ],
)
def test_bad_filters_show_a_vietnamese_message_on_page_and_downloads(client, world, query, message):
    client.force_login(world.board)

    responses = [client.get(url, query) for url in _urls()]

    assert [r.status_code for r in responses] == [400] * 4
    for response in responses:
        html = response.content.decode()
        assert "Không lập được thống kê với bộ lọc này" in html
        assert message in html
        assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("query", [{"year_to": "2024\x00"}, {"province": "\x00"}])
def test_nul_bytes_in_filters_answer_400_with_a_vietnamese_message(client, world, query):
    client.force_login(world.board)

    responses = [client.get(url, query) for url in _urls()]

    assert [r.status_code for r in responses] == [400] * 4
    assert {r.content.decode() for r in responses} == {
        "Dữ liệu gửi lên chứa ký tự NUL không hợp lệ."
    }


def test_unknown_table_answers_404(client, world):
    client.force_login(world.board)

    assert client.get(_csv_url("khong-co"), RANGE).status_code == 404
    assert client.get(_xlsx_url("khong-co"), RANGE).status_code == 404


def test_downloads_refuse_post(client, world):
    client.force_login(world.board)

    assert client.post(_csv_url("theo-cap")).status_code == 405


# ── Files ────────────────────────────────────────────────────────────────────────────────────


def test_csv_download_reads_back_with_bom_vietnamese_text_and_numbers(client, world):
    client.force_login(world.board)

    response = client.get(_csv_url("nu-theo-hinh-thuc"), RANGE)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "Hình thức khen thưởng",
            "Cấp",
            "Nữ",
            "Nam",
            "Chưa ghi giới tính",
            "Tổng số",
            "Tỷ lệ nữ (%)",
        ],
        ["Bằng khen của Thủ tướng Chính phủ (cá nhân)", "Nhà nước", "0", "0", "1", "1", "0.0"],
        ["Chiến sĩ thi đua cơ sở", "Cơ sở", "2", "1", "0", "3", "66.7"],
        ["Tổng cộng", "", "2", "1", "1", "4", "50.0"],
    ]


def test_csv_quotes_names_with_commas(client, world):
    client.force_login(world.board)

    body = client.get(_csv_url("theo-khoi"), RANGE).content.decode("utf-8-sig")

    assert '"Không thuộc khối, cụm nào",' in body
    assert '"Khối, cụm thi đua",Loại,' in body


def test_download_names_are_ascii_with_the_utf8_name_beside(client, world):
    client.force_login(world.board)

    response = client.get(_xlsx_url("theo-cap"), {**RANGE, "province": world.province.pk})

    disposition = response["Content-Disposition"]
    name = "Khen thưởng theo cấp và năm – Tỉnh Hà Nam Thử – 2023-2024.xlsx"
    assert disposition == (
        'attachment; filename="khen-thuong-theo-cap-va-nam-tinh-ha-nam-thu-2023-2024.xlsx"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )
    assert re.fullmatch(r"[\x20-\x7e]+", disposition)


def test_xlsx_download_reads_back_with_title_bold_header_and_numbers(client, world):
    client.force_login(world.board)

    response = client.get(_xlsx_url("theo-cap"), RANGE)

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Theo cấp"
    assert sheet["A1"].value == "Khen thưởng theo cấp và năm"
    assert sheet["A1"].font.bold
    assert "Năm 2023–2024" in sheet["A2"].value
    assert [c.value for c in sheet[3]] == [
        "Cấp khen thưởng",
        "2023",
        "2024",
        "Tổng số",
        "Tỷ lệ (%)",
    ]
    assert all(c.font.bold for c in sheet[3])
    assert [c.value for c in sheet[4]] == ["Nhà nước", 0, 2, 2, pytest.approx(2 / 7)]
    assert sheet["E4"].number_format == "0.0%"
    assert [c.value for c in sheet[7]] == ["Tổng cộng", 2, 5, 7, 1]
    assert sheet[7][1].font.bold
    assert sheet.column_dimensions["A"].width >= len("Cấp khen thưởng")


def test_workbook_holds_every_table_on_its_own_sheet(client, world):
    client.force_login(world.board)

    response = client.get(WORKBOOK, RANGE)

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Xu hướng",
        "Theo hình thức",
        "Theo cấp",
        "Theo khối, cụm",
        "Theo loại đơn vị",
        "Nữ theo năm",
        "Nữ theo hình thức",
    ]
    trend = workbook["Xu hướng"]
    assert [c.value for c in trend[5]] == [2024, 2, 3, 5, 3, 1.5]
    assert trend["E5"].number_format == "+#,##0;-#,##0;0"
    assert "filename*=UTF-8''Th%E1%BB%91ng%20k%C3%AA" in response["Content-Disposition"]


# ── Queries ──────────────────────────────────────────────────────────────────────────────────


def _grow(province, count):
    """`count` more units, each in a bloc, with a collective and an individual line."""
    for index in range(count):
        unit = UnitFactory(province=province, kind=UnitKind.values[index % 7])
        season = SeasonFactory(bloc=BlocFactory(province=province), year=2023 + index % 2)
        SeasonMembershipFactory(season=season, unit=unit)
        record("tap_the_lao_dong_tien_tien", season.year, unit=unit)
        person = PersonFactory(unit=unit, gender=["female", "male", ""][index % 3])
        record("lao_dong_tien_tien", season.year, person=person)


@pytest.mark.parametrize("url", [PAGE, _csv_url("theo-khoi"), WORKBOOK])
def test_queries_are_the_same_for_one_line_and_many(client, db, url, django_assert_num_queries):
    province = ProvinceFactory()
    board = UserFactory(role=Role.BOARD_ADMIN, province=province)
    client.force_login(board)
    _grow(province, 1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url, RANGE).status_code == 200
    _grow(province, 15)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url, RANGE)

    assert response.status_code == 200
