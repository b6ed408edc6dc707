"""Benchmark: the ranking page, its Excel export and the ranking API on a large season.

Builds a season of UNITS member units and a table of CRITERIA criteria in groups of GROUP_SIZE,
plus BONUS_RULES bonus and DEDUCTION_RULES deduction rules; every unit has a scorecard with every
row scored (self-score, and a review score on reviewed cards), evidence rows on every
EVIDENCE_EVERY-th criterion with a small file under the bench data dir, and one GEN-03 exclusion.
Times the page, the export and the API through Django's test client: median of REPEAT requests
and the number of SQL queries of each.
"""

import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import _setup  # noqa: E402 - bench/ is the script folder

DATA = ROOT / "bench" / "data" / "ranking"
UNITS, CRITERIA, GROUP_SIZE, BONUS_RULES, DEDUCTION_RULES = 50, 120, 10, 4, 4
EVIDENCE_EVERY, REPEAT = 10, 15


def setup_django() -> None:
    _setup.setup_django(DATA)


def _table(covenant):
    from thidua.covenants.models import Criterion

    rows = []
    for g in range(CRITERIA // GROUP_SIZE):
        group = Criterion.objects.create(
            covenant=covenant, code=f"G{g + 1}", title=f"Nhóm tiêu chí {g + 1}", kind="group",
            max_points=Decimal(8 * GROUP_SIZE), order=g,
        )  # fmt: skip
        rows += Criterion.objects.bulk_create(
            Criterion(
                covenant=covenant,
                parent=group,
                code=f"G{g + 1}.{i + 1}",
                title=f"Tiêu chí {g + 1}.{i + 1}",
                kind="criterion",
                max_points=Decimal(8),
                order=i,
                evidence_required=i % EVIDENCE_EVERY == 0,
            )  # fmt: skip
            for i in range(GROUP_SIZE)
        )
    for kind, count in (("bonus", BONUS_RULES), ("deduction", DEDUCTION_RULES)):
        rows += Criterion.objects.bulk_create(
            Criterion(
                covenant=covenant,
                code=f"{kind[0].upper()}.{i + 1}",
                title=f"{kind} {i + 1}",
                kind=kind,
                max_points=Decimal(10),
                points_per_item=Decimal(2),
                order=100 + i,
            )  # fmt: skip
            for i in range(count)
        )
    return rows


def _evidence(scores, user):
    from django.conf import settings

    from thidua.scoring.models import Evidence

    folder = Path(settings.MEDIA_ROOT) / "evidence" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    items = []
    for score in scores:
        if not score.criterion.evidence_required:
            continue
        name = f"evidence/bench/{score.scorecard_id}-{score.criterion_id}.pdf"
        content = b"%PDF-1.4\n% minh chung\n%%EOF\n"
        (Path(settings.MEDIA_ROOT) / name).write_bytes(content)
        items.append(
            Evidence(
                score=score,
                file=name,
                original_name="minh-chung.pdf",
                content_type="application/pdf",
                size=len(content),
                uploaded_by=user,
            )  # fmt: skip
        )
    return Evidence.objects.bulk_create(items)


def generate() -> tuple:
    import datetime

    from django.db import transaction

    from thidua.accounts.enums import Role
    from thidua.accounts.models import User
    from thidua.core.text import fold
    from thidua.covenants.models import Covenant
    from thidua.org.models import Bloc, Province, Season, SeasonMembership, Unit
    from thidua.scoring.models import Exclusion, Score, Scorecard

    with transaction.atomic():
        admin = User.objects.create_user(
            "bench", password="bench-password-1", role=Role.BOARD_ADMIN
        )
        province = Province.objects.create(code="bench", name="Tỉnh Đo lường")
        units = Unit.objects.bulk_create(
            Unit(
                province=province,
                code=f"u{i}",
                name=f"Đơn vị đo lường số {i:02d}",
                kind="department",
                search_key=fold(f"Đơn vị đo lường số {i:02d} u{i}"),
            )  # fmt: skip
            for i in range(UNITS)
        )
        bloc = Bloc.objects.create(province=province, name="Khối đo lường", search_key="khoi")
        season = Season.objects.create(bloc=bloc, year=2025, leader=units[0], deputy=units[1])
        SeasonMembership.objects.bulk_create(SeasonMembership(season=season, unit=u) for u in units)
        covenant = Covenant.objects.create(
            season=season, title="Giao ước đo lường", status="locked"
        )
        table = _table(covenant)
        start = datetime.datetime(2025, 11, 1, tzinfo=datetime.UTC)
        cards = Scorecard.objects.bulk_create(
            Scorecard(
                season=season,
                unit=u,
                status=("reviewed", "submitted", "final")[i % 3],
                submitted_at=start + datetime.timedelta(hours=i),
            )  # fmt: skip
            for i, u in enumerate(units)
        )
        scores = Score.objects.bulk_create(
            Score(
                scorecard=card,
                criterion=c,
                self_score=c.max_points - (i + j) % 3,
                review_score=None if card.status == "submitted" else c.max_points - (i + j) % 4,
                self_comment="Đã thực hiện đầy đủ",
            )  # fmt: skip
            for i, card in enumerate(cards)
            for j, c in enumerate(table)
        )
        evidence = _evidence(scores, admin)
        Exclusion.objects.create(
            season=season, unit=units[-1], reason="Đang bị thanh tra", recorded_by=admin
        )
    return season, admin, len(table), len(scores), len(evidence)


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

    from thidua.accounts.services.api_token import api_token_issue

    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    season, admin, rows, scores, evidence = generate()
    print(
        f"generated {UNITS} units × {rows} table rows ({CRITERIA} criteria), {scores} scores, "
        f"{evidence} evidence files in {time.perf_counter() - started:.1f}s"
    )
    client = Client()
    client.force_login(admin)
    token = api_token_issue(user=admin)[1]
    bearer = {"Authorization": f"Bearer {token}"}
    measures = [
        ("ranking page", f"/nam-thi-dua/{season.pk}/xep-hang/", None),
        ("Excel export", f"/nam-thi-dua/{season.pk}/xep-hang/xuat.xlsx", None),
        ("API ranking", f"/api/v1/seasons/{season.pk}/ranking", bearer),
    ]
    print(f"{'measure':<28}{'median ms':>10}{'queries':>9}{'status':>8}")
    for name, url, headers in measures:
        ms, queries, status = timed(client if headers is None else Client(), url, headers)
        print(f"{name:<28}{ms:>10.1f}{queries:>9}{status:>8}")


if __name__ == "__main__":
    main()
