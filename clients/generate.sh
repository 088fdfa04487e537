#!/usr/bin/env bash
# Regenerates every client from openapi/openapi.json.
#
#   clients/generate.sh [OUT_ROOT]
#
# Without OUT_ROOT each client is regenerated in place (clients/<lang>/). With OUT_ROOT, client
# <lang> is written under OUT_ROOT/<lang>/ instead, with the same relative paths, so CI can
# regenerate into a temporary folder and compare with what is committed.
# Each language has its own clients/<lang>/generate.sh [OUT_DIR]; the ones present are run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out_root="${1:-}"
if [ -n "$out_root" ]; then
  mkdir -p "$out_root"
  out_root="$(cd "$out_root" && pwd)"
fi

ran=0
for lang in typescript python; do
  script="$here/$lang/generate.sh"
  [ -f "$script" ] || continue
  echo "== $lang"
  if [ -n "$out_root" ]; then
    bash "$script" "$out_root/$lang"
  else
    bash "$script"
  fi
  ran=$((ran + 1))
done

if [ "$ran" -eq 0 ]; then
  echo "no clients/<lang>/generate.sh found" >&2
  exit 1
fi
