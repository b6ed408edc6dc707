"""A board administrator imports units and bloc memberships from an Excel file in the browser."""

import pytest

from tests.factories import PASSWORD, ProvinceFactory, UserFactory
from tests.org.test_xlsx_import import sample_rows, workbook_bytes
from thidua.accounts.enums import Role
from thidua.org.models import Season, Unit

pytestmark = pytest.mark.e2e


def test_import_board_admin_sees_row_error_then_success(page, live_server, login, tmp_path):
    province = ProvinceFactory(code="HNA", name="Tỉnh Hà Nam")
    UserFactory(username="ban-hna", role=Role.BOARD_ADMIN, province=province)
    units, members = sample_rows(province.code)
    bad = tmp_path / "co-loi.xlsx"
    members[1][3] = "20x3"
    bad.write_bytes(workbook_bytes(units, members))
    good = tmp_path / "dung.xlsx"
    members[1][3] = 2024
    good.write_bytes(workbook_bytes(units, members))

    login("ban-hna", PASSWORD)
    page.goto(f"{live_server.url}/du-lieu/")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(bad)
    page.get_by_role("button", name="Nhập dữ liệu").click()

    errors = page.locator("table.io-errors")
    errors.wait_for()
    assert errors.locator("tbody tr td").all_inner_texts() == [
        "Thanh vien khoi",
        "3",
        "Năm",
        "Năm “20x3” không hợp lệ: phải là số có 4 chữ số, ví dụ 2024.",
    ]
    assert page.locator(".io-failure").inner_text() == (
        "Tệp có 1 lỗi. Không có dữ liệu nào được ghi."
    )
    assert Unit.objects.filter(province=province).count() == 0

    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(good)
    page.get_by_role("button", name="Nhập dữ liệu").click()

    page.get_by_text("Nhập dữ liệu thành công.").wait_for()
    summary = page.locator("table.io-summary tbody tr").first.locator("td").all_inner_texts()
    assert summary == ["4", "0", "0"]
    assert Season.objects.get(bloc__name="Khối các sở, ngành").leader.code == "SNV"
