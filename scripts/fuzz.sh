#!/usr/bin/env bash
# The fuzz tests with thousands of random cases per property (the suite runs a bounded,
# reproducible number). Extra arguments go to pytest, e.g. -k cli. HYPOTHESIS_PROFILE=ci
# runs the bounded set.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-deep}"
exec "${PYTHON:-.venv/bin/python}" -m pytest tests/fuzz -q -p no:cacheprovider -o timeout=0 "$@"
