#!/bin/sh
# 安裝並啟動守護 Shouhu（SQLite，資料放在 SHOUHU_HOME，預設 ~/.shouhu）。
# Install and start Shouhu on the embedded default. Extra arguments go to `shouhu serve`.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[pdf]'
exec .venv/bin/shouhu serve "$@"
