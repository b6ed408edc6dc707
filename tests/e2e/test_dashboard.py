"""A board member opens the province dashboard: the charts are drawn from the page's own data
tables (Chart.js served from the project, no CDN), and each table is reachable by keyboard."""

import os

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, ProvinceFactory, UserFactory
from tests.reports.test_dashboard_world import YEAR, full_bloc
from thidua.accounts.enums import Role

pytestmark = pytest.mark.e2e

MAX_TABS = 120


@pytest.fixture
def board(transactional_db):
    province = ProvinceFactory(name="Tỉnh Nam Hà")
    full_bloc(province, 3)
    full_bloc(province, 4)
    return UserFactory(username="ban-tinh", role=Role.BOARD_ADMIN, province=province)


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName, text: (el.textContent || '').trim().slice(0, 80),
                    region: el.getAttribute('aria-labelledby') || ''};
        }"""
    )


def test_dashboard_charts_drawn_from_their_tables(board, page, live_server, login):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    login(board.username, PASSWORD)

    page.goto(f"{live_server.url}/?year={YEAR}")

    expect(page.get_by_role("heading", name="Tổng quan", level=1)).to_be_visible()
    cycle = page.locator("#chart-cycle-chart")
    expect(cycle).to_be_visible()
    assert cycle.get_attribute("role") == "img"
    assert "tình trạng từng bước" in (cycle.get_attribute("aria-label") or "")
    expect(page.locator("canvas[role=img]")).to_have_count(3)
    assert page.evaluate("() => typeof window.Chart") == "function"
    assert all(url.startswith(live_server.url) for url in requests), requests
    # The tables are behind their "Xem bảng số liệu" once the chart is drawn; the cycle table and
    # the overdue list stay open.
    expect(page.locator("#chart-cycle")).to_be_hidden()
    expect(page.locator(".cycle-table")).to_be_visible()
    expect(page.get_by_role("heading", name="Việc quá hạn")).to_be_visible()
    if os.environ.get("DASHBOARD_SCREENSHOT"):
        page.screenshot(path=os.environ["DASHBOARD_SCREENSHOT"], full_page=True)


def test_dashboard_data_table_reachable_by_keyboard(board, page, live_server, login):
    login(board.username, PASSWORD)
    page.goto(f"{live_server.url}/?year={YEAR}")
    expect(page.locator("#chart-cycle-chart")).to_be_visible()

    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if _focused(page) == {"tag": "SUMMARY", "text": "Xem bảng số liệu", "region": ""}:
            break
    else:
        pytest.fail("no 'Xem bảng số liệu' reached by Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    expect(page.locator("#chart-cycle")).to_be_visible()
    assert _focused(page)["region"] == "chart-cycle-caption"
    expect(page.locator("#chart-cycle caption")).to_have_text(
        f"Số khối, cụm theo tình trạng từng bước năm {YEAR}"
    )


def test_dashboard_on_a_phone_tables_scroll_in_their_wrapper(board, page, live_server, login):
    page.set_viewport_size({"width": 375, "height": 740})
    login(board.username, PASSWORD)
    page.goto(f"{live_server.url}/?year={YEAR}")

    wrapper = page.locator(".table-wrap").filter(has=page.locator(".cycle-table"))
    sizes = wrapper.evaluate("el => [el.scrollWidth, el.clientWidth]")
    page_width = page.evaluate("() => document.documentElement.scrollWidth")

    assert sizes[0] > sizes[1]  # the table is wider than the phone and scrolls inside
    assert page_width <= 375 + 1


def test_dashboard_choosing_a_year_redraws_the_charts(board, page, live_server, login):
    full_bloc(board.province, 2, year=YEAR - 1)
    login(board.username, PASSWORD)
    page.goto(f"{live_server.url}/?year={YEAR}")
    expect(page.locator("canvas[role=img]")).to_have_count(3)

    page.get_by_label("Năm", exact=True).select_option(str(YEAR - 1))

    expect(page.get_by_role("heading", name=f"Tỉnh Nam Hà – năm {YEAR - 1}")).to_be_visible()
    expect(page.locator("canvas[role=img]")).to_have_count(3)
    expect(page.locator("#chart-cycle")).to_be_hidden()
    assert page.url.endswith(f"year={YEAR - 1}")
