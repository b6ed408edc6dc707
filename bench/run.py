"""Run every benchmark on SQLite and, when reachable, on PostgreSQL (a fresh database each time).

`make bench`; figures are recorded by hand in bench/README.md with the machine they came from.
"""

import os
import subprocess
import sys
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent
BENCHES = ["pages.py", "import_units.py", "ranking.py", "tally.py", "voting.py"]
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DB = "thidua_bench"


def fresh_pg_database() -> str | None:
    try:
        with psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            conn.execute(f"CREATE DATABASE {PG_DB}")
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL skipped: {exc}")
        return None
    return PG_SERVER.rsplit("/", 1)[0].replace("postgresql://", "postgres://") + f"/{PG_DB}"


def main() -> int:
    status = 0
    for bench in BENCHES:
        print(f"\n== {bench} on SQLite ==", flush=True)
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        status |= subprocess.call([sys.executable, str(ROOT / bench)], env=env)
        url = fresh_pg_database()
        if url:
            print(f"\n== {bench} on PostgreSQL ==", flush=True)
            status |= subprocess.call(
                [sys.executable, str(ROOT / bench)], env={**env, "DATABASE_URL": url}
            )
    return status


if __name__ == "__main__":
    sys.exit(main())
