"""An officer signs in and opens their bloc's page (demo data from the seeds)."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from thidua.org.demo.data import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db):
    call_command("create_demo_data", "--once", "--stage", "org", stdout=io.StringIO())


def test_officer_opens_bloc_page(demo, page, live_server, login):
    login("nd-btg", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto(f"{live_server.url}/khoi/")
    page.get_by_role("link", name="Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy").first.click()

    expect(
        page.get_by_role("heading", name="Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy", level=1)
    ).to_be_visible()
    content = page.locator("main").inner_text()
    assert "Ban Tuyên giáo Tỉnh ủy" in content
    assert "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh" in content
    assert "2019" in content
    assert "2023" in content


def test_officer_cannot_open_board_form(demo, page, live_server, login):
    login("nd-btg", DEMO_PASSWORD)

    response = page.goto(f"{live_server.url}/khoi/them/")

    assert response.status == 403


def test_login_wrong_password_shows_vietnamese_error(demo, page, live_server, login):
    login("nd-btg", "sai-mat-khau")

    expect(page.locator("main")).to_contain_text("mật khẩu")
