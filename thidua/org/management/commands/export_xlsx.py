"""Export units and bloc memberships to an .xlsx workbook, as a given user."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.accounts.permissions import can
from thidua.core.exceptions import DomainError
from thidua.org.management.commands.import_xlsx import province_by_code, user_by_name
from thidua.org.selectors import province_list_for_user
from thidua.org.services.xlsx_export import workbook_export


class Command(BaseCommand):
    help = "Xuất đơn vị và thành viên khối ra tệp Excel (.xlsx), với quyền của một người dùng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--as", dest="username", required=True, help="tên đăng nhập")
        parser.add_argument("--province", help="mã tỉnh (mặc định: mọi tỉnh được xem)")
        parser.add_argument("--year", type=int, help="chỉ xuất thành viên khối của năm này")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_by_name(options["username"])
        if options["province"]:
            provinces = [province_by_code(options["province"])]
        else:
            provinces = [
                p for p in province_list_for_user(user=user) if can(user, "org.export_data", p)
            ]
            if not provinces:
                raise CommandError("Người dùng không có quyền xuất dữ liệu của tỉnh nào.")
        try:
            data = workbook_export(actor=user, provinces=provinces, year=options["year"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        path: Path = options["path"]
        path.write_bytes(data)
        self.stdout.write(f"Đã xuất {', '.join(p.code for p in provinces)} vào {path}.")
