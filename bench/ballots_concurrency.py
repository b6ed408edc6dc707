"""Benchmark and check: concurrent online ballots against PostgreSQL and two gunicorn workers.

`.venv/bin/python bench/ballots_concurrency.py` (PostgreSQL only, loopback only; not in run.py,
whose loop also runs every script on SQLite).

Creates a fresh database (thidua_bench_votes on BENCH_PG_SERVER), migrates it, and sets up through the services a
bloc of VOTERS member units (one officer each), a board user, a meeting with everyone present and
an open online-only nomination poll; issues an API token per officer. Starts gunicorn
(`thidua.wsgi:application`, 2 workers × 4 threads) on a free loopback port on the same database,
then fires every officer's `POST /api/v1/polls/{id}/ballots` and, at the same moment, a duplicate
of each (2 × VOTERS requests, one thread each, released together). Checks: exactly VOTERS answers
201 with distinct receipts, VOTERS answers 409 `already_voted`, one of each per voter, VOTERS
ballots stored, every receipt returned stored, VOTERS voters marked as voted; then closes the poll
through the API and checks the result counts VOTERS ballots cast. Prints the timings; exits 1 on
any failed check. Stops gunicorn, drops the database and removes the data folder at the end.
"""

import concurrent.futures
import datetime
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VOTERS = 200
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DB = "thidua_bench_votes"
HOST = "127.0.0.1"
GUNICORN = ["--workers", "2", "--threads", "4", "--timeout", "120"]
REQUEST_TIMEOUT = 120


def fresh_database() -> str:
    with psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DB}")
    return PG_SERVER.rsplit("/", 1)[0].replace("postgresql://", "postgres://") + f"/{PG_DB}"


def drop_database() -> None:
    with psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def setup_data() -> tuple[int, list[tuple[int, str]], str]:
    """(poll id, [(unit id, officer token)], board token), written through the services."""
    import django

    django.setup()
    from thidua.accounts.enums import Role
    from thidua.accounts.models import User
    from thidua.accounts.services.api_token import api_token_issue
    from thidua.org.services import bloc_create, province_create, season_create, unit_create
    from thidua.voting.enums import PollKind
    from thidua.voting.services import attendance_set, meeting_create, poll_create, poll_open

    # Accounts without a password: the bench authenticates with tokens, and hashing 200
    # passwords with Argon2 would only slow the setup down.
    board = User.objects.create_user("bench-board", password=None, role=Role.BOARD_ADMIN)
    province = province_create(actor=board, code="bench-votes", name="Tỉnh Đo lường")
    units = [
        unit_create(
            actor=board,
            province=province,
            code=f"bv-{i:03d}",
            name=f"Đơn vị bỏ phiếu số {i:03d}",
            kind="department",
        )
        for i in range(1, VOTERS + 1)
    ]
    officers = [
        User.objects.create_user(
            f"bv-{i:03d}", password=None, role=Role.UNIT_OFFICER, unit=unit, province=province
        )
        for i, unit in enumerate(units, start=1)
    ]
    bloc = bloc_create(actor=board, province=province, name="Khối thi đua đo lường")
    season = season_create(
        actor=board, bloc=bloc, year=2025, members=units, leader=units[0], deputy=units[1]
    )
    meeting = meeting_create(actor=board, season=season, held_on=datetime.date(2025, 12, 15))
    for unit in units:
        attendance_set(actor=board, meeting=meeting, unit=unit, present=True)
    poll = poll_create(
        actor=board,
        meeting=meeting,
        kind=PollKind.NOMINATION,
        award_type="bang_khen_chu_tich_ubnd_tinh",
        seats=3,
        allow_online=True,
        allow_paper=False,
    )
    poll_open(actor=board, poll=poll)
    tokens = [(officer.unit_id, api_token_issue(user=officer)[1]) for officer in officers]
    return poll.pk, tokens, api_token_issue(user=board)[1]  # type: ignore[return-value]


def request(port: int, method: str, path: str, token: str, body: object = None) -> tuple[int, dict]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        f"http://{HOST}:{port}/api/v1{path}",
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=REQUEST_TIMEOUT) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            return exc.code, json.loads(raw or b"{}")
        except ValueError:
            return exc.code, {"raw": raw[:200].decode(errors="replace")}


def start_server(port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "thidua.wsgi:application", *GUNICORN, "--bind", f"{HOST}:{port}"]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_until_up(server: subprocess.Popen, port: int, token: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {server.returncode}")
        try:
            status, _body = request(port, "GET", "/me", token)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


def fire(port: int, poll_id: int, tokens: list[tuple[int, str]], payload: dict) -> tuple:
    """Two submissions per voter, all threads released together: [(unit id, status, body, s)]."""
    jobs = [(unit_id, token) for unit_id, token in tokens for _copy in range(2)]
    barrier = threading.Barrier(len(jobs) + 1)

    def submit(unit_id: int, token: str) -> tuple[int, int, dict, float]:
        barrier.wait()
        started = time.perf_counter()
        try:
            status, body = request(port, "POST", f"/polls/{poll_id}/ballots", token, payload)
        except OSError as exc:
            status, body = 0, {"error": str(exc)}
        return unit_id, status, body, time.perf_counter() - started

    with concurrent.futures.ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = [pool.submit(submit, unit_id, token) for unit_id, token in jobs]
        barrier.wait()
        started = time.perf_counter()
        results = [f.result() for f in futures]
        wall = time.perf_counter() - started
    return results, wall


def check(name: str, ok: bool, failures: list[str]) -> None:
    print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    if not ok:
        failures.append(name)


def verify(poll_id: int, results: list, failures: list[str]) -> None:
    from thidua.voting.models import Ballot, Voter

    created = [r for r in results if r[1] == 201]
    refused = [r for r in results if r[1] == 409 and r[2].get("code") == "already_voted"]
    receipts = [r[2].get("receipt") for r in created]
    per_voter = Counter((unit_id, status) for unit_id, status, _b, _t in results)
    stored = set(Ballot.objects.filter(poll_id=poll_id).values_list("receipt", flat=True))
    others = Counter(r[1] for r in results if r not in created and r not in refused)
    check(f"{VOTERS} × 201 with a receipt (got {len(created)})", len(created) == VOTERS, failures)
    check("receipts distinct", len(set(receipts)) == len(receipts), failures)
    check(f"{VOTERS} × 409 already_voted (got {len(refused)})", len(refused) == VOTERS, failures)
    check(f"no other answer (got {dict(others)})", not others, failures)
    check(
        "one 201 and one 409 per voter",
        all(per_voter[(u, 201)] == 1 and per_voter[(u, 409)] == 1 for u, *_r in results),
        failures,
    )
    check(f"{VOTERS} ballots stored (got {len(stored)})", len(stored) == VOTERS, failures)
    check("every receipt returned is stored", set(receipts) <= stored, failures)
    voted = Voter.objects.filter(poll_id=poll_id, has_voted=True).count()
    check(f"{VOTERS} voters marked as voted (got {voted})", voted == VOTERS, failures)


def close_and_count(port: int, poll_id: int, board_token: str, failures: list[str]) -> None:
    from thidua.voting.models import Ballot

    status, body = request(port, "POST", f"/polls/{poll_id}/close", board_token, {})
    check(f"close through the API (HTTP {status})", status == 200, failures)
    status, result = request(port, "GET", f"/polls/{poll_id}/result", board_token)
    cast = result.get("cast")
    check(f"result counts {VOTERS} ballots cast (got {cast})", cast == VOTERS, failures)
    count = Ballot.objects.filter(poll_id=poll_id).count()
    check(f"{VOTERS} ballots after closing (got {count})", count == VOTERS, failures)


def report(results: list, wall: float) -> None:
    latencies = sorted(r[3] * 1000 for r in results)
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(
        f"\n{len(results)} requests ({VOTERS} voters × 2), gunicorn {' '.join(GUNICORN)}, "
        f"{os.cpu_count()} CPU"
    )
    print(f"  wall time      {wall:8.2f} s")
    print(f"  latency p50    {statistics.median(latencies):8.0f} ms")
    print(f"  latency p95    {p95:8.0f} ms")
    print(f"  latency max    {latencies[-1]:8.0f} ms")
    print(f"  throughput     {len(results) / wall:8.1f} requests/s")


def main() -> int:
    try:
        url = fresh_database()
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL unreachable at {PG_SERVER}: {exc}")
        return 1
    data_dir = Path(tempfile.mkdtemp(prefix="thidua-bench-votes-"))
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "thidua.settings.prod",
        "THIDUA_DATA_DIR": str(data_dir),
        "THIDUA_ALLOWED_HOSTS": HOST,
    }
    server = None
    failures: list[str] = []
    try:
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True
        )
        os.environ.update(env)
        started = time.perf_counter()
        poll_id, tokens, board_token = setup_data()
        print(
            f"Setup: {VOTERS} units and officers, meeting, open poll in {time.perf_counter() - started:.1f} s"
        )
        from thidua.voting.models import Candidate

        choices = list(
            Candidate.objects.filter(poll_id=poll_id)
            .order_by("order")
            .values_list("pk", flat=True)[:3]
        )
        port = free_port()
        server = start_server(port, env, data_dir / "gunicorn.log")
        wait_until_up(server, port, board_token)
        results, wall = fire(port, poll_id, tokens, {"choices": choices})
        print("Checks:")
        verify(poll_id, results, failures)
        close_and_count(port, poll_id, board_token, failures)
        report(results, wall)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        drop_database()
        if failures and server is not None:
            print((data_dir / "gunicorn.log").read_text(errors="replace")[-3000:])
        shutil.rmtree(data_dir, ignore_errors=True)
    if failures:
        print(f"\n{len(failures)} check(s) failed.")
        return 1
    print("\nAll checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
