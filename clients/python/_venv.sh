# Sourced by generate.sh and test.sh: makes sure a virtualenv with exactly requirements-dev.txt
# exists and sets VENV to it. The virtualenv lives outside the work tree, keyed by the requirements'
# hash (so fresh clones, CI included, reuse it): ~/.cache/ebill-clients-python/venv-<hash>, or
# $EBILL_PY_VENV when set. PYTHON picks the interpreter (python3 by default, 3.11 or newer).
_py_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
_py_req="$_py_here/requirements-dev.txt"
_py_hash="$(sha256sum "$_py_req" | cut -c1-16)"
VENV="${EBILL_PY_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/ebill-clients-python/venv-$_py_hash}"
if [ "$(cat "$VENV/.requirements-hash" 2>/dev/null)" != "$_py_hash" ]; then
  "${PYTHON:-python3}" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    { echo "clients/python needs Python 3.11 or newer (set PYTHON)" >&2; exit 1; }
  echo "creating $VENV" >&2
  rm -rf "$VENV"
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$_py_req"
  "$VENV/bin/pip" check >/dev/null
  echo "$_py_hash" > "$VENV/.requirements-hash"
fi
