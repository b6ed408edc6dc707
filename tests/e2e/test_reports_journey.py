"""Issue 7 in the browser: a board member publishes the honour board (a visitor reads it without
signing in), downloads a statistics table, a unit officer subscribes to the unit's calendar, and
the board downloads a bloc's summary report."""

import datetime
import zipfile

import pytest
from playwright.sync_api import expect

from tests.factories import (
    PASSWORD,
    PersonFactory,
    ProvinceFactory,
    UserFactory,
    season_with_members,
)
from thidua.accounts.enums import Role
from thidua.awards.services.registry import award_record_create

pytestmark = pytest.mark.e2e

YEAR = datetime.date.today().year - 1


@pytest.fixture
def world(transactional_db):
    province = ProvinceFactory(code="nam-ha", name="Tỉnh Nam Hà")
    board = UserFactory(username="ban-tinh", role=Role.BOARD_ADMIN, province=province)
    season = season_with_members(3, year=YEAR, province=province)
    leader = season.leader
    person = PersonFactory(unit=leader, full_name="Đặng Thị Thuỷ")
    award_record_create(
        actor=board,
        unit=leader,
        award_type="co_thi_dua_ubnd_tinh",
        year=YEAR,
        decision_number="135/QĐ-UBND",
        decision_date=datetime.date(YEAR + 1, 1, 10),
        issuer="Chủ tịch UBND tỉnh",
    )
    award_record_create(
        actor=board,
        person=person,
        award_type="chien_si_thi_dua_cap_tinh",
        year=YEAR,
        decision_number="136/QĐ-UBND",
        decision_date=datetime.date(YEAR + 1, 1, 10),
    )
    officer = UserFactory(username="can-bo", role=Role.UNIT_OFFICER, unit=leader, province=province)
    return {"province": province, "board": board, "season": season, "officer": officer}


def test_the_board_publishes_the_honour_board_and_a_visitor_reads_it(
    world, page, live_server, login, browser
):
    province = world["province"]
    login(world["board"].username, PASSWORD)
    page.goto(f"{live_server.url}/bang-vang/")
    page.get_by_role("link", name="Cài đặt bảng vàng – Tỉnh Nam Hà").click()
    page.get_by_label("Công khai bảng vàng (ai cũng xem được, không cần đăng nhập)").check()
    page.get_by_label("Tiêu đề").fill("Bảng vàng tỉnh Nam Hà")
    page.get_by_role("button", name="Lưu cài đặt").click()
    expect(page.get_by_text("Đã lưu cài đặt bảng vàng.")).to_be_visible()

    context = browser.new_context(locale="vi-VN")
    visitor = context.new_page()
    visitor.goto(f"{live_server.url}/bang-vang/{province.code}/")
    expect(visitor.get_by_role("heading", name="Bảng vàng tỉnh Nam Hà", level=1)).to_be_visible()
    expect(visitor.get_by_role("rowheader", name="Đặng Thị Thuỷ")).to_be_visible()
    expect(visitor.get_by_text("136/QĐ-UBND")).to_be_visible()
    expect(visitor.get_by_role("navigation", name="Điều hướng chính")).to_have_count(0)
    visitor.get_by_label("Hình thức khen thưởng").select_option(label="Cờ thi đua của UBND tỉnh")
    visitor.get_by_role("button", name="Lọc").click()
    expect(visitor.get_by_text("1 dòng khen thưởng.")).to_be_visible()
    context.close()


def test_statistics_table_downloads_as_csv(world, page, live_server, login):
    login(world["board"].username, PASSWORD)
    page.goto(f"{live_server.url}/thong-ke/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thống kê")
    link = page.get_by_role("link", name="tải .csv").first
    with page.expect_download() as info:
        link.click()
    body = info.value.path().read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")
    assert str(YEAR).encode() in body


def test_a_unit_officer_subscribes_to_the_units_calendar(world, page, live_server, login):
    officer = world["officer"]
    login(officer.username, PASSWORD)
    page.goto(f"{live_server.url}/lich-thi-dua/don-vi/{officer.unit_id}/")
    page.get_by_role("button", name="Tạo đường dẫn đăng ký").click()
    feed = page.get_by_label("Đường dẫn đăng ký lịch")
    url = feed.input_value()
    assert url.startswith(live_server.url) and url.endswith(".ics")
    page.get_by_role("button", name="Sao chép").click()
    response = page.context.request.get(url)  # what a calendar app fetches, without a session
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.text().startswith("BEGIN:VCALENDAR")


def test_the_board_downloads_a_blocs_summary_report(world, page, live_server, login):
    login(world["board"].username, PASSWORD)
    season = world["season"]
    page.goto(f"{live_server.url}/nam-thi-dua/{season.pk}/")
    page.get_by_role("link", name="Báo cáo tổng kết").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo tổng kết")
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải về Word (.docx)").click()
    path = info.value.path()
    assert zipfile.is_zipfile(path)
    assert "word/document.xml" in zipfile.ZipFile(path).namelist()
