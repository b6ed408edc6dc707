"""Export or import a season's criteria table (.xlsx), with the permissions of a given user."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.core.exceptions import DomainError
from thidua.covenants.models import Covenant
from thidua.covenants.services import criteria_export, criteria_import


def _user(username: str) -> Any:
    try:
        return get_user_model().objects.get(username=username, is_active=True)
    except get_user_model().DoesNotExist:
        raise CommandError(f"Không tìm thấy người dùng “{username}”.") from None


def _covenant(season_id: int) -> Covenant:
    try:
        return Covenant.objects.select_related("season").get(season_id=season_id)
    except Covenant.DoesNotExist:
        raise CommandError(f"Năm thi đua {season_id} chưa có giao ước.") from None


class Command(BaseCommand):
    help = "Xuất hoặc nhập bảng điểm của một năm thi đua (tệp .xlsx), với quyền của một người dùng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("path", type=Path)
        parser.add_argument("--season", type=int, required=True, help="mã năm thi đua")
        parser.add_argument("--as", dest="username", required=True, help="tên đăng nhập")

    def handle(self, *args: Any, **options: Any) -> None:
        user = _user(options["username"])
        covenant = _covenant(options["season"])
        path: Path = options["path"]
        try:
            if options["action"] == "export":
                path.write_bytes(criteria_export(actor=user, covenant=covenant))
                self.stdout.write(f"Đã xuất bảng điểm vào {path}.")
                return
            if not path.is_file():
                raise CommandError(f"Không tìm thấy tệp {path}.")
            if path.stat().st_size > settings.IMPORT_MAX_BYTES:
                data = b"\0" * (settings.IMPORT_MAX_BYTES + 1)
            else:
                data = path.read_bytes()
            result = criteria_import(actor=user, covenant=covenant, data=data)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if not result.ok:
            for e in result.errors:
                where = f"dòng {e.row}" if e.row else "tệp"
                column = f", cột “{e.column}”" if e.column else ""
                self.stderr.write(f"{where}{column}: {e.message}")
            raise CommandError("Chưa nhập được bảng điểm; không có thay đổi nào.")
        self.stdout.write(
            f"Đã nhập bảng điểm: thêm {result.created}, sửa {result.updated}, "
            f"xoá {result.deleted}, giữ nguyên {result.unchanged} dòng."
        )
