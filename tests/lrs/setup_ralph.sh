#!/usr/bin/env bash
# Ralph, a Python LRS, for the xAPI tests: in a venv of its own, because its pins (FastAPI,
# Starlette, Click) do not install beside Cadre's. `make unit` runs this; the tests skip when
# it is missing outside CI. Idempotent: a second run does nothing.
set -euo pipefail
VENV="${CADRE_RALPH_VENV:-/tmp/cadre-ralph-5.1.0}"
if [ -x "$VENV/bin/ralph" ] && "$VENV/bin/ralph" --version 2>/dev/null | grep -q "5.1.0"; then
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --progress-bar off --quiet "ralph-malph[cli,lrs]==5.1.0" requests
"$VENV/bin/ralph" --version
