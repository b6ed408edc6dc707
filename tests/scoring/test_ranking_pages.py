"""The ranking page and its Excel export: roles, scoping, content, query counts."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory
from tests.scoring.test_ranking_setup import big_table, card, cross, exclude, season_table
from thidua.accounts.enums import Role

pytestmark = pytest.mark.integration
D = Decimal


@pytest.fixture
def world(province):
    season, covenant, units = season_table(3, province=province)
    a, b, c = units
    card(season, a, {"I.1": 30, "I.2": 30, "II.1": 30, "B.1": 5, "D.1": 2}, status="final")
    card(season, b, {"I.1": 30, "I.2": 30, "II.1": 28, "D.1": 0})
    card(season, c, {"I.1": 30, "I.2": 25, "II.1": 30, "B.1": 4, "D.1": 1})
    return {"season": season, "covenant": covenant, "units": units}


def _url(season, name="ranking:season"):
    return reverse(name, args=[season.pk])


@pytest.mark.parametrize("role", ["board_admin", "officer", "viewer"])
def test_ranking_page_shows_table_chart_and_rules_per_role(client, request, world, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(_url(world["season"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in html
    assert "aria-label=" in html
    assert html.index("<svg") < html.index('class="table table--compact ranking-table"')
    assert "Ít điểm trừ hơn" in html
    assert "trước khi chấm điểm" in html
    for unit in world["units"]:
        assert unit.name in html


def test_ranking_page_order_and_tie_replay(client, board_admin, world):
    a, b, c = world["units"]
    client.force_login(board_admin)

    response = client.get(_url(world["season"]))

    lines = response.context["lines"]
    assert [line.row.entry.unit_id for line in lines] == [a.pk, b.pk, c.pk]
    assert [line.row.rank for line in lines] == [1, 2, 3]
    assert lines[2].note == f"Bằng tổng điểm với {b.name}; xếp sau theo quy tắc: Ít điểm trừ hơn."
    replay = response.context["replays"][0]
    assert replay["steps"][0]["label"] == "Ít điểm trừ hơn"
    assert replay["steps"][0]["separated"] is True


def test_ranking_page_lists_excluded_units_with_rule(client, board_admin, world):
    a = world["units"][0]
    exclude(world["season"], a, reason="Đang xem xét kỷ luật")
    client.force_login(board_admin)

    response = client.get(_url(world["season"]))

    html = response.content.decode()
    assert "Đơn vị không xét xếp hạng" in html
    assert "GEN-03" in html
    assert "Đang xem xét kỷ luật" in html
    assert a.pk not in [line.row.entry.unit_id for line in response.context["lines"]]


def test_ranking_page_flags_unreviewed_cards(client, board_admin, world):
    client.force_login(board_admin)

    html = client.get(_url(world["season"])).content.decode()

    assert "chưa thẩm định" in html
    assert "Chính thức" in html


def test_ranking_page_cross_mode_shows_leniency(client, board_admin, world):
    world["covenant"].scoring_mode = "cross_scoring"
    world["covenant"].save()
    a, b, c = world["units"]
    for score in a.scorecards.get().scores.all():
        cross(score, b, 1)
        cross(score, c, 9)
    client.force_login(board_admin)

    html = client.get(_url(world["season"])).content.decode()

    assert "Mức chấm chéo của từng đơn vị chấm" in html
    assert b.name in html


def test_ranking_page_other_province_not_found(client, world, other_province):
    client.force_login(UserFactory(role=Role.VIEWER, province=other_province))

    assert client.get(_url(world["season"])).status_code == 404
    assert client.get(_url(world["season"], "ranking:export")).status_code == 404


def test_ranking_page_missing_season_not_found(client, board_admin):
    client.force_login(board_admin)

    assert client.get(reverse("ranking:season", args=[987654])).status_code == 404


def test_ranking_page_anonymous_redirected_to_login(client, world):
    response = client.get(_url(world["season"]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_ranking_page_english(client, board_admin, world):
    client.force_login(board_admin)
    client.cookies["django_language"] = "en"

    html = client.get(_url(world["season"])).content.decode()

    assert "Ranking table" in html
    assert "Tie-break rules" in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("mode", ["leader_review", "cross_scoring"])
def test_ranking_page_queries_constant_for_2x3_and_6x12(client, board_admin, province, mode):
    client.force_login(board_admin)
    counts = []
    for n_units, n_extra in ((2, 0), (6, 7)):
        season, covenant, units = season_table(n_units, province=province)
        covenant.scoring_mode = mode
        covenant.save()
        big_table(season, covenant, n_extra)  # 5 scored rows + 7 = 12 criteria
        codes = [c.code for c in covenant.criteria.exclude(kind="group")]
        assert len(codes) == (5 if n_extra == 0 else 12)
        cards = [card(season, unit, dict.fromkeys(codes, 1)) for unit in units]
        exclude(season, units[0])
        for score in cards[0].scores.all():
            cross(score, units[1], 2)
        counts.append(_queries(client, _url(season)))
        counts.append(_queries(client, _url(season, "ranking:export")))

    assert counts[0] == counts[2]
    assert counts[1] == counts[3]


def test_ranking_export_opens_with_openpyxl(client, officer, world):
    a = world["units"][0]
    exclude(world["season"], a)
    client.force_login(officer)

    response = client.get(_url(world["season"], "ranking:export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Xếp hạng", "Điểm chi tiết"]
    ranking = book["Xếp hạng"]
    assert ranking["A1"].value == "Hạng"
    assert [ranking.cell(row=r, column=1).value for r in (2, 3)] == [1, 2]
    assert any(cell.value == "GEN-03" for row in ranking.iter_rows() for cell in row)
    scores = book["Điểm chi tiết"]
    assert scores["B2"].value == "Tự chấm"
    assert scores["C2"].value == "Thẩm định"
    assert scores.max_row == 2 + 3
    assert scores.cell(row=3, column=2).value == 30
