"""Benchmark: search through the API over a large registry of awards.

Generates SEARCH_RECORDS registry lines (default 200,000) for people and units of SEARCH_PROVINCES
provinces with realistic Vietnamese names (family, middle and given names drawn with real
frequencies, both tone placements of hoà/hòa, thuỷ/thủy), award names of the catalogue and
decision numbers, in a throw-away database: SQLite under bench/data/search/, or DATABASE_URL
(PostgreSQL: use an empty database of its own, not the shared thidua_bench). Rows go in with
bulk_create on SQLite and with COPY on PostgreSQL (indexes dropped during the load and built
again afterwards, as a bulk import would). Then times SEARCH_QUERIES queries of 1 to 3 words
(names typed with or without diacritics, upper case or NFD, award names, decision numbers, unit
names, a few that match nothing) through GET /api/v1/search, for a province's board and for the
national board: p50, p95 and max per kind of query, with the number of SQL queries. On
PostgreSQL it also prints the plan of a few typical lookups.

Run: .venv/bin/python bench/search.py   (SEARCH_RECORDS=1000000 … for other sizes; SEARCH_REUSE=1
times the queries again on the database a previous run left, without generating it anew)
"""

import datetime
import os
import random
import statistics
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import _setup  # noqa: E402 - bench/ is the script folder

DATA = ROOT / "bench" / "data" / "search"
RECORDS = int(os.environ.get("SEARCH_RECORDS", 200_000))
QUERIES = int(os.environ.get("SEARCH_QUERIES", 200))
PROVINCES = int(os.environ.get("SEARCH_PROVINCES", 3))
PEOPLE = max(1_000, RECORDS // 8)
UNITS = max(100, RECORDS // 400)
UNIT_SHARE = 0.15  # share of registry lines for collectives
BATCH = 5_000
REUSE = os.environ.get("SEARCH_REUSE") == "1"
PAGE_RUNS = int(os.environ.get("SEARCH_PAGE_RUNS", 10))
YEARS = range(2010, 2026)

# Family names with their approximate share of the population (per cent).
FAMILY = {
    "Nguyễn": 38, "Trần": 11, "Lê": 9.5, "Phạm": 7, "Hoàng": 5, "Huỳnh": 4, "Phan": 4.5,
    "Vũ": 3.9, "Võ": 3, "Đặng": 2.1, "Bùi": 2, "Đỗ": 1.4, "Hồ": 1.3, "Ngô": 1.3, "Dương": 1,
    "Lý": 0.5, "Đào": 1, "Đoàn": 0.8, "Trịnh": 0.6, "Đinh": 0.7, "Lương": 0.5, "Mai": 0.5,
    "Hà": 0.6, "Tạ": 0.3, "Lâm": 0.4, "Cao": 0.4, "Quách": 0.2, "Khổng": 0.1,
}  # fmt: skip
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Công", "Đình", "Ngọc", "Thanh",
            "Mạnh", "Trọng", "Quốc", "Tiến", "Bá"]  # fmt: skip
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Minh", "Thuỳ", "Thùy", "Mai", "Bích",
            "Diệu", "Phương", "Khánh"]  # fmt: skip
GIVEN_M = ["An", "Anh", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải", "Hiếu",
           "Hoà", "Hòa", "Hùng", "Huy", "Khánh", "Khoa", "Long", "Minh", "Nam", "Nghĩa", "Phong",
           "Phúc", "Quân", "Quang", "Sơn", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung",
           "Tuấn", "Tùng", "Việt", "Vinh", "Lâm", "Khải", "Thuỵ", "Lộc"]  # fmt: skip
GIVEN_F = ["An", "Anh", "Châu", "Chi", "Dung", "Đào", "Giang", "Hà", "Hạnh", "Hằng", "Hiền",
           "Hoa", "Hoà", "Hòa", "Hương", "Huyền", "Lan", "Linh", "Loan", "Mai", "My", "Nga",
           "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Tâm", "Thảo", "Thoa", "Thuý",
           "Thủy", "Thuỷ", "Trang", "Uyên", "Vân", "Yến", "Xuân", "Diệp"]  # fmt: skip
UNIT_KINDS = ["UBND xã", "UBND phường", "Trường Mầm non", "Trường Tiểu học", "Trường THCS",
              "Trường THPT", "Trạm Y tế xã", "Công an xã", "Hội Nông dân xã",
              "Hội Liên hiệp Phụ nữ xã", "Đoàn Thanh niên xã", "Hợp tác xã nông nghiệp",
              "Phòng Giáo dục và Đào tạo", "Bệnh viện Đa khoa", "Chi cục Thuế khu vực",
              "Ban Chỉ huy Quân sự xã"]  # fmt: skip
PLACES = ["Quảng Xương", "Hoằng Hóa", "Hoằng Hoá", "Tĩnh Gia", "Nga Sơn", "Hậu Lộc", "Đông Sơn",
          "Yên Định", "Thọ Xuân", "Triệu Sơn", "Nông Cống", "Như Thanh", "Thạch Thành",
          "Cẩm Thủy", "Bá Thước", "Lang Chánh", "Ngọc Lặc", "Thường Xuân", "Quan Hoá",
          "Mường Lát", "Vĩnh Lộc", "Hà Trung", "Bỉm Sơn", "Sầm Sơn", "Nghi Sơn", "Đông Hương",
          "Lam Sơn", "Quảng Thắng", "Hoà Lộc", "Xuân Hòa", "Tân Phong", "An Hưng", "Phú Sơn",
          "Đông Thọ", "Trường Thi", "Ba Đình", "Ngọc Trạo", "Đông Vệ", "Quảng Hưng", "Hải Hoà",
          "Hải Bình", "Tân Dân", "Minh Khai", "Cẩm Bình", "Định Công", "Thiệu Hoá", "Đào Xá",
          "Đặng Xá", "Yên Thái", "Nghĩa Đàn", "Quỳnh Lưu", "Diễn Châu", "Hưng Nguyên",
          "Thanh Chương", "Đô Lương", "Anh Sơn", "Con Cuông", "Tương Dương", "Kỳ Sơn",
          "Nam Đàn", "Cửa Lò", "Hoàng Mai", "Thái Hoà", "Hương Sơn", "Đức Thọ", "Can Lộc",
          "Thạch Hà", "Cẩm Xuyên", "Kỳ Anh", "Hồng Lĩnh", "Nghi Xuân", "Lộc Hà", "Vũ Quang"]  # fmt: skip
# Award codes of the catalogue with their weight among a subject's lines.
PERSON_AWARDS = {"lao_dong_tien_tien": 60, "chien_si_thi_dua_co_so": 20, "giay_khen": 13,
                 "chien_si_thi_dua_cap_tinh": 6, "chien_si_thi_dua_toan_quoc": 1}  # fmt: skip
UNIT_AWARDS = {"tap_the_lao_dong_tien_tien": 50, "tap_the_lao_dong_xuat_sac": 20,
               "bang_khen_chu_tich_ubnd_tinh": 15, "co_thi_dua_ubnd_tinh": 8,
               "bang_khen_thu_tuong": 5, "co_thi_dua_chinh_phu": 2}  # fmt: skip
ISSUERS = {
    "lao_dong_tien_tien": "UBND", "chien_si_thi_dua_co_so": "UBND", "giay_khen": "SNV",
    "chien_si_thi_dua_cap_tinh": "UBND", "chien_si_thi_dua_toan_quoc": "TTg",
    "tap_the_lao_dong_tien_tien": "UBND", "tap_the_lao_dong_xuat_sac": "UBND",
    "bang_khen_chu_tich_ubnd_tinh": "UBND", "co_thi_dua_ubnd_tinh": "UBND",
    "bang_khen_thu_tuong": "TTg", "co_thi_dua_chinh_phu": "TTg",
}  # fmt: skip


def setup_django() -> None:
    """A fresh database, or with SEARCH_REUSE=1 the one a previous run generated."""
    _setup.setup_django(DATA, reuse=REUSE)


def _weighted(rng: random.Random, table: dict[str, float], k: int) -> list[str]:
    return rng.choices(list(table), weights=list(table.values()), k=k)


def person_names(rng: random.Random, n: int) -> list[str]:
    families = _weighted(rng, FAMILY, n)
    names = []
    for family in families:
        female = rng.random() < 0.5
        middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
        if rng.random() < 0.2:
            middle += " " + rng.choice(MIDDLE_F if female else MIDDLE_M)
        names.append(f"{family} {middle} {rng.choice(GIVEN_F if female else GIVEN_M)}")
    return names


def unit_names(rng: random.Random, n: int) -> list[str]:
    seen: dict[str, int] = defaultdict(int)
    names = []
    for _ in range(n):
        base = f"{rng.choice(UNIT_KINDS)} {rng.choice(PLACES)}"
        seen[base] += 1
        names.append(base if seen[base] == 1 else f"{base} số {seen[base]}")
    return names


class Loader:
    """Inserts rows fast: COPY on PostgreSQL (indexes off during the load), bulk_create else."""

    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection
        self.pg = connection.vendor == "postgresql"
        self.timings: dict[str, float] = defaultdict(float)

    def load(self, model, columns: list[str], rows) -> int:
        started = time.perf_counter()
        count = (self._copy if self.pg else self._bulk)(model, columns, rows)
        self.timings["insert"] += time.perf_counter() - started
        return count

    def _bulk(self, model, columns, rows) -> int:
        from django.db import transaction

        count, batch = 0, []
        with transaction.atomic():
            for row in rows:
                batch.append(model(**dict(zip(columns, row, strict=True))))
                if len(batch) == BATCH:
                    model.objects.bulk_create(batch)
                    count, batch = count + len(batch), []
            model.objects.bulk_create(batch)
        return count + len(batch)

    def _copy(self, model, columns, rows) -> int:
        table = model._meta.db_table
        # COPY leaves out Django's defaults: send them for the NOT NULL columns not given.
        extra = [
            f
            for f in model._meta.concrete_fields
            if f.attname not in columns
            and f.name not in columns
            and not f.null
            and not f.primary_key
        ]
        defaults = tuple(f.get_default() for f in extra)
        assert None not in defaults, [f.name for f in extra]
        db_columns = [model._meta.get_field(c).column for c in columns] + [f.column for f in extra]
        count = 0
        with self.connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")  # no FK triggers per row
            sql = f"COPY {table} ({', '.join(db_columns)}) FROM STDIN"
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row + defaults)
                    count += 1
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        return count

    def drop_indexes(self, *models) -> list[str]:
        """PostgreSQL: drop the secondary indexes of the tables, return their definitions."""
        if not self.pg:
            return []
        tables = [m._meta.db_table for m in models]
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.tablename = ANY(%s) AND NOT EXISTS ("
                "  SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [tables],
            )
            found = cursor.fetchall()
            for name, _definition in found:
                cursor.execute(f'DROP INDEX "{name}"')
        return [definition for _name, definition in found]

    def create_indexes(self, definitions: list[str]) -> None:
        if not definitions:
            return
        started = time.perf_counter()
        with self.connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '2GB'")
            for definition in definitions:
                t0 = time.perf_counter()
                cursor.execute(definition)
                name = definition.split(" ON ")[0].split()[-1]
                self.timings[f"index {name}"] = time.perf_counter() - t0
        self.timings["indexes"] = time.perf_counter() - started

    def analyze(self) -> None:
        """PostgreSQL: VACUUM ANALYZE, as autovacuum would after a bulk load. SQLite only with
        SEARCH_SQLITE_ANALYZE=1: nothing runs ANALYZE on a deployed SQLite database."""
        if not self.pg and os.environ.get("SEARCH_SQLITE_ANALYZE") != "1":
            return
        started = time.perf_counter()
        with self.connection.cursor() as cursor:
            if self.pg:  # COPY ran without triggers: the decision numbers' tokens (awards 0008)
                cursor.execute("SELECT thidua_decision_tokens_refresh()")
            cursor.execute("VACUUM ANALYZE" if self.pg else "ANALYZE")
        self.timings["analyze"] = time.perf_counter() - started


def generate(rng: random.Random) -> dict:
    from django.utils import timezone

    from thidua.accounts.enums import Role
    from thidua.accounts.models import User
    from thidua.awards.keys import record_search_key
    from thidua.awards.models import AwardRecord
    from thidua.awards.selectors.search import award_name
    from thidua.core.text import fold
    from thidua.org.models import Person, Province, Unit

    loader = Loader()
    definitions = loader.drop_indexes(AwardRecord, Person)
    provinces = [
        Province.objects.create(code=f"bench{i}", name=f"Tỉnh Đo lường {i}")
        for i in range(PROVINCES)
    ]
    board = User.objects.create_user(
        "bench-board", password="bench-password-1", role=Role.BOARD_ADMIN, province=provinces[0]
    )
    national = User.objects.create_user(
        "bench-national", password="bench-password-1", role=Role.BOARD_ADMIN
    )
    units = unit_names(rng, UNITS)
    unit_keys = [fold(f"{name} dv{i}") for i, name in enumerate(units)]
    unit_name_keys = [fold(name) for name in units]  # a registry line holds the name only
    unit_province = [provinces[i % PROVINCES].pk for i in range(UNITS)]
    loader.load(
        Unit,
        ["id", "province_id", "code", "name", "kind", "search_key"],
        (
            (i + 1, unit_province[i], f"dv{i}", name, "commune", unit_keys[i])
            for i, name in enumerate(units)
        ),
    )
    people = person_names(rng, PEOPLE)
    people_keys = [fold(n) for n in people]
    person_unit = [rng.randrange(UNITS) for _ in range(PEOPLE)]
    loader.load(
        Person,
        ["id", "unit_id", "full_name", "gender", "search_key"],
        (
            (
                i + 1,
                person_unit[i] + 1,
                name,
                "female" if " Thị " in name else "male",
                people_keys[i],
            )
            for i, name in enumerate(people)
        ),
    )
    award_keys = {code: fold(award_name(code)) for code in {**PERSON_AWARDS, **UNIT_AWARDS}}
    now = timezone.now()
    columns = [
        "id", "unit_id", "person_id", "province_id", "award_type", "year", "basis", "decision_number",
        "decision_date", "issuer", "source", "revoked", "revoked_reason", "note", "import_key",
        "search_key", "is_illustrative", "created_at",
    ]  # fmt: skip
    missing = [
        f.name
        for f in AwardRecord._meta.concrete_fields
        if f.name not in columns and f.attname not in columns and not f.null and not f.has_default()
    ]
    assert not missing, f"the generator must fill {missing}"
    unit_lines = int(RECORDS * UNIT_SHARE)
    kinds = _weighted(rng, UNIT_AWARDS, unit_lines) + _weighted(
        rng, PERSON_AWARDS, RECORDS - unit_lines
    )
    # Lines of units and of people interleaved, as a registry is kept (SEARCH_CLUSTERED=1 keeps
    # the units' lines first: a term found only in old lines, the search's worst case).
    if os.environ.get("SEARCH_CLUSTERED") != "1":
        rng.shuffle(kinds)
    samples: list[tuple[str, str, str, str]] = []

    def rows():
        for i, code in enumerate(kinds):
            year = rng.choice(YEARS)
            issuer = ISSUERS[code]
            number = f"{rng.randrange(1, 4000)}/QĐ-{issuer}"
            if code in UNIT_AWARDS:
                u = rng.randrange(UNITS)
                unit_id, person_id, subject, subject_key = u + 1, None, units[u], unit_name_keys[u]
            else:
                p = rng.randrange(PEOPLE)
                unit_id, person_id, subject, subject_key = None, p + 1, people[p], people_keys[p]
                u = person_unit[p]
            key = f"{subject_key} {award_keys[code]} {number.lower().replace('đ', 'd')}"
            if i % 997 == 0:
                samples.append((subject, code, number, key))
            yield (
                i + 1, unit_id, person_id, unit_province[u], code, year, "merit", number,
                datetime.date(year, 12, 1 + i % 28), issuer, "imported", False, "", "", "",
                key[:400], False, now,
            )  # fmt: skip

    count = loader.load(AwardRecord, columns, rows())
    for subject, code, number, key in samples:  # the fast key is the services' key
        expected = record_search_key(
            subject=subject, award_name=award_name(code), decision_number=number
        )
        assert key == expected, (key, expected)
    loader.create_indexes(definitions)
    loader.analyze()
    return {
        "board": board,
        "national": national,
        "people": people,
        "units": units,
        "count": count,
        "timings": loader.timings,
    }


def _variant(rng: random.Random, text: str) -> str:
    """How a user types it: as written, without diacritics, upper case, or pasted as NFD."""
    from thidua.core.text import fold

    return rng.choice(
        [text, fold(text), text.upper(), unicodedata.normalize("NFD", text), text.lower()]
    )


def queries(rng: random.Random, world: dict) -> list[tuple[str, str]]:
    """(kind of query, query) pairs of 1 to 3 words."""
    people, units = world["people"], world["units"]
    award_phrases = ["lao động tiên tiến", "chiến sĩ thi đua", "cờ thi đua", "bằng khen",
                     "giấy khen", "tập thể lao động", "thủ tướng"]  # fmt: skip
    out = []
    for _ in range(QUERIES):
        roll = rng.random()
        name = rng.choice(people).split()
        if roll < 0.25:  # family, middle, given
            out.append(("name, 3 words", _variant(rng, " ".join([name[0], name[-2], name[-1]]))))
        elif roll < 0.40:  # family + given, as people are usually looked up
            out.append(("name, 2 words", _variant(rng, f"{name[0]} {name[-1]}")))
        elif roll < 0.50:  # a given name alone
            out.append(("name, 1 word", _variant(rng, name[-1])))
        elif roll < 0.62:  # an award name, sometimes with a family name
            phrase = rng.choice(award_phrases).split()[:3]
            if rng.random() < 0.4:
                phrase = [*phrase[:2], name[0]]
            out.append(("award name", _variant(rng, " ".join(phrase))))
        elif roll < 0.77:  # a decision number, whole or its number and kind
            number = f"{rng.randrange(1, 4000)}/QĐ-{rng.choice(['UBND', 'TTg', 'SNV'])}"
            out.append(("decision number", rng.choice([number, number.split("-")[0]])))
        elif roll < 0.95:  # a unit
            words = rng.choice(units).split()
            out.append(("unit name", _variant(rng, " ".join(words[-3:]))))
        else:  # nothing matches
            out.append(("no match", _variant(rng, f"{name[0]} Xyzq")))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_queries(token: str, pairs: list[tuple[str, str]]) -> tuple[dict, list[int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    headers = {"Authorization": f"Bearer {token}"}
    for _kind, q in pairs[:10]:  # warm-up
        client.get("/api/v1/search", {"q": q}, headers=headers)
    samples: dict[str, list[float]] = defaultdict(list)
    counts = []
    for kind, q in pairs:
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get("/api/v1/search", {"q": q}, headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (q, response.content)
        samples[kind].append(elapsed)
        samples["all"].append(elapsed)
        counts.append(len(ctx.captured_queries))
    return samples, counts


def registry_pages(user) -> list[tuple[str, float, float, int]]:
    """The registry list page (/khen-thuong/) with typical filters: (label, p50, p95, queries)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    cases = [
        ("newest first", {}),
        ("award and year", {"award_type": "chien_si_thi_dua_co_so", "year": "2019"}),
        ("text 'nguyen thi hoa'", {"q": "nguyễn thị hoà"}),
        ("page 150", {"page": "150"}),
        ("individuals of 2015", {"subject_kind": "individual", "year": "2015"}),
    ]
    out = []
    for label, params in cases:
        client.get("/khen-thuong/", params)  # warm-up
        times, count = [], 0
        for _ in range(PAGE_RUNS):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get("/khen-thuong/", params)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (label, response.status_code)
            count = len(ctx.captured_queries)
        out.append((label, statistics.median(times), percentile(times, 95), count))
    return out


def explain(words: list[str], user) -> str:
    """PostgreSQL plans of the registry lookup: the newest rows, then the token index."""
    from thidua.awards.models import AwardRecord
    from thidua.awards.selectors import search as s

    scoped = s.scope_by_province(
        AwardRecord.objects.select_related("unit", "person", "person__unit"), user
    )
    top = AwardRecord.objects.aggregate(top=s.Max("pk"))["top"]
    recent = s._scanning(scoped.filter(pk__gt=top - s.RECENT_WINDOW), words).order_by("-pk")[:21]
    condition = s.core_search.indexed_filter(words, "postgresql")
    rare = scoped.filter(condition).order_by().values_list("pk", flat=True)
    return (
        "newest rows:\n"
        + recent.explain(analyze=True)
        + "\ntoken index:\n"
        + rare[: s.MAX_CANDIDATES + 1].explain(analyze=True)
    )


def existing_world() -> dict:
    """SEARCH_REUSE=1: the users and names of the database a previous run generated."""
    from thidua.accounts.models import User
    from thidua.awards.models import AwardRecord
    from thidua.org.models import Person, Unit

    return {
        "board": User.objects.get(username="bench-board"),
        "national": User.objects.get(username="bench-national"),
        "people": list(Person.objects.order_by("pk").values_list("full_name", flat=True)),
        "units": list(Unit.objects.order_by("pk").values_list("name", flat=True)),
        "count": AwardRecord.objects.count(),
        "timings": {},
    }


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.db import connection

    from thidua.accounts.services.api_token import api_token_issue

    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    world = existing_world() if REUSE else generate(random.Random(20261129))
    total = time.perf_counter() - started
    print(
        f"{connection.vendor}: {world['count']:,} registry lines, {len(world['people']):,} "
        f"people, {len(world['units']):,} units in {PROVINCES} provinces, "
        f"{'reused' if REUSE else 'generated'} in {total:.1f}s"
    )
    for step, seconds in world["timings"].items():
        print(f"  {step:<40}{seconds:>8.1f}s")
    pairs = queries(random.Random(7), world)
    print(f"{'user':<16}{'queries':<18}{'n':>4}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for label, user in (("province board", world["board"]), ("national board", world["national"])):
        samples, counts = run_queries(api_token_issue(user=user)[1], pairs)
        for kind in ["all", *sorted(k for k in samples if k != "all")]:
            values = samples[kind]
            print(
                f"{label:<16}{kind:<18}{len(values):>4}{statistics.median(values):>9.1f}"
                f"{percentile(values, 95):>9.1f}{max(values):>9.1f}"
            )
        print(f"{label:<16}SQL queries per request: {min(counts)}–{max(counts)}")
    print(f"\n{'registry list page':<40}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    for label, user in (("province board", world["board"]), ("national board", world["national"])):
        for case, p50, p95, count in registry_pages(user):
            print(f"{label + ', ' + case:<40}{p50:>9.1f}{p95:>9.1f}{count:>9}")
    if connection.vendor == "postgresql":
        for words in (["nguyen"], ["nguyen", "hoa"], ["1234/qd-ubnd"], ["1/qd-ttg"], ["xyzq"]):
            print(f"\nEXPLAIN ANALYZE registry lookup {words} (province board):")
            print(explain(words, world["board"]))


if __name__ == "__main__":
    main()
