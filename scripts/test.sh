#!/usr/bin/env bash
# Runs the whole suite. CI=true makes the PostgreSQL pass and the browser tests required.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_TEST_URL=${PG_TEST_URL:-postgres://postgres@127.0.0.1:5432/test}
CI=${CI:-false}
# Two workers: the machines have two cores. PYTEST_WORKERS=0 runs in one process.
WORKERS=${PYTEST_WORKERS:-2}
export THIDUA_DATA_DIR=${THIDUA_DATA_DIR:-$PWD/var/test}
mkdir -p "$THIDUA_DATA_DIR"
status=0
start=$(date +%s)

step() { echo; echo "== $* =="; }

step "ruff"
$BIN/ruff check . || status=1
$BIN/ruff format --check . || status=1

step "mypy"
$BIN/mypy thidua || status=1

step "pytest: SQLite"
env -u DATABASE_URL $BIN/pytest -q -n "$WORKERS" -m "not e2e" --ignore=tests/e2e \
  --cov --cov-report=term:skip-covered --cov-report=html:var/htmlcov || status=1

pg_available() {
  $BIN/python - "$PG_TEST_URL" <<'PY'
import sys
import psycopg
try:
    psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://"), connect_timeout=3).close()
except Exception as exc:  # noqa: BLE001
    print(exc)
    sys.exit(1)
PY
}

step "pytest: PostgreSQL"
if pg_available; then
  DATABASE_URL=$PG_TEST_URL $BIN/pytest -q -n "$WORKERS" -m "not e2e" --ignore=tests/e2e || status=1
elif [ "$CI" = "true" ]; then
  echo "PostgreSQL is required in CI but $PG_TEST_URL is not reachable."; status=1
else
  echo "SKIPPED: PostgreSQL pass (no server at $PG_TEST_URL)."
fi

step "pytest: browser (Playwright + Chromium)"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  DJANGO_ALLOW_ASYNC_UNSAFE=true $BIN/pytest -q tests/e2e -m e2e -p no:randomly || status=1
elif [ "$CI" = "true" ]; then
  echo "Chromium is required in CI but $CHROMIUM is missing."; status=1
else
  echo "SKIPPED: browser tests (no Chromium at $CHROMIUM; apt-get install chromium)."
fi

echo
echo "make test finished in $(( $(date +%s) - start ))s with status $status"
exit $status
