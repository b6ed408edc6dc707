"""Benchmark: the year-end meeting's pages, API and operations (run with `make bench`).

Builds, in a throw-away database under bench/data/voting (or DATABASE_URL), a season of MEMBERS
member units (bulk-created, one officer each), a board administrator and two counting-committee
keyers; then, through the voting services, a meeting with everyone present and a nomination poll
(Bằng khen của Chủ tịch UBND tỉnh, SEATS seats) opened, ONLINE ballots cast online (seeded
choices) and PAPER paper ballots issued and keyed twice. Times, while the poll is open, the
meeting page, the poll page, the projector fragment and the turnout API; then `poll_close` once;
then, closed, the results page, the ballot list page, the result and ballot list API and the
minutes (Word, PDF). Median of REPEAT requests (FILE_REPEAT for the minutes) through Django's test
client, logged in as the board administrator (the API with a bearer token), and the number of SQL
queries of each.

Then the closing cost of a large poll: a season of CLOSE_MEMBERS members in another bloc, its
meeting (attendance marked present in bulk), an online-only poll opened, one ballot per member
through `ballot_cast` (total and per ballot), and `poll_close` once (rewrites the ballots in
random order, tallies, hashes the ballot list, drafts the proposals).
"""

import datetime
import random
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import _setup  # noqa: E402 - bench/ is the script folder

DATA = ROOT / "bench" / "data" / "voting"
MEMBERS, SEATS, ONLINE, PAPER, CLOSE_MEMBERS = 50, 10, 45, 5, 2000
REPEAT, FILE_REPEAT, SEED, YEAR = 15, 5, 2026, 2025
AWARD = "bang_khen_chu_tich_ubnd_tinh"
OVERRIDE = "Khối đề nghị theo kết quả chấm điểm; số lượng do Hội đồng tỉnh xét duyệt."


def setup_django() -> None:
    _setup.setup_django(DATA)


def _season(province, *, tag: str, members: int) -> tuple:
    """A bloc and its season of `members` units, an officer each (bulk, no services)."""
    from django.db import transaction

    from thidua.accounts.enums import Role
    from thidua.accounts.models import User
    from thidua.core.text import fold
    from thidua.org.models import Bloc, Season, SeasonMembership, Unit

    with transaction.atomic():
        units = Unit.objects.bulk_create(
            Unit(
                province=province,
                code=f"{tag}{i}",
                name=f"Đơn vị {tag} số {i:04d}",
                kind="department",
                search_key=fold(f"Đơn vị {tag} số {i:04d} {tag}{i}"),
            )  # fmt: skip
            for i in range(members)
        )
        bloc = Bloc.objects.create(
            province=province, name=f"Khối {tag}", search_key=fold(f"Khối {tag}")
        )
        season = Season.objects.create(bloc=bloc, year=YEAR, leader=units[0], deputy=units[1])
        SeasonMembership.objects.bulk_create(SeasonMembership(season=season, unit=u) for u in units)
        # Accounts without a usable password: force_login and the services need none.
        officers = User.objects.bulk_create(
            User(
                username=f"{tag}-officer-{i}",
                password="!",
                role=Role.UNIT_OFFICER,
                unit=u,
                province=province,
            )  # fmt: skip
            for i, u in enumerate(units)
        )
    return season, units, officers


def _meeting(board, season, units, *, keyers=(), attendance_in_bulk: bool = False):
    from thidua.voting import services
    from thidua.voting.models import Attendance

    meeting = services.meeting_create(
        actor=board,
        season=season,
        held_on=datetime.date(YEAR, 12, 15),
        place="Hội trường Ủy ban nhân dân tỉnh",
        place_name="Nam Định",
        chair_name="Ngô Văn Liên",
        chair_title="Trưởng khối",
        secretary_name="Trần Thị Thơ",
    )
    if attendance_in_bulk:
        Attendance.objects.filter(meeting=meeting).update(present=True)
    else:
        for unit in units:
            services.attendance_set(
                actor=board,
                meeting=meeting,
                unit=unit,
                present=True,
                delegate_name=f"Đại biểu {unit.name}",
            )
    for i, user in enumerate(keyers):
        services.committee_add(
            actor=board,
            meeting=meeting,
            full_name=f"Kiểm phiếu viên {i + 1}",
            role="head" if i == 0 else "member",
            user=user,
        )
    return meeting


def _picker(candidate_ids: list[int]) -> Callable[[random.Random], list[int]]:
    """Up to SEATS choices among the first 20 candidates, earlier ones preferred (seeded)."""
    pool = candidate_ids[:20]
    weights = [len(pool) - i for i in range(len(pool))]
    return lambda rng: sorted(set(rng.choices(pool, weights, k=SEATS)))


def generate() -> tuple:
    from thidua.accounts.enums import Role
    from thidua.accounts.models import User
    from thidua.org.models import Province
    from thidua.voting import services
    from thidua.voting.enums import PollKind

    rng = random.Random(SEED)
    province = Province.objects.create(code="bench", name="Tỉnh Đo lường")
    board = User.objects.create_user(
        "bench", password="bench-password-1", role=Role.BOARD_ADMIN, province=province
    )
    keyers = [
        User.objects.create_user(f"bench-keyer-{i}", password=None, province=province)
        for i in range(2)
    ]
    season, units, officers = _season(province, tag="m", members=MEMBERS)
    meeting = _meeting(board, season, units, keyers=keyers)
    poll = services.poll_create(
        actor=board,
        meeting=meeting,
        kind=PollKind.NOMINATION,
        award_type=AWARD,
        seats=SEATS,
        override_reason=OVERRIDE,
    )
    poll = services.poll_open(actor=board, poll=poll, override_reason=OVERRIDE)
    pick = _picker(list(poll.candidates.order_by("order").values_list("pk", flat=True)))
    for officer in officers[:ONLINE]:
        services.ballot_cast(actor=officer, poll=poll, choices=pick(rng))
    paper_units = units[ONLINE : ONLINE + PAPER]
    assert services.paper_issue(actor=keyers[0], poll=poll, units=paper_units) == PAPER
    for number in range(1, PAPER + 1):
        choices = pick(rng)
        for keyer in keyers:
            services.paper_key(actor=keyer, poll=poll, number=number, choices=choices)
    return province, board, meeting, poll


@contextmanager
def counting_queries():
    """Counts every statement (CaptureQueriesContext keeps only the last 9,000)."""
    from django.db import connection

    count = [0]

    def wrapper(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield count


def timed(client, url: str, headers: dict | None, repeat: int) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url, headers=headers or {})
            samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples), len(ctx.captured_queries), response.status_code


def once(func: Callable[[], object]) -> tuple[float, int]:
    with counting_queries() as count:
        start = time.perf_counter()
        func()
        ms = (time.perf_counter() - start) * 1000
    return ms, count[0]


def close_world(province, board) -> tuple:
    """A large online-only poll: CLOSE_MEMBERS members, one ballot each through the service."""
    from thidua.voting import services
    from thidua.voting.enums import PollKind

    season, units, officers = _season(province, tag="c", members=CLOSE_MEMBERS)
    meeting = _meeting(board, season, units, attendance_in_bulk=True)
    poll = services.poll_create(
        actor=board,
        meeting=meeting,
        kind=PollKind.NOMINATION,
        award_type=AWARD,
        seats=SEATS,
        allow_paper=False,
        override_reason=OVERRIDE,
    )
    poll = services.poll_open(actor=board, poll=poll, override_reason=OVERRIDE)
    return poll, officers


def row(name: str, ms: float, queries: int | str, status: int | str) -> None:
    print(f"{name:<44}{ms:>10.1f}{queries:>9}{status:>8}")


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.test import Client

    from thidua.accounts.services.api_token import api_token_issue
    from thidua.voting import services
    from thidua.voting.enums import PollStatus

    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    province, board, meeting, poll = generate()
    print(
        f"generated {MEMBERS} members, meeting, poll of {SEATS} seats with {ONLINE} online and "
        f"{PAPER} paper ballots (keyed twice) in {time.perf_counter() - started:.1f}s"
    )
    client = Client()
    client.force_login(board)
    bearer = {"Authorization": f"Bearer {api_token_issue(user=board)[1]}"}
    api = Client()
    pk = poll.pk
    opened = [
        ("meeting page", client, f"/hoi-nghi/{meeting.pk}/", None, REPEAT),
        ("poll page", client, f"/bo-phieu/{pk}/", None, REPEAT),
        (
            "projector fragment (HX-Request)",
            client,
            f"/bo-phieu/{pk}/trinh-chieu/so-lieu/",
            {"HX-Request": "true"},
            REPEAT,
        ),
        ("API turnout", api, f"/api/v1/polls/{pk}/turnout", bearer, REPEAT),
    ]
    closed = [
        ("results page", client, f"/bo-phieu/{pk}/ket-qua/", None, REPEAT),
        ("ballot list page", client, f"/bo-phieu/{pk}/danh-sach-phieu/", None, REPEAT),
        ("API result", api, f"/api/v1/polls/{pk}/result", bearer, REPEAT),
        ("API ballots", api, f"/api/v1/polls/{pk}/ballots", bearer, REPEAT),
        ("minutes .docx", client, f"/bo-phieu/{pk}/bien-ban.docx", None, FILE_REPEAT),
        ("minutes .pdf", client, f"/bo-phieu/{pk}/bien-ban.pdf", None, FILE_REPEAT),
    ]
    print(f"{'measure':<44}{'median ms':>10}{'queries':>9}{'status':>8}")
    for name, who, url, headers, repeat in opened:
        row(f"open: {name}", *timed(who, url, headers, repeat))
    ms, queries = once(lambda: services.poll_close(actor=board, poll=poll))
    poll.refresh_from_db()
    assert poll.status == PollStatus.CLOSED
    row(f"poll_close ({MEMBERS} ballots, once)", ms, queries, "-")
    for name, who, url, headers, repeat in closed:
        row(f"closed: {name}", *timed(who, url, headers, repeat))

    started = time.perf_counter()
    big, officers = close_world(province, board)
    print(
        f"\ngenerated {CLOSE_MEMBERS} members, meeting and open online poll "
        f"in {time.perf_counter() - started:.1f}s"
    )
    rng = random.Random(SEED)
    pick = _picker(list(big.candidates.order_by("order").values_list("pk", flat=True)))
    choices = [pick(rng) for _ in officers]

    def cast() -> None:
        for officer, chosen in zip(officers, choices, strict=True):
            services.ballot_cast(actor=officer, poll=big, choices=chosen)

    print(f"{'measure':<44}{'ms':>10}{'queries':>9}{'status':>8}")
    ms, queries = once(cast)
    row(f"ballot_cast × {CLOSE_MEMBERS:,} (total)", ms, queries, "-")
    row("ballot_cast (per ballot)", ms / CLOSE_MEMBERS, f"{queries / CLOSE_MEMBERS:.1f}", "-")
    ms, queries = once(lambda: services.poll_close(actor=board, poll=big))
    big.refresh_from_db()
    assert big.status == PollStatus.CLOSED and big.result["cast"] == CLOSE_MEMBERS, big.result
    row(f"poll_close ({CLOSE_MEMBERS:,} ballots, once)", ms, queries, "-")


if __name__ == "__main__":
    main()
