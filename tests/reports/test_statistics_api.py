"""GET /api/v1/statistics and its files: the tables as JSON, who may read them, bad filters with
a code, the CSV and .xlsx files read back, and queries that do not grow with the registry."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.api.conftest import ApiClient
from tests.factories import ProvinceFactory, UserFactory
from tests.reports.test_statistics import statistics_world
from tests.reports.test_statistics_pages import _grow
from thidua.accounts.enums import Role

pytestmark = pytest.mark.integration

RANGE = {"year_from": 2023, "year_to": 2024}


@pytest.fixture
def world(db):
    return statistics_world()


def _api(user):
    return ApiClient().login(user)


def _tables(body):
    return {t["slug"]: t for t in body["tables"]}


# ── JSON ─────────────────────────────────────────────────────────────────────────────────────


def test_statistics_returns_every_table_as_plain_data(world):
    response = _api(world.board).get("/statistics", RANGE)

    assert response.status_code == 200
    body = response.json()
    assert body["filters"] == {
        "province_id": None,
        "year_from": 2023,
        "year_to": 2024,
        "bloc_id": None,
        "level": None,
        "subject_kind": None,
    }
    assert body["total"] == 7
    assert "Chỉ tính khen thưởng chưa bị huỷ" in body["scope"]
    tables = _tables(body)
    assert list(tables) == [
        "xu-huong",
        "theo-hinh-thuc",
        "theo-cap",
        "theo-khoi",
        "theo-loai-don-vi",
        "nu-theo-nam",
        "nu-theo-hinh-thuc",
    ]
    women = tables["nu-theo-nam"]
    assert women["key"] == "women_by_year"
    assert [c["key"] for c in women["columns"]] == [
        "year",
        "female",
        "male",
        "unknown",
        "total",
        "female_share",
    ]
    assert women["columns"][-1]["kind"] == "share"
    assert women["rows"] == [
        {"key": "2023", "cells": [2023, 1, 0, 0, 1, 1.0]},
        {"key": "2024", "cells": [2024, 1, 1, 1, 3, pytest.approx(1 / 3)]},
    ]
    assert women["totals"] == ["Tổng cộng", 2, 1, 1, 4, 0.5]
    trend = tables["xu-huong"]
    assert trend["rows"][1]["cells"] == [2024, 2, 3, 5, 3, 1.5]
    assert isinstance(trend["rows"][1]["cells"][1], int)


def test_statistics_links_each_tables_files_with_the_resolved_filters(world):
    body = _api(world.board).get("/statistics", {**RANGE, "level": "national"}).json()

    table = _tables(body)["theo-cap"]
    assert (
        table["csv_url"]
        == "/api/v1/statistics/theo-cap.csv?year_from=2023&year_to=2024&level=national"
    )
    assert table["xlsx_url"].startswith("/api/v1/statistics/theo-cap.xlsx?")
    assert body["xlsx_url"] == "/api/v1/statistics.xlsx?year_from=2023&year_to=2024&level=national"


def test_statistics_filters(world):
    api = _api(world.board)

    by_bloc = api.get("/statistics", {**RANGE, "bloc_id": world.bloc_a.pk}).json()
    national = api.get("/statistics", {**RANGE, "level": "national"}).json()
    individual = api.get("/statistics", {**RANGE, "subject_kind": "individual"}).json()

    assert (by_bloc["total"], national["total"], individual["total"]) == (5, 2, 4)


# ── Who may read ─────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("role", [Role.VIEWER, Role.UNIT_OFFICER])
def test_viewers_and_unit_officers_read_their_province(world, role):
    api = _api(UserFactory(role=role, province=world.province, unit=world.u1))

    assert api.get("/statistics", RANGE).json()["total"] == 7
    assert api.get("/statistics/theo-cap.csv", RANGE).status_code == 200


def test_national_board_reads_every_province_or_one(world):
    api = _api(world.national)

    every = api.get("/statistics", RANGE).json()
    one = api.get("/statistics", {**RANGE, "province_id": world.other.pk}).json()

    assert (every["total"], one["total"]) == (8, 1)


def test_another_provinces_board_gets_404_for_this_province_or_its_bloc(world):
    api = _api(UserFactory(role=Role.BOARD_ADMIN, province=world.other))

    paths = ["/statistics", "/statistics.xlsx", "/statistics/theo-cap.csv"]
    for params in ({"province_id": world.province.pk}, {"bloc_id": world.bloc_a.pk}):
        responses = [api.get(path, {**RANGE, **params}) for path in paths]
        assert [r.status_code for r in responses] == [404] * 3
        assert {r.json()["code"] for r in responses} == {"not_found"}
    assert api.get("/statistics", RANGE).json()["total"] == 1


def test_anonymous_and_bad_tokens_get_401(world):
    anonymous = ApiClient()
    forged = ApiClient()
    forged.token = "khong-phai-ma-that"

    for api in (anonymous, forged):
        for path in ("/statistics", "/statistics.xlsx", "/statistics/theo-cap.csv"):
            response = api.get(path, RANGE)
            assert response.status_code == 401
            assert response.json()["code"] == "not_authenticated"


def test_inactive_users_token_no_longer_reads(world):
    user = UserFactory(role=Role.BOARD_ADMIN, province=world.province)
    api = _api(user)
    user.is_active = False
    user.save(update_fields=["is_active"])

    assert api.get("/statistics", RANGE).status_code in (401, 403)


# ── Bad filters ──────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"year_from": 2025, "year_to": 2020}, "year_range_reversed"),
        ({"year_from": 1980, "year_to": 2024}, "year_range_too_long"),
        ({"year_from": 1800}, "validation_error"),
        ({"year_to": "abc"}, "validation_error"),
        ({"level": "xa"}, "validation_error"),
        ({"subject_kind": "ho_gia_dinh"}, "validation_error"),
        ({"province_id": 0}, "validation_error"),
        ({"bloc_id": 2**63}, "validation_error"),
    ],
)
def test_bad_filters_answer_422_with_a_code(world, params, code):
    api = _api(world.board)

    for path in ("/statistics", "/statistics.xlsx", "/statistics/theo-cap.csv"):
        response = api.get(path, params)
        assert response.status_code == 422, (path, response.content)
        body = response.json()
        assert body["code"] == code
        assert body["message"]


def test_a_bloc_of_another_province_than_the_one_chosen_answers_422(world):
    response = _api(world.national).get(
        "/statistics", {"province_id": world.other.pk, "bloc_id": world.bloc_a.pk}
    )

    assert response.status_code == 422
    assert response.json()["code"] == "bloc_not_in_province"
    assert response.json()["details"] == {"field": "bloc_id"}


def test_unknown_table_is_404_and_unknown_format_is_422(world):
    api = _api(world.board)

    missing = api.get("/statistics/khong-co.csv", RANGE)
    wrong = api.get("/statistics/theo-cap.pdf", RANGE)

    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    assert (wrong.status_code, wrong.json()["code"]) == (422, "file_format")


def test_nul_bytes_in_filters_are_refused(world):
    response = _api(world.board).get("/statistics", {"level": "unit\x00"})

    assert response.status_code in (400, 422)


# ── Files ────────────────────────────────────────────────────────────────────────────────────


def test_table_as_csv_reads_back(world):
    response = _api(world.board).get("/statistics/theo-loai-don-vi.csv", RANGE)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Loại đơn vị", "Tập thể", "Cá nhân", "Tổng số", "Tỷ lệ (%)"]
    assert ["Sở, ban, ngành cấp tỉnh", "2", "1", "3", "42.9"] in rows
    assert ["Xã, phường, đặc khu (từ 2025)", "1", "2", "3", "42.9"] in rows
    assert rows[-1] == ["Tổng cộng", "3", "4", "7", "100.0"]
    assert (
        'filename="khen-thuong-theo-loai-don-vi-tinh-ha-nam-thu-2023-2024.csv"'
        in response["Content-Disposition"]
    )


def test_table_as_xlsx_and_every_table_in_one_workbook(world):
    api = _api(world.board)

    one = load_workbook(io.BytesIO(api.get("/statistics/theo-khoi.xlsx", RANGE).content))
    every = load_workbook(io.BytesIO(api.get("/statistics.xlsx", RANGE).content))

    sheet = one.active
    assert sheet.title == "Theo khối, cụm"
    assert sheet["A1"].value == "Khen thưởng theo khối, cụm thi đua"
    assert [c.value for c in sheet[4]] == [
        "Khối các cơ quan Đảng",
        "Khối thi đua",
        2,
        3,
        0,
        2,
        3,
        5,
    ]
    assert len(every.sheetnames) == 7
    assert all(len(name) <= 31 for name in every.sheetnames)


# ── Schema and queries ───────────────────────────────────────────────────────────────────────


def test_schema_documents_the_statistics_paths(client, db):
    schema = json.loads(client.get("/api/v1/openapi.json").content)

    listed = schema["paths"]["/api/v1/statistics"]["get"]
    files = schema["paths"]["/api/v1/statistics/{table}.{fmt}"]["get"]
    assert {"200", "400", "401", "404", "422"} <= set(listed["responses"])
    assert {"200", "401", "404", "422"} <= set(files["responses"])
    assert "text/csv; charset=utf-8" in files["responses"]["200"]["content"]
    assert listed["tags"] == ["statistics"]


@pytest.mark.parametrize("path", ["/statistics", "/statistics/theo-khoi.csv", "/statistics.xlsx"])
def test_queries_are_the_same_for_one_line_and_many(db, path, django_assert_num_queries):
    province = ProvinceFactory()
    api = _api(UserFactory(role=Role.BOARD_ADMIN, province=province))
    _grow(province, 1)
    api.get(path, RANGE)  # the token's first use is recorded once (accounts.api_token_touch)
    with CaptureQueriesContext(connection) as one:
        assert api.get(path, RANGE).status_code == 200
    _grow(province, 15)

    with django_assert_num_queries(len(one.captured_queries)):
        response = api.get(path, RANGE)

    assert response.status_code == 200
