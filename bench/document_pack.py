"""Benchmark: the generated document pack of a bloc's proposal (thidua/dossiers/pack.py).

The context of seed 001 (Nam Định, the Khối thi đua các Ban, cơ quan của Đảng, meeting of
01/12/2022): nine member units, six proposed lines (one Cờ thi đua của Chính phủ, two Cờ thi
đua của UBND tỉnh, three Bằng khen của Chủ tịch UBND tỉnh). Times, REPEAT times:

- the hand-made context (tests/factories/dossiers.make_context): the specs alone and
  `pack_files` (every document as .docx and PDF: tờ trình, biên bản họp bình xét, danh sách,
  báo cáo thẩm định, dự thảo quyết định and six báo cáo thành tích, 11 documents);
- the whole pack from the database: the same meeting as rows (tests/factories/dossiers.
  seed_world, with its three closed polls, scores and registry lines) read by
  `pack_data.pack_context` and rendered by `pack_files`, which adds the three vote-count
  minutes (biên bản kiểm phiếu): 14 documents, 28 files. The target applies to this one.

Prints the best and the median, and the size of the files. Django is set up on bench/data/pack
(SQLite, or DATABASE_URL) for the database, the PDF renderer's templates and the catalogue.

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
    from django.conf import settings

    from thidua.documents.pdf import DEFAULT_WORKERS

    # The test settings lay PDFs out one by one; measure what a deployment does (PACK_WORKERS=1
    # for one process).
    settings.DOCUMENT_PDF_WORKERS = int(os.environ.get("PACK_WORKERS", DEFAULT_WORKERS))
    print(f"PDF workers: {settings.DOCUMENT_PDF_WORKERS}")
    from tests.factories.dossiers import make_context, seed_world
    from thidua.dossiers.pack import pack_files, pack_specs
    from thidua.dossiers.selectors.pack_data import pack_context

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
    world = seed_world()

    def whole() -> list[tuple[str, bytes]]:
        return pack_files(pack_context(user=world.board, proposals=world.proposals))

    read_times, _ctx = samples(
        lambda: pack_context(user=world.board, proposals=world.proposals), REPEAT
    )
    whole_times, whole_files = samples(whole, REPEAT)
    whole_kb = sum(len(data) for _name, data in whole_files) / 1024  # type: ignore[union-attr]
    print(f"from the database: {len(whole_files)} files, {whole_kb:.0f} KiB")  # type: ignore[arg-type]
    for name, times in (
        ("pack_context (database reads)", read_times),
        ("pack_context + pack_files (whole)", whole_times),
    ):
        print(f"{name:<40}{min(times):>9.3f}{statistics.median(times):>10.3f}")
    median = statistics.median(whole_times)
    verdict = "within" if median < TARGET_S else "OVER"
    print(f"whole pack median {median:.2f}s: {verdict} the {TARGET_S:.0f} s target")


if __name__ == "__main__":
    main()
