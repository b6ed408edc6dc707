"""The province dashboard page (`/`, `org:dashboard`): who sees it, what it shows, its charts'
data tables, bad input, and a query count that does not grow with the province."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ProvinceFactory, UnitFactory, UserFactory
from tests.reports.test_dashboard_world import YEAR, board_of, full_bloc
from thidua.accounts.enums import Role

pytestmark = pytest.mark.integration

URL = reverse("org:dashboard")


@pytest.fixture
def province(db):
    return ProvinceFactory()


@pytest.fixture
def world(province):
    return full_bloc(province)


def _user(role, province):
    return UserFactory(role=role, province=province, unit=UnitFactory(province=province))


def _get(client, user, **params):
    client.force_login(user)
    return client.get(URL, {"year": YEAR, **params})


@pytest.mark.parametrize("role", [Role.BOARD_ADMIN, Role.VIEWER, Role.UNIT_OFFICER])
def test_dashboard_allowed_for_every_role_of_the_province(client, province, world, role):
    response = _get(client, _user(role, province))

    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["province"] == province
    assert world.season.bloc.name in body
    assert "2/3 đơn vị đã ký" in body


def test_dashboard_other_provinces_board_not_found(client, province, world):
    foreign_board = board_of(ProvinceFactory())

    response = _get(client, foreign_board, province=province.pk)

    assert response.status_code == 404
    assert world.season.bloc.name not in response.content.decode()


def test_dashboard_other_provinces_board_sees_its_own_province(client, province, world):
    other = ProvinceFactory()
    foreign_board = board_of(other)

    response = _get(client, foreign_board)

    assert response.status_code == 200
    assert response.context["province"] == other
    assert world.season.bloc.name not in response.content.decode()


def test_dashboard_anonymous_redirected_to_login(client, world):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_dashboard_user_without_province_sees_the_notice(client, db):
    officer = UserFactory(role=Role.UNIT_OFFICER)

    response = _get(client, officer)

    assert response.status_code == 200
    assert "Bạn chưa được giao phạm vi tỉnh nào." in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "99999999999999999999", "-1"])
def test_dashboard_bad_province_not_found(client, province, world, value):
    response = _get(client, board_of(province), province=value)

    assert response.status_code == 404


@pytest.mark.parametrize("params", [{"province": "1\x00"}, {"year": "20\x0024"}])
def test_dashboard_nul_bytes_refused_as_bad_request(client, province, world, params):
    response = _get(client, board_of(province), **params)

    assert response.status_code == 400


@pytest.mark.parametrize("value", ["abc", "1800", ""])
def test_dashboard_bad_year_falls_back_to_the_default(client, province, world, value):
    response = _get(client, board_of(province), year=value)

    assert response.status_code == 200
    assert response.context["year"] == YEAR


def test_dashboard_post_not_allowed(client, province, world):
    client.force_login(board_of(province))

    response = client.post(URL)

    assert response.status_code == 405


def test_dashboard_cycle_table_says_each_state_in_words(client, province, world):
    body = _get(client, board_of(province)).content.decode()

    assert '<th scope="col">Ký giao ước</th>' in body
    assert '<span class="state state--overdue">Quá hạn</span>' in body
    assert '<span class="state state--in_progress">Đang thực hiện</span>' in body
    assert "Hạn: 01/02/2024" in body
    assert "1/2 đề nghị đã có quyết định (1 quyết định)" in body


def test_dashboard_lists_the_overdue_items(client, province, world):
    response = _get(client, board_of(province))

    items = response.context["dashboard"].overdue
    body = response.content.decode()
    assert [item.kind for item in items] == [
        "covenant",
        "registration",
        "meeting",
        "proposal",
        "scoring",
    ]
    assert f'href="/de-nghi/{world.proposals[0].pk}/"' in body


def test_dashboard_charts_have_their_data_tables(client, province, world):
    body = _get(client, board_of(province)).content.decode()

    assert 'id="chart-cycle" data-chart="hbar-stacked"' in body
    assert 'id="chart-awards-years" data-chart="bar-stacked"' in body
    assert 'id="chart-awards-blocs" data-chart="hbar-stacked"' in body
    assert "<summary>Xem bảng số liệu</summary>" in body
    assert "vendor/chartjs/chart.umd.min.js" in body
    assert 'js/charts.js" defer' in body
    # Scripts and stylesheets come from the project, never from another host (a CDN).
    sources = re.findall(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"', body)
    assert sources and all(src.startswith("/") for src in sources), sources


def test_dashboard_award_tables_count_the_registry(client, province, world):
    response = _get(client, board_of(province))

    awards = response.context["dashboard"].awards
    by_year = response.context["charts"]["by_year"]
    assert {row.code: row.counts[-2:] for row in awards.by_type} == {
        "co_thi_dua_ubnd_tinh": (0, 1),
        "bang_khen_chu_tich_ubnd_tinh": (3, 3),
        "lao_dong_tien_tien": (0, 3),
    }
    assert by_year["rows"][-1] == {"label": str(YEAR), "values": [4, 3]}
    (bloc_row,) = response.context["charts"]["by_bloc"]["rows"]
    assert bloc_row == {"label": world.season.bloc.name, "values": [1, 3, 3]}


def _count(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, {"year": YEAR})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_page_queries_same_for_one_and_five_blocs(client, province):
    board = board_of(province)
    full_bloc(province, 2)
    with_one = _count(client, board)
    for _ in range(4):
        full_bloc(province, 5)

    with_five = _count(client, board)

    # The user's provinces are read once (two queries), for the page and its permission check.
    assert with_five == with_one == 18
