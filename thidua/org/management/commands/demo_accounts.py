from typing import Any

from django.core.management.base import BaseCommand

from thidua.org.demo.data import DEMO_PASSWORD
from thidua.org.demo.loader import demo_accounts


class Command(BaseCommand):
    help = "In danh sách tài khoản mẫu."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = demo_accounts()
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role, scope in rows[:6]:
            self.stdout.write(f"  {username:<14} {role} – {scope}")
        if len(rows) > 6:
            self.stdout.write(
                f"  … và {len(rows) - 6} tài khoản cán bộ đơn vị khác (xem README.md)."
            )
