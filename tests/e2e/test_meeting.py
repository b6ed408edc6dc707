"""The year-end meeting in the browser (the secret-ballot journey): the leader sets up the meeting
and a nomination poll, three delegates vote in their own browsers, the projector follows the
turnout and switches to the result by itself, the leader closes, the minutes download."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import (
    PASSWORD,
    BlocFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from thidua.accounts.enums import Role

pytestmark = pytest.mark.e2e

UNITS = ("Sở Tài chính", "Văn phòng UBND tỉnh", "Sở Nội vụ")
DELEGATES = ("truongkhoi", "vanphong", "noivu")
RECEIPT = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")


@pytest.fixture
def season(transactional_db):
    province = ProvinceFactory(name="Tỉnh Nam Định")
    season = SeasonFactory(
        bloc=BlocFactory(province=province, name="Khối các cơ quan tổng hợp"), year=2026
    )
    units = [UnitFactory(province=province, name=name) for name in UNITS]
    for unit in units:
        SeasonMembershipFactory(season=season, unit=unit)
    season.leader, season.deputy = units[0], units[1]
    season.save()
    for unit, username in zip(units, DELEGATES, strict=True):
        UserFactory(username=username, role=Role.UNIT_OFFICER, unit=unit, province=province)
    UserFactory(username="bantdkt", role=Role.BOARD_ADMIN, province=province)
    return season


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("networkidle")


def vote(context, base_url, username, poll_path, unit_name):
    page = context.new_page()
    sign_in(page, base_url, username)
    page.goto(f"{base_url}{poll_path}bau/")
    counter = page.locator("#ballot-counter")
    expect(counter).to_contain_text("đã chọn 0 / tối đa 1")
    page.get_by_label(unit_name).check()
    expect(counter).to_contain_text("đã chọn 1 / tối đa 1")
    page.get_by_role("button", name="Gửi phiếu").click()
    receipt = page.locator("[data-receipt]")
    expect(receipt).to_have_text(RECEIPT)
    expect(page.locator("main")).to_contain_text("Mã chỉ hiện một lần")
    code = receipt.inner_text().strip()
    page.goto(f"{base_url}{poll_path}bau/")
    expect(page.locator("main")).to_contain_text("Đơn vị đã bỏ phiếu.")
    expect(page.locator("main")).not_to_contain_text(code)
    return code


def test_meeting_journey_vote_close_result_minutes(season, page, live_server, new_context):
    base = live_server.url

    # The leader unit sets up the meeting, takes attendance and creates a nomination poll.
    sign_in(page, base, "truongkhoi")
    page.goto(f"{base}/nam-thi-dua/{season.pk}/")
    page.get_by_role("link", name="Hội nghị tổng kết").click()
    page.get_by_label("Địa điểm").fill("Hội trường Sở Tài chính")
    page.get_by_role("button", name="Tạo hội nghị").click()
    expect(page.locator("main")).to_contain_text("Đã tạo hội nghị tổng kết.")
    for name in UNITS:
        page.get_by_label(f"Có mặt: {name}").check()
    page.get_by_label(f"Đại biểu của {UNITS[1]}", exact=True).fill("Nguyễn Văn An")
    page.get_by_role("button", name="Lưu điểm danh").click()
    expect(page.locator("main")).to_contain_text("Đã lưu điểm danh.")
    page.get_by_role("button", name="Bắt đầu hội nghị").click()
    page.get_by_label("Hình thức khen thưởng").select_option(
        label="Bằng khen của Chủ tịch UBND tỉnh"
    )
    page.get_by_label("Bỏ phiếu giấy").uncheck()
    page.get_by_role("button", name="Tạo cuộc bỏ phiếu").click()
    expect(page.locator("main")).to_contain_text("Đã tạo cuộc bỏ phiếu.")
    poll_path = page.url.removeprefix(base).split("#")[0]
    page.get_by_role("link", name="Mở bỏ phiếu").click()
    page.get_by_role("button", name="Mở bỏ phiếu").click()
    expect(page.locator("main")).to_contain_text("Đã mở bỏ phiếu.")

    # The room's screen, in its own browser: turnout only, never a count while voting is open.
    screen = new_context().new_page()
    sign_in(screen, base, "bantdkt")
    screen.goto(f"{base}{poll_path}trinh-chieu/")
    live = screen.locator("#projector-live")
    expect(live).to_contain_text("Đang bỏ phiếu")

    # Three delegates, each in their own browser.
    choices = (UNITS[0], UNITS[0], UNITS[1])
    receipts = [
        vote(new_context(), base, username, poll_path, choice)
        for username, choice in zip(DELEGATES, choices, strict=True)
    ]
    assert len(set(receipts)) == 3
    expect(live.locator(".figures li").nth(2)).to_contain_text("3", timeout=6000)
    expect(live.locator("table")).to_have_count(0)

    # The leader closes; the result shows, and the projector switches to it by itself.
    page.goto(f"{base}{poll_path}")
    page.get_by_role("link", name="Kết thúc bỏ phiếu").click()
    page.get_by_role("button", name="Kết thúc và kiểm phiếu").click()
    result = page.locator("#ket-qua")
    expect(result).to_contain_text("Đơn vị trúng")
    expect(result.locator("tbody tr").first).to_contain_text(UNITS[0])
    expect(live.locator("table")).to_be_visible(timeout=6000)
    expect(live).to_contain_text("Trúng")

    # The minutes, as Word and PDF.
    for label, ext in (("(.docx)", ".docx"), ("(.pdf)", ".pdf")):
        with page.expect_download() as info:
            result.get_by_role("link", name=f"Tải biên bản kiểm phiếu {label}").click()
        download = info.value
        assert download.suggested_filename.endswith(ext)
        with open(download.path(), "rb") as handle:
            assert len(handle.read()) > 1000

    # A delegate finds its receipt in the published ballot list.
    page.get_by_role("link", name="Danh sách phiếu").click()
    page.get_by_label("Mã phiếu của bạn").fill(receipts[1])
    page.get_by_role("button", name="Tìm").click()
    expect(page.locator("main")).to_contain_text(f"Có phiếu {receipts[1]} trong danh sách")
    expect(page.locator("main")).to_contain_text("Khớp")
