#!/usr/bin/env bash
# Regenerates the Python client package ebill_client/ from openapi/openapi.json with the pinned
# openapi-python-client (requirements-dev.txt) and its configuration (openapi-python-client.yaml).
#
#   clients/python/generate.sh [OUT_DIR]
#
# Writes OUT_DIR/ebill_client/ (OUT_DIR defaults to clients/python), replacing what was there; nothing
# else is written. Fails when the generator warns about anything but the two expected skips.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
spec="$(cd "$here/../.." && pwd)/openapi/openapi.json"
out="${1:-$here}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# shellcheck source=_venv.sh
source "$here/_venv.sh"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if ! (cd "$tmp" && PATH="$VENV/bin:$PATH" openapi-python-client generate --path "$spec" \
      --config "$here/openapi-python-client.yaml" --meta none --output-path "$tmp/ebill_client") \
      >"$tmp/log" 2>&1; then
  cat "$tmp/log" >&2
  echo "openapi-python-client failed" >&2
  exit 1
fi

# The only warnings allowed: the form-encoded variant of the two OAuth bodies, skipped on purpose
# (see openapi-python-client.yaml).
unexpected="$(grep -E 'WARNING|ERROR|Error|error' "$tmp/log" \
  | grep -vE '^WARNING parsing POST /v1/oauth/(token|revoke) within auth\.$' \
  | grep -vE '^Warning\(s\) encountered while generating' || true)"
skips="$(grep -cxF 'Unsupported content type application/x-form-not-generated' "$tmp/log" || true)"
if [ -n "$unexpected" ] || [ "$skips" != 2 ]; then
  cat "$tmp/log" >&2
  echo "openapi-python-client warned about more than the expected OAuth form bodies" >&2
  exit 1
fi

find "$tmp/ebill_client" -name __pycache__ -prune -exec rm -rf {} +
: >"$tmp/ebill_client/py.typed"  # PEP 561: the package is typed
rm -rf "$out/ebill_client"
cp -R "$tmp/ebill_client" "$out/ebill_client"
echo "generated $out/ebill_client"
