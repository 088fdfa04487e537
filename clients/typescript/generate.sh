#!/usr/bin/env bash
# Regenerates the TypeScript types of the ebill API from openapi/openapi.json.
#
#   clients/typescript/generate.sh [OUT_DIR]
#
# Writes OUT_DIR/src/schema.ts (OUT_DIR defaults to clients/typescript itself). CI passes a temporary
# folder and compares the result with the committed file. Uses the openapi-typescript pinned in
# package-lock.json (installed with `npm ci` when node_modules is missing); nothing else is downloaded.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
spec="$(cd "$here/../.." && pwd)/openapi/openapi.json"
out="${1:-$here}"
mkdir -p "$out/src"
out="$(cd "$out" && pwd)"

if [ ! -x "$here/node_modules/.bin/openapi-typescript" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

# No redocly.yaml is read (the flags below are the whole configuration), and no colours or
# timestamps end up in the output, so the same spec always gives the same bytes.
(cd "$here" && NO_COLOR=1 FORCE_COLOR=0 ./node_modules/.bin/openapi-typescript "$spec" \
  --output "$out/src/schema.ts" \
  --root-types --root-types-no-schema-prefix \
  >/dev/null)
echo "wrote $out/src/schema.ts"
