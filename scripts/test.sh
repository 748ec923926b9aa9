#!/usr/bin/env bash
# Set up (if needed) and run every test: unit, storage, services, command line, window.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
