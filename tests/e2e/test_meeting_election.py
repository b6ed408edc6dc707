"""The leader and deputy election in the browser, with paper ballots keyed twice by the counting
committee (one sheet read differently, settled by the leader), online ballots in the same tally,
and next year's season set by the outcome."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.e2e.test_meeting import sign_in
from tests.factories import (
    BlocFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from thidua.accounts.enums import Role
from thidua.org.models import Season
from thidua.voting import services

pytestmark = pytest.mark.e2e

UNITS = ("Sở Tài chính", "Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tư pháp")
OFFICERS = ("taichinh", "vanphong", "noivu", "tuphap")


@pytest.fixture
def meeting(transactional_db):
    province = ProvinceFactory(name="Tỉnh Yên Bái")
    season = SeasonFactory(
        bloc=BlocFactory(province=province, name="Khối các cơ quan tổng hợp"), year=2021
    )
    units = [UnitFactory(province=province, name=name) for name in UNITS]
    for unit in units:
        SeasonMembershipFactory(season=season, unit=unit)
    season.leader, season.deputy = units[0], units[1]
    season.save()
    for unit, username in zip(units, OFFICERS, strict=True):
        UserFactory(username=username, role=Role.UNIT_OFFICER, unit=unit, province=province)
    board = UserFactory(username="bantdkt", role=Role.BOARD_ADMIN, province=province)
    meeting = services.meeting_create(
        actor=board, season=season, held_on=datetime.date(2022, 1, 20), place_name="Yên Bái"
    )
    for unit in units:
        services.attendance_set(actor=board, meeting=meeting, unit=unit, present=True)
    for i, role in ((1, "head"), (2, "member")):
        keyer = UserFactory(username=f"kiemphieu{i}", role=Role.VIEWER, province=province)
        services.committee_add(
            actor=board, meeting=meeting, full_name=f"Kiểm phiếu {i}", role=role, user=keyer
        )
    return meeting


def create_poll(page, base, meeting, kind, *, paper):
    page.goto(f"{base}/hoi-nghi/{meeting.pk}/")
    form = page.locator("details", has_text="Tạo cuộc bỏ phiếu")
    if form.get_attribute("open") is None:
        form.locator("summary").click()
    page.get_by_label("Nội dung bỏ phiếu").select_option(label=kind)
    if not paper:
        page.get_by_label("Bỏ phiếu giấy").uncheck()
    page.get_by_role("button", name="Tạo cuộc bỏ phiếu").click()
    expect(page.locator("main")).to_contain_text("Đã tạo cuộc bỏ phiếu.")
    path = page.url.removeprefix(base).split("#")[0]
    page.get_by_role("link", name="Mở bỏ phiếu").click()
    page.get_by_role("button", name="Mở bỏ phiếu").click()
    expect(page.locator("main")).to_contain_text("Đã mở bỏ phiếu.")
    return path


def vote_online(new_context, base, username, path, unit_name):
    page = new_context().new_page()
    sign_in(page, base, username)
    page.goto(f"{base}{path}bau/")
    page.get_by_label(unit_name).check()
    page.get_by_role("button", name="Gửi phiếu").click()
    expect(page.locator("[data-receipt]")).to_be_visible()


def key_sheet(page, base, path, number, unit_name):
    page.goto(f"{base}{path}phieu-giay/")
    form = page.locator("#nhap-phieu")
    form.get_by_label("Số phiếu").fill(str(number))
    form.get_by_label(unit_name).check()
    form.get_by_role("button", name="Lưu lần nhập").click()
    expect(page.locator("main")).to_contain_text(f"Đã nhập phiếu số {number}")


def close(page, base, path):
    page.goto(f"{base}{path}")
    page.get_by_role("link", name="Kết thúc bỏ phiếu").click()
    page.get_by_role("button", name="Kết thúc và kiểm phiếu").click()
    expect(page.locator("#ket-qua")).to_contain_text("Đơn vị trúng")


def test_leader_and_deputy_election_with_paper_double_entry(
    meeting, page, live_server, new_context
):
    base = live_server.url
    sign_in(page, base, "taichinh")  # the 2021 leader unit presides

    # Leader election: two delegates online, two on paper keyed twice.
    path = create_poll(page, base, meeting, "Bầu trưởng khối", paper=True)
    for username in OFFICERS[:2]:
        vote_online(new_context, base, username, path, "Sở Tài chính")

    keyer1 = new_context().new_page()
    sign_in(keyer1, base, "kiemphieu1")
    keyer1.goto(f"{base}{path}phieu-giay/")
    issue = keyer1.locator("#phat-phieu")
    for name in UNITS[2:]:
        issue.get_by_label(name).check()
    issue.get_by_role("button", name="Phát phiếu").click()
    expect(keyer1.locator("main")).to_contain_text("Đã phát 2 phiếu giấy.")
    key_sheet(keyer1, base, path, 1, "Sở Tài chính")
    key_sheet(keyer1, base, path, 2, "Sở Tài chính")
    # blind entry: the first keyer's reading is hidden until the sheet is complete
    expect(keyer1.locator("#danh-sach-phieu-giay")).to_contain_text("Ẩn cho đến khi nhập đủ")

    keyer2 = new_context().new_page()
    sign_in(keyer2, base, "kiemphieu2")
    key_sheet(keyer2, base, path, 1, "Sở Tài chính")
    key_sheet(keyer2, base, path, 2, "Sở Nội vụ")  # misread
    expect(keyer2.locator("#danh-sach-phieu-giay")).to_contain_text("Không khớp")

    # The leader settles sheet 2 from the paper ballot, then closes.
    page.goto(f"{base}{path}phieu-giay/")
    page.get_by_role("link", name="Xử lý phiếu 2").click()
    page.get_by_label("Sở Tài chính").check()
    page.get_by_label("Ghi chú xử lý").fill("Đối chiếu phiếu gốc cùng ban kiểm phiếu")
    page.get_by_role("button", name="Lưu kết quả xử lý").click()
    expect(page.locator("main")).to_contain_text("Đã xử lý phiếu số 2.")
    close(page, base, path)
    result = page.locator("#ket-qua")
    expect(result.locator("tbody tr").first).to_contain_text("Sở Tài chính")
    expect(result.locator("tbody tr").first).to_contain_text("4")

    # Deputy election, online only: the elected leader is listed but cannot be chosen.
    path = create_poll(page, base, meeting, "Bầu phó trưởng khối", paper=False)
    expect(page.locator("main")).to_contain_text("BLK-04")
    for username in OFFICERS:
        vote_online(new_context, base, username, path, "Văn phòng UBND tỉnh")
    close(page, base, path)

    following = Season.objects.get(bloc=meeting.season.bloc, year=2022)
    assert (following.leader.name, following.deputy.name) == ("Sở Tài chính", "Văn phòng UBND tỉnh")
    with page.expect_download() as info:
        page.locator("#ket-qua").get_by_role("link", name="Tải biên bản kiểm phiếu (.pdf)").click()
    assert info.value.suggested_filename.endswith(".pdf")
