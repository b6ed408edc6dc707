"""Benchmark: Excel import of 100,000 lines of award history, then the same file again.

Builds a registry workbook with openpyxl's write-only mode (2,000 units; a fifth of the lines for
units, the rest for 30,000 people of whom 10,000 already exist), imports it into a throw-away
SQLite database under bench/data/import_awards/ (or DATABASE_URL), then imports it again
(nothing may be added).
Run: .venv/bin/python bench/import_awards.py   (BENCH_ROWS=… for another size)
"""

import datetime
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import _setup  # noqa: E402 - bench/ is the script folder

DATA = ROOT / "bench" / "data" / "import_awards"
ROWS = int(os.environ.get("BENCH_ROWS", 100_000))
UNITS, PEOPLE, EXISTING_PEOPLE = 2_000, 30_000, 10_000
PERSON_AWARDS = ["Lao động tiên tiến", "chien_si_thi_dua_co_so", "Giấy khen"]
UNIT_AWARDS = ["Tập thể lao động tiên tiến", "tap_the_lao_dong_xuat_sac"]
BASES = ["Thường xuyên", "Chuyên đề", "Đột xuất", None]


def setup_django() -> None:
    _setup.setup_django(DATA)


def person_name(i: int) -> str:
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Vũ", "Bùi"][i % 8]
    return f"{family} Thị Người Thử {i}"


def build_workbook() -> bytes:
    import openpyxl

    from thidua.awards.importing.format import RECORD_COLUMNS

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Khen thưởng")
    ws.append([c.header for c in RECORD_COLUMNS])
    for i in range(ROWS):
        # Each (subject, year) pair occurs once, so every line is a distinct record.
        year = 2000 + (i // (PEOPLE + UNITS)) % 25
        decision = f"{i}/QĐ-UBND"
        date = datetime.date(year + 1, 1 + i % 12, 1 + i % 28)
        if i % 5 == 0:
            unit = f"DV{i % UNITS:05d}"
            award = UNIT_AWARDS[i % len(UNIT_AWARDS)]
            ws.append(["Tập thể", unit, None, None, None, award, year, BASES[i % 4], decision,
                       date, "Chủ tịch UBND tỉnh", None])  # fmt: skip
        else:
            p = i % PEOPLE
            award = PERSON_AWARDS[i % len(PERSON_AWARDS)]
            ws.append(["Cá nhân", f"DV{p % UNITS:05d}", person_name(p), 1960 + p % 40,
                       "Nữ" if p % 2 else "Nam", award, year, BASES[i % 4], decision, date,
                       "Giám đốc sở", "ghi chú" if i % 7 == 0 else None])  # fmt: skip
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def seed():  # noqa: ANN201
    from thidua.accounts.enums import Role
    from thidua.accounts.models import User
    from thidua.core.text import fold
    from thidua.org.models import Person, Province, Unit

    province = Province.objects.create(code="BENCH", name="Tỉnh đo hiệu năng")
    admin = User.objects.create(username="bench", role=Role.BOARD_ADMIN, province=province)
    units = Unit.objects.bulk_create(
        Unit(province=province, code=f"DV{i:05d}", name=f"Đơn vị số {i}", kind="department")
        for i in range(UNITS)
    )
    Person.objects.bulk_create(
        Person(unit=units[p % UNITS], full_name=person_name(p), search_key=fold(person_name(p)),
               gender="female" if p % 2 else "male", birth_year=1960 + p % 40)
        for p in range(EXISTING_PEOPLE)
    )  # fmt: skip
    return province, admin


def main() -> None:
    setup_django()
    from django.db import connection

    from thidua.awards.importing.service import registry_import

    province, admin = seed()
    started = time.perf_counter()
    data = build_workbook()
    print(f"engine: {connection.vendor}; workbook: {ROWS:,} rows, {len(data) / 1024 / 1024:.1f} MB, "
          f"built in {time.perf_counter() - started:.1f} s")  # fmt: skip
    marks: dict[str, float] = {}

    def phase(name: str) -> None:
        marks[name] = time.perf_counter()

    started = time.perf_counter()
    first = registry_import(actor=admin, province=province, file=data, on_phase=phase)
    ended = time.perf_counter()
    assert first.ok, first.errors[:5]
    print(f"import: {ended - started:.1f} s (reading {marks['checking'] - marks['reading']:.1f} s, "
          f"checking {marks['writing'] - marks['checking']:.1f} s, "
          f"writing {ended - marks['writing']:.1f} s)")  # fmt: skip
    print(f"  records +{first.records_created}, people +{first.people_created}, "
          f"people matched {first.people_matched}")  # fmt: skip
    started = time.perf_counter()
    again = registry_import(actor=admin, province=province, file=data)
    print(f"re-import (same file): {time.perf_counter() - started:.1f} s")
    assert again.ok and again.records_created == 0 and again.people_created == 0
    print(f"  unchanged: records {again.records_unchanged}")


if __name__ == "__main__":
    main()
