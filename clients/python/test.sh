#!/usr/bin/env bash
# The Python client's checks: ruff and mypy --strict on the hand-written code, then the smoke test, which
# starts the real server ($EBILL_BIN, default ~/.cache/ebill-target/debug/ebill) on a fresh SQLite
# database and runs the provider story through the generated client.
#
#   clients/python/test.sh [pytest arguments]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=_venv.sh
source "$here/_venv.sh"
cd "$here"
export PYTHONDONTWRITEBYTECODE=1
"$VENV/bin/ruff" check --no-cache --quiet
"$VENV/bin/ruff" format --check --no-cache --quiet
"$VENV/bin/mypy" --no-incremental --cache-dir=/dev/null
"$VENV/bin/python" -m pytest "$@"
