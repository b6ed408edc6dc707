"""Benchmark: Excel import of 5,000 units and 2,000 bloc memberships, then re-import and export.

Builds a workbook with openpyxl (5,000 units, every tenth with a parent; 100 blocs of 20 members in
one year, each with a leader and a deputy), imports it into a throw-away SQLite database under
bench/data/import/ (or DATABASE_URL), imports it again (nothing may change) and exports it.
Run: .venv/bin/python bench/import_units.py
"""

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import _setup  # noqa: E402 - bench/ is the script folder

DATA = ROOT / "bench" / "data" / "import"
UNITS, BLOCS, MEMBERS_PER_BLOC, YEAR = int(os.environ.get("BENCH_UNITS", 5_000)), 100, 20, 2024


def setup_django() -> None:
    _setup.setup_django(DATA)


def build_workbook(province_code: str) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Don vi"
    ws.append(
        [
            "Mã tỉnh",
            "Mã đơn vị",
            "Tên đầy đủ",
            "Tên viết tắt",
            "Loại đơn vị",
            "Mã đơn vị cấp trên",
            "Hoạt động từ",
            "Hoạt động đến",
        ]
    )
    for i in range(UNITS):
        parent = f"DV{i - i % 10:05d}" if i % 10 else ""
        ws.append(
            [
                province_code,
                f"DV{i:05d}",
                f"Đơn vị thử nghiệm số {i} – Sở, ngành tỉnh",
                f"ĐV{i}",
                "Sở, ban, ngành cấp tỉnh" if i % 2 else "other",
                parent,
                "01/01/2010",
                None,
            ]
        )
    ws = wb.create_sheet("Thanh vien khoi")
    ws.append(["Mã tỉnh", "Tên khối", "Loại khối", "Năm", "Mã đơn vị", "Vai trò"])
    unit = 0
    for b in range(BLOCS):
        for m in range(MEMBERS_PER_BLOC):
            role = {0: "Trưởng khối", 1: "Phó trưởng khối"}.get(m, "Thành viên")
            kind = "Khối" if b % 2 else "Cụm"
            ws.append([province_code, f"Khối thi đua số {b}", kind, YEAR, f"DV{unit:05d}", role])
            unit += 1
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def main() -> None:
    setup_django()
    from django.db import connection

    from thidua.accounts.enums import Role
    from thidua.accounts.models import User
    from thidua.org.models import Province
    from thidua.org.services.xlsx_export import workbook_export
    from thidua.org.services.xlsx_import import workbook_import

    province = Province.objects.create(code="BENCH", name="Tỉnh đo hiệu năng")
    admin = User.objects.create(username="bench", role=Role.BOARD_ADMIN, province=province)
    started = time.perf_counter()
    data = build_workbook(province.code)
    print(f"engine: {connection.vendor}; workbook: {len(data) / 1024:.0f} KB, "
          f"built in {time.perf_counter() - started:.1f} s")  # fmt: skip

    def timed(label: str, func):  # noqa: ANN202
        started = time.perf_counter()
        result = func()
        print(f"{label}: {time.perf_counter() - started:.1f} s")
        return result

    first = timed("import (5,000 units, 2,000 memberships)",
                  lambda: workbook_import(actor=admin, data=data, province=province))  # fmt: skip
    assert first.ok, first.errors[:5]
    print(f"  units +{first.units.created}, blocs +{first.blocs.created}, "
          f"seasons +{first.seasons.created}, memberships +{first.memberships.created}")  # fmt: skip
    again = timed("re-import (same file)",
                  lambda: workbook_import(actor=admin, data=data, province=province))  # fmt: skip
    assert again.ok and not again.changed
    print(f"  unchanged: units {again.units.unchanged}, "
          f"memberships {again.memberships.unchanged}")  # fmt: skip
    exported = timed("export", lambda: workbook_export(actor=admin, provinces=[province]))
    round_trip = timed("import of the export",
                       lambda: workbook_import(actor=admin, data=exported, province=province))  # fmt: skip
    assert round_trip.ok and not round_trip.changed


if __name__ == "__main__":
    main()
