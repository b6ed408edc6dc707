"""Benchmark: page and API latency on a large province (run with `make bench`).

Generates a province with BLOCS blocs of UNITS_PER_BLOC units each and five seasons per bloc in a
throw-away SQLite database under bench/data/ (or DATABASE_URL), then times the dashboard, a bloc
page, the unit list and the API unit list through Django's test client, reporting the median of
REPEAT requests and the number of SQL queries of each.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import _setup  # noqa: E402 - bench/ is the script folder

DATA = ROOT / "bench" / "data" / "pages"
BLOCS, UNITS_PER_BLOC, YEARS, REPEAT = 200, 10, range(2019, 2024), 15


def setup_django() -> None:
    _setup.setup_django(DATA)


def generate() -> tuple:
    from django.db import transaction

    from thidua.accounts.enums import Role
    from thidua.accounts.models import User
    from thidua.core.text import fold
    from thidua.org.models import Bloc, Province, Season, SeasonMembership, Unit

    with transaction.atomic():
        province = Province.objects.create(code="bench", name="Tỉnh Đo lường")
        units = Unit.objects.bulk_create(
            Unit(
                province=province,
                code=f"u{i}",
                name=f"Đơn vị đo lường số {i}",
                kind="department",
                search_key=fold(f"Đơn vị đo lường số {i} u{i}"),
            )
            for i in range(BLOCS * UNITS_PER_BLOC)
        )
        blocs = Bloc.objects.bulk_create(
            Bloc(
                province=province,
                name=f"Khối thi đua số {b}",
                search_key=fold(f"Khối thi đua số {b}"),
            )
            for b in range(BLOCS)
        )
        for b, bloc in enumerate(blocs):
            members = units[b * UNITS_PER_BLOC : (b + 1) * UNITS_PER_BLOC]
            seasons = Season.objects.bulk_create(
                Season(
                    bloc=bloc,
                    year=y,
                    leader=members[i % len(members)],
                    deputy=members[(i + 1) % len(members)],
                )
                for i, y in enumerate(YEARS)
            )
            SeasonMembership.objects.bulk_create(
                SeasonMembership(season=s, unit=u) for s in seasons for u in members
            )
        admin = User.objects.create_user(
            "bench", password="bench-password-1", role=Role.BOARD_ADMIN
        )
    return province, blocs[0], admin


def timed(client, url: str, headers: dict | None = None) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples = []
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url, headers=headers or {})
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), len(ctx.captured_queries), response.status_code


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    province, bloc, admin = generate()
    print(
        f"generated {BLOCS} blocs × {UNITS_PER_BLOC} units × {len(YEARS)} seasons in {time.perf_counter() - started:.1f}s"
    )
    client = Client()
    client.force_login(admin)
    from thidua.accounts.services.api_token import api_token_issue

    token = api_token_issue(user=admin)[1]
    rows = [
        ("dashboard", f"/?province={province.pk}&year=2023", None),
        ("bloc page", f"/khoi/{bloc.pk}/", None),
        ("unit list", "/don-vi/", None),
        (
            "API unit list (limit 50)",
            "/api/v1/units?limit=50",
            {"Authorization": f"Bearer {token}"},
        ),
    ]
    print(f"{'page':<28}{'median ms':>10}{'queries':>9}{'status':>8}")
    for name, url, headers in rows:
        ms, queries, status = timed(client if headers is None else Client(), url, headers)
        print(f"{name:<28}{ms:>10.1f}{queries:>9}{status:>8}")


if __name__ == "__main__":
    main()
