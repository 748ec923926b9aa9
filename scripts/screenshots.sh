#!/usr/bin/env bash
# Refresh the README screenshots from the real window on a virtual X screen (Xvfb), at
# 1366×768: the commonest office laptop, the size every screen must fit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
.venv/bin/reinsercion --data-dir "$data/demo" demo --participants 300 >/dev/null
export REINSERCION_USER=demo REINSERCION_PASSWORD=demo QT_QPA_PLATFORM=xcb
shot() {  # shot NAME [options of reinsercion-desktop --screenshot]
  local name=$1
  shift
  rm -f "$data/demo/ventanas.ini"  # each picture from the default layout
  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/reinsercion-desktop --data-dir "$data/demo" \
    --screenshot "docs/screenshots/$name.png" "$@"
}
shot inicio-de-sesion --stop-at login
shot ventana-principal
shot ficha-abierta --open-tab datos --dock participantes
shot formulario-anexo-i --open-first --open-form anexo-i
shot formularios --open-tab formularios
shot ficha-estancias --open-tab estancias --dock ocupacion
shot lista-de-espera --dock lista-de-espera
shot informes --dock informes
shot indicadores --dock indicadores
for tab in plan seguimiento linea-de-tiempo consentimientos; do
  shot "ficha-$tab" --open-tab "$tab"
done
