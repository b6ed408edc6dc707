"""Benchmark: the generated document pack of a bloc's proposal (thidua/dossiers/pack.py).

The context of seed 001 (Nam Định, the Khối thi đua các Ban, cơ quan của Đảng, meeting of
01/12/2022): nine member units, six proposed lines (one Cờ thi đua của Chính phủ, two Cờ thi
đua của UBND tỉnh, three Bằng khen của Chủ tịch UBND tỉnh), so ten documents. Times, REPEAT
times, building the specs alone and `pack_files` (every document as .docx and PDF); prints the
best and the median, and the size of the files. The builders use no database; Django is set up
(bench/data/pack) for the template engine of the PDF renderer and the award catalogue.

Run: .venv/bin/python bench/document_pack.py   (BENCH_REPEAT=… for another count)
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import _setup  # noqa: E402 - bench/ is the script folder

DATA = ROOT / "bench" / "data" / "pack"
REPEAT = int(os.environ.get("BENCH_REPEAT", 5))
TARGET_S = 3.0


def samples(func: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return times, result


def main() -> None:
    _setup.setup_django(DATA)
    from tests.factories.dossiers import make_context
    from thidua.dossiers.pack import pack_files, pack_specs

    context = make_context()
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
