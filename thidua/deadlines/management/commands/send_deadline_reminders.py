"""Send the calendar's reminder e-mails due today (run daily; a second run sends nothing new)."""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from thidua.core.exceptions import DomainError
from thidua.deadlines.services import reminders_send
from thidua.org.models import Province


def _user(username: str) -> Any:
    try:
        return get_user_model().objects.get(username=username, is_active=True)
    except get_user_model().DoesNotExist:
        raise CommandError(f"Không tìm thấy người dùng “{username}”.") from None


def _province(code: str) -> Province:
    try:
        return Province.objects.get(code=code)
    except Province.DoesNotExist:
        raise CommandError(f"Không tìm thấy tỉnh có mã “{code}”.") from None


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày “{text}” không hợp lệ; dùng dạng YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc các mốc thời hạn sắp đến (mặc định 7 và 1 ngày trước hạn), với quyền của "
        "một tài khoản Ban Thi đua – Khen thưởng. Chạy hằng ngày; chạy lại không gửi trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="username", required=True, help="tên đăng nhập")
        parser.add_argument(
            "--province", action="append", help="mã tỉnh (lặp lại được; mặc định mọi tỉnh)"
        )
        parser.add_argument("--today", help="ngày tính nhắc, YYYY-MM-DD (mặc định hôm nay)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không gửi")

    def handle(self, *args: Any, **options: Any) -> None:
        user = _user(options["username"])
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        provinces = [_province(c) for c in options["province"]] if options["province"] else None
        try:
            report = reminders_send(
                actor=user, today=today, provinces=provinces, dry_run=options["dry_run"]
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if not report.provinces:
            raise CommandError("Tài khoản này không có quyền gửi nhắc hạn của tỉnh nào.")
        for item in report.pending:
            d = item.deadline
            self.stdout.write(
                f"{d.due:%d/%m/%Y} (trước {item.offset} ngày) → {item.recipient.email}: {d.label}"
            )
        names = ", ".join(p.name for p in report.provinces)
        if report.dry_run:
            self.stdout.write(
                f"Chạy thử (--dry-run), {today:%d/%m/%Y}, {names}: {len(report.pending)} nhắc "
                f"sẽ gửi, {report.already_sent} đã gửi trước đó; không gửi thư nào."
            )
        else:
            self.stdout.write(
                f"{today:%d/%m/%Y}, {names}: đã gửi {report.messages} thư "
                f"({len(report.pending)} nhắc); {report.already_sent} nhắc đã gửi trước đó."
            )
