#!/usr/bin/env bash
# Quick start, command 2: install what the tests need and run the whole suite (lint, types, tests).
# .ci/run calls exactly this. Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/venv.sh"
cd "$ROOT"

# Debian packages the desktop and keyring tests use; without root they are skipped, and say why.
mapfile -t APT_PACKAGES < <(grep -v '^\s*#' "$ROOT/scripts/apt-test-packages.txt" | grep -v '^\s*$' || true)
if [ ${#APT_PACKAGES[@]} -gt 0 ] && ! apt_install "${APT_PACKAGES[@]}"; then
    echo "warning: could not install ${APT_PACKAGES[*]}; tests that need them will be skipped" >&2
fi

ensure_venv dev

echo "== ruff" >&2
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check . >/dev/null || { "$VENV/bin/ruff" format --diff .; exit 1; }
echo "== mypy" >&2
"$VENV/bin/mypy"
echo "== pytest" >&2
exec "$VENV/bin/python" -m pytest "$@"
