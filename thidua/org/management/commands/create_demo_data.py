from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.org.demo.loader import demo_loaded, load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu từ các bản tin seed (tỉnh, đơn vị, khối, năm thi đua, cá nhân, tài khoản)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Bỏ qua nếu dữ liệu mẫu đã có.")
        parser.add_argument(
            "--stage",
            default="awards",
            choices=["org", "covenant", "scoring", "meeting", "awards"],
            help="Giai đoạn của chu trình năm: tổ chức, giao ước, chấm điểm và xếp hạng, hội nghị "
            "tổng kết (bỏ phiếu), lịch sử khen thưởng.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_loaded():
            if options["once"]:
                self.stdout.write("Dữ liệu mẫu đã có, bỏ qua.")
                return
            raise CommandError("Dữ liệu mẫu đã có trong cơ sở dữ liệu.")
        load_demo(self.stdout.write, stage=options["stage"])
