"""Benchmark: the generated document pack of a bloc's proposal (thidua/dossiers/pack.py).

The context of seed 001 (Nam Định, the Khối thi đua các Ban, cơ quan của Đảng, meeting of
01/12/2022): nine member units, six proposed lines (one Cờ thi đua của Chính phủ, two Cờ thi
đua của UBND tỉnh, three Bằng khen của Chủ tịch UBND tỉnh), so ten documents. Times, REPEAT
times, building the specs alone and `pack_files` (every document as .docx and PDF); prints the
best and the median, and the size of the files. The builders use no database; Django is set up
(bench/data/pack) for the template engine of the PDF renderer and the award catalogue.

Run: .venv/bin/python bench/document_pack.py   (BENCH_REPEAT=… for another count)
"""

import datetime
import os
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import _setup  # noqa: E402 - bench/ is the script folder

DATA = ROOT / "bench" / "data" / "pack"
REPEAT = int(os.environ.get("BENCH_REPEAT", 5))
TARGET_S = 3.0
MEMBERS = (
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh",
    "Báo Nam Định",
    "Trường Chính trị Trường Chinh",
)
# (subject, award code, award name, votes, score, earlier awards)
PROPOSED = (
    ("Ban Tổ chức Tỉnh ủy", "co_thi_dua_chinh_phu", "Cờ thi đua của Chính phủ", 8, "98.50", 2),
    ("Ban Tuyên giáo Tỉnh ủy", "co_thi_dua_ubnd_tinh", "Cờ thi đua của UBND tỉnh", 7, "97.25", 1),
    ("Văn phòng Tỉnh ủy", "co_thi_dua_ubnd_tinh", "Cờ thi đua của UBND tỉnh", 6, "96.00", 1),
    (
        "Ủy ban Kiểm tra Tỉnh ủy",
        "bang_khen_chu_tich_ubnd_tinh",
        "Bằng khen của Chủ tịch UBND tỉnh",
        6,
        "95.75",
        0,
    ),
    (
        "Ban Dân vận Tỉnh ủy",
        "bang_khen_chu_tich_ubnd_tinh",
        "Bằng khen của Chủ tịch UBND tỉnh",
        5,
        "95.00",
        0,
    ),
    (
        "Báo Nam Định",
        "bang_khen_chu_tich_ubnd_tinh",
        "Bằng khen của Chủ tịch UBND tỉnh",
        5,
        "94.50",
        0,
    ),
)


def seed_context():
    from thidua.dossiers.pack import PackContext, PackLine

    lines = tuple(
        PackLine(
            subject=subject,
            unit=subject,
            award_code=code,
            award_name=name,
            achievement=f"{subject} hoàn thành xuất sắc nhiệm vụ chính trị năm 2022. " * 6,
            votes=votes,
            vote_share=Fraction(votes, len(MEMBERS)),
            score=Decimal(score),
            rank=rank,
            history=tuple(
                f"{2021 - i}: Cờ thi đua của UBND tỉnh (Quyết định số {40 + i}/QĐ-UBND)"
                for i in range(earlier)
            ),
        )
        for rank, (subject, code, name, votes, score, earlier) in enumerate(PROPOSED, start=1)
    )
    return PackContext(
        province="Nam Định",
        parent_body="TỈNH ỦY NAM ĐỊNH",
        issuing_body="KHỐI THI ĐUA CÁC BAN, CƠ QUAN CỦA ĐẢNG",
        symbol="KTĐ",
        number="12",
        place="Nam Định",
        date=datetime.date(2022, 12, 5),
        year=2022,
        bloc="Khối thi đua các Ban, cơ quan của Đảng",
        members=MEMBERS,
        present=MEMBERS[:-1],
        meeting_date=datetime.date(2022, 12, 1),
        meeting_place="Hội trường Ban Tuyên giáo Tỉnh ủy",
        chair="Ngô Văn Liên",
        chair_title="Trưởng Ban Tuyên giáo Tỉnh ủy, Trưởng Khối thi đua năm 2022",
        secretary="Vũ Thị Hạnh",
        leader_unit="Ban Tuyên giáo Tỉnh ủy",
        lines=lines,
        signer_authority="TM. KHỐI THI ĐUA",
        signer_title="KHỐI TRƯỞNG",
        signer_name="Ngô Văn Liên",
        board="Ban Thi đua – Khen thưởng tỉnh Nam Định",
        decision_authority="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH",
        decision_body="ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH",
    )


def samples(func: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return times, result


def main() -> None:
    _setup.setup_django(DATA)
    from thidua.dossiers.pack import pack_files, pack_specs

    context = seed_context()
    # One untimed run: fonts, the template and the catalogue are loaded once per process.
    started = time.perf_counter()
    pack_files(context)
    print(
        f"first pack_files (cold: fonts, template, catalogue): {time.perf_counter() - started:.2f}s"
    )
    spec_times, specs = samples(lambda: pack_specs(context), REPEAT)
    file_times, files = samples(lambda: pack_files(context), REPEAT)
    count = len(specs)  # type: ignore[arg-type]
    total_kb = sum(len(data) for _name, data in files) / 1024  # type: ignore[union-attr]
    print(
        f"{len(context.lines)} lines → {count} documents × 2 formats = {2 * count} files, "
        f"{total_kb:.0f} KiB; {REPEAT} runs"
    )
    print(f"{'measure':<40}{'best s':>9}{'median s':>10}")
    for name, times in (("pack_specs (builders only)", spec_times), ("pack_files", file_times)):
        print(f"{name:<40}{min(times):>9.3f}{statistics.median(times):>10.3f}")
    median = statistics.median(file_times)
    verdict = "within" if median < TARGET_S else "OVER"
    print(f"pack_files median {median:.2f}s: {verdict} the {TARGET_S:.0f} s target")


if __name__ == "__main__":
    main()
