#!/bin/sh
# 安裝並執行全部測試：lint、型別檢查、遷移檢查、SQLite 與 PostgreSQL 測試、瀏覽器測試。
# Install and run the whole test suite. PostgreSQL is used when reachable (SHOUHU_TEST_PG_URL).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
export SHOUHU_HOME="$(mktemp -d)"
trap 'rm -rf "$SHOUHU_HOME"' EXIT

echo "== ruff check / ruff format --check"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy shouhu
echo "== import-linter (layers)"
.venv/bin/lint-imports --no-cache
echo "== makemigrations --check"
.venv/bin/shouhu manage makemigrations --check --dry-run

PG_URL="${SHOUHU_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/shouhu}"
PG_PID=""
if .venv/bin/python -c "import psycopg,sys; psycopg.connect(sys.argv[1].rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" "$PG_URL" 2>/dev/null; then
  # The PostgreSQL round runs beside the SQLite round (two cores; ports are ephemeral, scanner databases and the
  # Django test database are uniquely named), with its own SHOUHU_HOME; its output is printed when it ends.
  # It keeps the tests that use the database (tests/conftest.py); the rest gave their answer on SQLite.
  PG_HOME="$(mktemp -d)"
  PG_LOG="$PG_HOME.log"
  trap 'rm -rf "$SHOUHU_HOME" "$PG_HOME" "$PG_LOG"; [ -z "$PG_PID" ] || kill "$PG_PID" 2>/dev/null || true' EXIT
  trap 'exit 130' INT TERM
  echo "== tests on PostgreSQL ($PG_URL; tests that use the database; browser tests run on SQLite): started beside SQLite"
  SHOUHU_HOME="$PG_HOME" SHOUHU_DATABASE_URL="$PG_URL" SHOUHU_TEST_DATABASE_ONLY=1 \
    .venv/bin/python -m pytest -m "not browser" "$@" >"$PG_LOG" 2>&1 &
  PG_PID=$!
else
  echo "== PostgreSQL not reachable at $PG_URL: PostgreSQL run skipped (set SHOUHU_TEST_PG_URL)"
fi

echo "== tests on SQLite (with browser tests)"
sqlite_status=0
.venv/bin/python -m pytest "$@" || sqlite_status=$?

pg_status=0
if [ -n "$PG_PID" ]; then
  wait "$PG_PID" || pg_status=$?
  PG_PID=""
  echo "== tests on PostgreSQL: output"
  cat "$PG_LOG"
fi
echo "== SQLite round exit status $sqlite_status, PostgreSQL round exit status $pg_status"
[ "$sqlite_status" -eq 0 ] && [ "$pg_status" -eq 0 ]
