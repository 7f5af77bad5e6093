#!/usr/bin/env bash
# Quick start, command 1: install trayscore into .venv and start it on the built-in simulator.
# Extra arguments go to trayscore (for example: scripts/run.sh score --json).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/venv.sh"
ensure_venv ""
if [ $# -eq 0 ]; then set -- --demo; fi
exec "$VENV/bin/trayscore" "$@"
