"""Import a province's award history from an .xlsx registry, as a given user."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.awards.importing.format import ImportReport
from thidua.awards.importing.service import registry_import
from thidua.core.exceptions import DomainError
from thidua.org.management.commands.import_xlsx import province_by_code, user_by_name

PHASES = {"reading": "Đọc tệp", "checking": "Kiểm tra", "writing": "Ghi dữ liệu"}


class Command(BaseCommand):
    help = (
        "Nhập sổ theo dõi khen thưởng từ tệp Excel (.xlsx, trang “Khen thưởng”) vào một tỉnh, "
        "với quyền của một người dùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--as", dest="username", required=True, help="tên đăng nhập")
        parser.add_argument("--province", required=True, help="mã tỉnh")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_by_name(options["username"])
        province = province_by_code(options["province"])
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        verbose = options["verbosity"] >= 2
        try:
            report = registry_import(
                actor=user,
                province=province,
                file=path,
                progress=self._progress if verbose else None,
                on_phase=self._phase if verbose else None,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self._report(report)

    def _phase(self, name: str) -> None:
        self.stderr.write(f"{PHASES.get(name, name)}…")

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"  Đã xử lý {done}/{total} dòng")

    def _report(self, report: ImportReport) -> None:
        if not report.ok:
            for e in report.errors:
                where = ", ".join(
                    part
                    for part in (
                        f"dòng {e.row}" if e.row else "",
                        f"cột {e.column}" if e.column else "",
                    )
                    if part
                )
                self.stderr.write(f"{where or 'tệp'}: {e.message}")
            raise CommandError(f"Có {report.error_count} lỗi; không có dữ liệu nào được ghi.")
        self.stdout.write(
            f"Bản ghi khen thưởng: tạo mới {report.records_created}, "
            f"đã có {report.records_unchanged}"
        )
        self.stdout.write(
            f"Cá nhân: tạo mới {report.people_created}, đã có {report.people_matched}"
        )
        if report.records_created:
            self.stdout.write(self.style.SUCCESS("Nhập dữ liệu thành công."))
        else:
            self.stdout.write("Không có thay đổi nào.")
