"""The import_xlsx and export_xlsx management commands."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.factories import ProvinceFactory, UserFactory, season_with_members
from tests.org.test_xlsx_import import counts, sample_rows, workbook_bytes
from thidua.accounts.enums import Role
from thidua.org.models import Unit

pytestmark = pytest.mark.integration


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_xlsx_command_prints_summary(board_admin, province, tmp_path):
    path = tmp_path / "du-lieu.xlsx"
    path.write_bytes(workbook_bytes(*sample_rows(province.code)))

    out, _err = run("import_xlsx", str(path), "--as", board_admin.username)

    assert out.splitlines()[0] == "Đơn vị: tạo mới 4, cập nhật 0, không đổi 0"
    assert Unit.objects.filter(province=province).count() == 4


def test_import_xlsx_command_dry_run_writes_nothing(board_admin, province, tmp_path):
    path = tmp_path / "du-lieu.xlsx"
    path.write_bytes(workbook_bytes(*sample_rows(province.code)))
    before = counts()

    out, _err = run("import_xlsx", str(path), "--as", board_admin.username, "--dry-run")

    assert out.splitlines()[-1] == "Chạy thử (--dry-run): không có dữ liệu nào được ghi."
    assert counts() == before


def test_import_xlsx_command_errors_exit_non_zero(board_admin, province, tmp_path):
    units, members = sample_rows(province.code)
    members[1][3] = 1800
    path = tmp_path / "du-lieu.xlsx"
    path.write_bytes(workbook_bytes(units, members))
    err = io.StringIO()

    with pytest.raises(CommandError) as excinfo:
        call_command("import_xlsx", str(path), "--as", board_admin.username, stderr=err)

    assert str(excinfo.value) == "Có 1 lỗi; không có dữ liệu nào được ghi."
    assert err.getvalue() == (
        "trang Thanh vien khoi, dòng 3, cột Năm: Năm 1800 không hợp lệ (phải từ 1945 đến 2100).\n"
    )
    assert Unit.objects.count() == 0


def test_import_xlsx_command_other_province_admin_refused(province, tmp_path):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())
    path = tmp_path / "du-lieu.xlsx"
    path.write_bytes(workbook_bytes(*sample_rows(province.code)))

    with pytest.raises(CommandError):
        run("import_xlsx", str(path), "--as", stranger.username, "--province", province.code)

    assert Unit.objects.filter(province=province).count() == 0


def test_export_then_import_command_round_trip(board_admin, province, tmp_path):
    season_with_members(3, province=province)
    path = tmp_path / "xuat.xlsx"
    run("export_xlsx", str(path), "--as", board_admin.username, "--province", province.code)
    before = counts()

    out, _err = run("import_xlsx", str(path), "--as", board_admin.username)

    assert out.splitlines()[-1] == "Không có thay đổi nào."
    assert counts() == before


def test_export_xlsx_command_unknown_user_refused(db, tmp_path):
    with pytest.raises(CommandError):
        run("export_xlsx", str(tmp_path / "x.xlsx"), "--as", "khongco")
