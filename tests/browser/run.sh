#!/usr/bin/env bash
# The cabinet in a real browser: headless Debian chromium driven by Playwright for Python, against the
# real server ($EBILL_BIN, default ~/.cache/ebill-target/debug/ebill) on a fresh demo city: SQLite, or
# a scratch PostgreSQL database next to $TEST_DATABASE_URL when it is set. Screenshots of each step go
# to $EBILL_SCREENSHOTS (default target/browser-screenshots).
#
#   tests/browser/run.sh [pytest arguments]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
req="$here/requirements.txt"
hash="$(sha256sum "$req" | cut -c1-16)"
venv="${XDG_CACHE_HOME:-$HOME/.cache}/ebill-browser/venv-$hash"
if [ "$(cat "$venv/.requirements-hash" 2>/dev/null)" != "$hash" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$req"
  echo "$hash" > "$venv/.requirements-hash"
fi
export PYTHONDONTWRITEBYTECODE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
cd "$here"
exec "$venv/bin/python" -m pytest -p no:cacheprovider -q "$@"
