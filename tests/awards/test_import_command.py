"""The import_awards management command."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.awards.test_import import person_row, registry_bytes, unit_row
from tests.factories import ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.awards.models import AwardRecord

pytestmark = pytest.mark.integration


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def registry_file(province, tmp_path):
    UnitFactory(province=province, code="SNV")
    path = tmp_path / "so-khen-thuong.xlsx"
    path.write_bytes(registry_bytes([unit_row(), person_row()]))
    return path


def test_import_awards_command_prints_summary(board_admin, province, registry_file):
    out, _err = run(
        "import_awards", str(registry_file), "--as", board_admin.username,
        "--province", province.code,
    )  # fmt: skip

    assert out.splitlines() == [
        "Bản ghi khen thưởng: tạo mới 2, đã có 0",
        "Cá nhân: tạo mới 1, đã có 0",
        "Nhập dữ liệu thành công.",
    ]
    assert AwardRecord.objects.count() == 2


def test_import_awards_command_twice_changes_nothing(board_admin, province, registry_file):
    args = ("import_awards", str(registry_file), "--as", board_admin.username,
            "--province", province.code)  # fmt: skip
    run(*args)

    out, _err = run(*args, "-v", "2")

    assert out.splitlines()[-1] == "Không có thay đổi nào."
    assert AwardRecord.objects.count() == 2


def test_import_awards_command_verbose_prints_progress(board_admin, province, registry_file):
    _out, err = run(
        "import_awards", str(registry_file), "--as", board_admin.username,
        "--province", province.code, "-v", "2",
    )  # fmt: skip

    assert err.splitlines() == [
        "Đọc tệp…",
        "  Đã xử lý 2/2 dòng",
        "Kiểm tra…",
        "Ghi dữ liệu…",
        "  Đã xử lý 0/2 dòng",
        "  Đã xử lý 2/2 dòng",
    ]


def test_import_awards_command_errors_exit_non_zero(board_admin, province, tmp_path):
    path = tmp_path / "so.xlsx"
    path.write_bytes(registry_bytes([unit_row(unit="KHONGCO")]))
    err = io.StringIO()

    with pytest.raises(CommandError) as excinfo:
        call_command("import_awards", str(path), "--as", board_admin.username,
                     "--province", province.code, stderr=err)  # fmt: skip

    assert str(excinfo.value) == "Có 1 lỗi; không có dữ liệu nào được ghi."
    assert err.getvalue() == (
        f"dòng 2, cột Mã đơn vị: Không tìm thấy đơn vị mã “KHONGCO” trong tỉnh “{province.name}”.\n"
    )


def test_import_awards_command_other_province_admin_refused(province, registry_file):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())

    with pytest.raises(CommandError):
        run("import_awards", str(registry_file), "--as", stranger.username,
            "--province", province.code)  # fmt: skip

    assert AwardRecord.objects.count() == 0


def test_import_awards_command_missing_file_refused(board_admin, province, tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        run("import_awards", str(tmp_path / "khong-co.xlsx"), "--as", board_admin.username,
            "--province", province.code)  # fmt: skip
