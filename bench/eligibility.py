"""Benchmark: batch eligibility of a province's 100,000 people for Chiến sĩ thi đua cấp tỉnh.

Builds, in a throw-away database (SQLite under bench/data/eligibility/, or DATABASE_URL), one
province of UNITS units with PEOPLE people in all, YEARS years of ratings (AnnualAssessment) for
everyone and their awards (LĐTT most years, CSTĐ cơ sở in runs of varying length with gaps, a
few thematic or revoked lines, a few CSTĐ cấp tỉnh), all with bulk_create. Then times
`eligibility_list` for chien_si_thi_dua_cap_tinh over the whole province (the page's and the
API's selector), and the same work split: the subjects query, loading histories
(histories_of), and the pure engine over the loaded histories. Also next year's candidates, and
through Django's test client the page, the API (first 50 rows) and the .xlsx export.

Run: .venv/bin/python bench/eligibility.py   (BENCH_PEOPLE=… for another size; BENCH_PG=1 to
create a fresh PostgreSQL database `thidua_bench_eligibility` first, as bench/run.py does;
BENCH_REUSE=1 to time again on the SQLite data of the previous run)
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import _setup  # noqa: E402 - bench/ is the script folder

DATA = ROOT / "bench" / "data" / "eligibility"
PEOPLE = int(os.environ.get("BENCH_PEOPLE", 100_000))
UNITS = max(1, PEOPLE // 100)
YEARS = tuple(range(2019, 2025))  # six years of history ending in the judged year
YEAR = YEARS[-1]
AWARD = "chien_si_thi_dua_cap_tinh"
REPEAT = int(os.environ.get("BENCH_REPEAT", 3))
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DB = "thidua_bench_eligibility"  # not bench/run.py's database: other benchmarks may run


def fresh_pg_database() -> str | None:
    import psycopg

    try:
        with psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            conn.execute(f"CREATE DATABASE {PG_DB}")
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL skipped: {exc}")
        return None
    return PG_SERVER.rsplit("/", 1)[0].replace("postgresql://", "postgres://") + f"/{PG_DB}"


def setup_django(*, reuse: bool = False) -> None:
    _setup.setup_django(DATA, reuse=reuse)


def _ratings(i: int) -> list[tuple[int, str, str, bool]]:
    """(year, rating, initiative scope, disciplined) of person i, deterministic."""
    rows = []
    for k, year in enumerate(YEARS):
        mix = (i * 7 + k * 3) % 20
        rating = "htxs" if mix < 6 else "htt" if mix < 16 else "ht" if mix < 19 else "kht"
        scope = ("", "grassroots", "province", "", "national")[(i + k) % 5] if mix < 6 else ""
        rows.append((year, rating, scope, mix == 19 and i % 3 == 0))
    return rows


def _awards(i: int) -> list[tuple[str, int, str, bool]]:
    """(award code, year, basis, revoked) of person i: LĐTT most years, a run of CSTĐ cơ sở
    ending in a year between 2021 and 2024 of length 0 to 4, gaps and oddities for some."""
    rows = []
    for k, year in enumerate(YEARS):
        if (i + k) % 9:
            rows.append(("lao_dong_tien_tien", year, "merit", False))
    length = i % 5
    end = YEARS[-1] - (i // 5) % 4
    for year in range(end - length + 1, end + 1):
        if i % 17 == 0 and year == end - 1:
            continue  # a gap
        basis = "thematic" if i % 23 == 0 and year == end else "merit"
        rows.append(("chien_si_thi_dua_co_so", year, basis, i % 31 == 0 and year == end - 2))
    if i % 50 == 0:
        rows.append(("chien_si_thi_dua_cap_tinh", YEARS[1], "merit", False))
    if i % 13 == 0:
        rows.append(("giay_khen", YEARS[2], "ad_hoc", False))
    return rows


def generate():  # noqa: ANN201
    from django.db import transaction

    from thidua.accounts.enums import Role
    from thidua.accounts.models import User
    from thidua.awards.models import AnnualAssessment, AwardRecord
    from thidua.core.text import fold
    from thidua.org.models import Person, Province, Unit

    with transaction.atomic():
        admin = User.objects.create_user(
            "bench", password="bench-password-1", role=Role.BOARD_ADMIN
        )
        province = Province.objects.create(code="bench", name="Tỉnh Đo lường")
        units = Unit.objects.bulk_create(
            Unit(
                province=province,
                code=f"u{u}",
                name=f"Đơn vị đo lường số {u:05d}",
                kind="department",
                search_key=fold(f"Đơn vị đo lường số {u:05d} u{u}"),
            )  # fmt: skip
            for u in range(UNITS)
        )
    counts = {"people": 0, "assessments": 0, "awards": 0}
    batch = 10_000
    for start in range(0, PEOPLE, batch):
        with transaction.atomic():
            people = Person.objects.bulk_create(
                Person(
                    full_name=f"Nguyễn Thị Người Thử {i}",
                    gender="female" if i % 2 else "male",
                    unit=units[i % UNITS],
                    search_key=fold(f"Nguyễn Thị Người Thử {i}"),
                )  # fmt: skip
                for i in range(start, min(start + batch, PEOPLE))
            )
            facts = [
                AnnualAssessment(
                    person=p,
                    year=year,
                    rating=rating,
                    initiative_scope=scope,
                    disciplined=disciplined,
                    source="imported",
                )  # fmt: skip
                for i, p in enumerate(people, start)
                for year, rating, scope, disciplined in _ratings(i)
            ]
            AnnualAssessment.objects.bulk_create(facts, batch_size=5000)
            awards = [
                AwardRecord(
                    person=p,
                    province=province,
                    award_type=code,
                    year=year,
                    basis=basis,
                    revoked=revoked,
                    source="imported",
                )  # fmt: skip
                for i, p in enumerate(people, start)
                for code, year, basis, revoked in _awards(i)
            ]
            AwardRecord.objects.bulk_create(awards, batch_size=5000)
        counts["people"] += len(people)
        counts["assessments"] += len(facts)
        counts["awards"] += len(awards)
    return admin, province, units, counts


def reused():  # noqa: ANN201
    """The data of an earlier run (BENCH_REUSE=1, SQLite only): no generation."""
    from thidua.accounts.models import User
    from thidua.awards.models import AnnualAssessment, AwardRecord
    from thidua.org.models import Person, Province, Unit

    province = Province.objects.get(code="bench")
    counts = {
        "people": Person.objects.count(),
        "assessments": AnnualAssessment.objects.count(),
        "awards": AwardRecord.objects.count(),
    }
    units = list(Unit.objects.filter(province=province))
    return User.objects.get(username="bench"), province, units, counts


def _clients(admin):  # noqa: ANN001, ANN202
    from django.conf import settings
    from django.test import Client

    from thidua.accounts.services.api_token import api_token_issue

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(admin)
    token = api_token_issue(user=admin)[1]
    return client, {"Authorization": f"Bearer {token}"}


def _get(client, url: str, headers: dict | None = None) -> int:  # noqa: ANN001
    response = client.get(url, headers=headers or {})
    assert response.status_code == 200, (url, response.status_code)
    return len(response.content)


def _timed(call):  # noqa: ANN001, ANN202
    """Median wall time, median CPU time of this process (SQLite runs in it; PostgreSQL's own
    work is not counted), the queries of the last run, and its result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls, cpus, result, queries = [], [], None, 0
    for _ in range(REPEAT):
        result = None  # the previous run's objects are freed before the next one
        with CaptureQueriesContext(connection) as ctx:
            start, cpu = time.perf_counter(), time.process_time()
            result = call()
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        queries = len(ctx.captured_queries)
    return statistics.median(walls), statistics.median(cpus), queries, result


def main() -> None:
    if os.environ.get("BENCH_PG"):
        url = fresh_pg_database()
        if url is None:
            return
        os.environ["DATABASE_URL"] = url
    reuse = bool(os.environ.get("BENCH_REUSE")) and (DATA / "thidua.sqlite3").exists()
    reuse = reuse and "DATABASE_URL" not in os.environ
    setup_django(reuse=reuse)
    from django.db import connection

    from thidua.awards.rulebook import load_rulebook
    from thidua.awards.selectors import eligibility as selectors

    started = time.perf_counter()
    admin, province, units, counts = reused() if reuse else generate()
    print(
        f"database: {connection.vendor}; {'reused' if reuse else 'generated'} "
        f"{counts['people']:,} people in {len(units):,} units, {counts['assessments']:,} yearly "
        f"ratings and {counts['awards']:,} award records ({YEARS[0]}–{YEARS[-1]}) in "
        f"{time.perf_counter() - started:.1f}s"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    book = load_rulebook()
    award = book.award_type(AWARD)

    total, total_cpu, queries, result = _timed(
        lambda: selectors.eligibility_list(
            user=admin, award_type=AWARD, year=YEAR, province=province.pk
        )
    )
    summary = f"verdicts: {result.counts} of {result.total:,}"
    result = None
    subjects_s, subjects_cpu, subject_queries, subjects = _timed(
        lambda: selectors._subjects("individual", units)
    )
    load_s, load_cpu, load_queries, histories = _timed(
        lambda: selectors.histories_of(subjects, year=YEAR, whole_units=True)
    )
    overrides = selectors.overrides_by_province([province.pk])
    engine_s, engine_cpu, _q, _groups = _timed(
        lambda: selectors.judge(subjects, histories, award, YEAR, overrides)
    )
    _groups = histories = None
    cand_s, cand_cpu, cand_queries, candidates = _timed(
        lambda: selectors.next_year_candidates(
            user=admin, award_type=AWARD, year=YEAR, province=province.pk
        )
    )
    client, bearer = _clients(admin)
    query = f"award={AWARD}&year={YEAR}&province={province.pk}"
    page_s, page_cpu, page_queries, _r = _timed(
        lambda: _get(client, f"/khen-thuong/du-dieu-kien/?{query}")
    )
    api_s, api_cpu, api_queries, _r = _timed(
        lambda: _get(
            client,
            f"/api/v1/eligibility?award_type={AWARD}&year={YEAR}&province_id={province.pk}",
            bearer,
        )
    )
    export_s, export_cpu, export_queries, _r = _timed(
        lambda: _get(client, f"/khen-thuong/du-dieu-kien/xuat-excel/?{query}")
    )
    rows = [
        ("eligibility_list, whole province", total, total_cpu, queries),
        ("  subjects (people of the units)", subjects_s, subjects_cpu, subject_queries),
        ("  loading histories (histories_of)", load_s, load_cpu, load_queries),
        ("  engine (prepare + evaluate, grouping)", engine_s, engine_cpu, 0),
        ("next_year_candidates, whole province", cand_s, cand_cpu, cand_queries),
        ("page /khen-thuong/du-dieu-kien/ (50 a group)", page_s, page_cpu, page_queries),
        ("API GET /api/v1/eligibility (limit 50)", api_s, api_cpu, api_queries),
        ("Excel export, every row with its reasons", export_s, export_cpu, export_queries),
    ]
    print(f"{'measure':<44}{'median s':>10}{'cpu s':>8}{'queries':>9}")
    for name, wall, cpu, count in rows:
        print(f"{name:<44}{wall:>10.2f}{cpu:>8.2f}{count:>9}")
    print(
        f"{summary}; next year's candidates: {candidates.counts['eligible']:,} eligible, "
        f"{candidates.counts['needs_check']:,} need a check"
    )


if __name__ == "__main__":
    main()
