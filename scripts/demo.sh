#!/usr/bin/env bash
# Set up (if needed) and open Reinserción Desktop on the demo centre (user demo, password demo).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/reinsercion-desktop --demo "$@"
