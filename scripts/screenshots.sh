#!/usr/bin/env bash
# Refresh the README screenshots from the real window on a virtual X screen (Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
.venv/bin/reinsercion --data-dir "$data/demo" demo --participants 300 >/dev/null
export REINSERCION_USER=demo REINSERCION_PASSWORD=demo QT_QPA_PLATFORM=xcb
xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/reinsercion-desktop --data-dir "$data/demo" \
  --screenshot docs/screenshots/ventana-principal.png
xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/reinsercion-desktop --data-dir "$data/demo" \
  --screenshot docs/screenshots/ficha-abierta.png --open-first
xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/reinsercion-desktop --data-dir "$data/demo" \
  --screenshot docs/screenshots/formulario-anexo-i.png --open-first --open-form anexo-i
xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/reinsercion-desktop --data-dir "$data/demo" \
  --screenshot docs/screenshots/formularios.png --open-first --open-form none
for tab in plan seguimiento linea-de-tiempo; do
  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/reinsercion-desktop --data-dir "$data/demo" \
    --screenshot "docs/screenshots/ficha-$tab.png" --open-tab "$tab"
done
