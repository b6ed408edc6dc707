"""Import units and bloc memberships from an .xlsx workbook, as a given user."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.core.exceptions import DomainError
from thidua.org.models import Province
from thidua.org.services.xlsx_import import workbook_import
from thidua.org.xlsx.format import ImportResult


def user_by_name(username: str) -> Any:
    try:
        return get_user_model().objects.get(username=username, is_active=True)
    except get_user_model().DoesNotExist:
        raise CommandError(f"Không tìm thấy người dùng “{username}”.") from None


def province_by_code(code: str) -> Province:
    try:
        return Province.objects.get(code=code)
    except Province.DoesNotExist:
        raise CommandError(f"Không tìm thấy tỉnh có mã “{code}”.") from None


class Command(BaseCommand):
    help = "Nhập đơn vị và thành viên khối từ tệp Excel (.xlsx), với quyền của một người dùng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--as", dest="username", required=True, help="tên đăng nhập")
        parser.add_argument("--province", help="mã tỉnh (mọi dòng phải thuộc tỉnh này)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_by_name(options["username"])
        province = province_by_code(options["province"]) if options["province"] else None
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        if path.stat().st_size > settings.IMPORT_MAX_BYTES:
            data = b"\0" * (settings.IMPORT_MAX_BYTES + 1)  # let the importer word the error
        else:
            data = path.read_bytes()
        try:
            result = workbook_import(
                actor=user, data=data, province=province, dry_run=options["dry_run"]
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self._report(result)

    def _report(self, result: ImportResult) -> None:
        if not result.ok:
            for e in result.errors:
                where = ", ".join(
                    part
                    for part in (
                        f"trang {e.sheet}" if e.sheet else "",
                        f"dòng {e.row}" if e.row else "",
                        f"cột {e.column}" if e.column else "",
                    )
                    if part
                )
                self.stderr.write(f"{where or 'tệp'}: {e.message}")
            raise CommandError(f"Có {result.error_count} lỗi; không có dữ liệu nào được ghi.")
        for label, tally in result.tallies().items():
            self.stdout.write(
                f"{label}: tạo mới {tally.created}, cập nhật {tally.updated}, "
                f"không đổi {tally.unchanged}"
            )
        if result.dry_run:
            self.stdout.write("Chạy thử (--dry-run): không có dữ liệu nào được ghi.")
        elif not result.changed:
            self.stdout.write("Không có thay đổi nào.")
        else:
            self.stdout.write(self.style.SUCCESS("Nhập dữ liệu thành công."))
