#!/usr/bin/env bash
# Smoke run of the frozen one-folder app, run by CI after the test suite (.ci/run) so no
# change can break the package unseen. It builds dist/reinsercion-desktop/ (build.sh
# installs PyInstaller into the venv if needed), then uses both programs on fresh data
# folders the way an office would:
#
#   reinsercion demo --participants 30, reinsercion check,
#   reinsercion pdf anexo-i --blank, reinsercion pdf anexo-i --record ID (a filled one),
#   reinsercion report indicadores (PDF with charts), reinsercion report anexo-ii-trimestral (XLSX),
#   reinsercion keys show|export|import (pyrage, frozen) between the demo centre and an office,
#   reinsercion bundle export --full, then bundle import --dry-run and import on the office,
#   reinsercion-desktop --demo --screenshot (the window builds its own demo, offscreen),
#   reinsercion-desktop --open-first --screenshot (a participant's file, on the CLI's data),
#
# and checks what they wrote: PDFs that open and hold the expected text, PNGs of a real
# window size that are not tiny, Qt's Spanish catalogues in the bundle, no error in the
# app's log.
#
#   packaging/smoke.sh             build, then run
#   packaging/smoke.sh --no-build  run the app already in dist/
#
# PYTHON: the interpreter used to build and to read the outputs (default: the project's
# .venv). STEP_TIMEOUT: seconds one run of the frozen app may take (default 300), so a
# hang or a modal box fails its step instead of eating CI's time.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"
STEP_TIMEOUT="${STEP_TIMEOUT:-300}"
STARTED=$SECONDS

if [[ -z "${PYTHON:-}" ]]; then
    if [[ -x .venv/bin/python ]]; then
        PYTHON="$ROOT/.venv/bin/python"
    elif [[ -x .venv/Scripts/python.exe ]]; then
        PYTHON="$ROOT/.venv/Scripts/python.exe"
    else
        echo "smoke.sh: no .venv here; run scripts/bootstrap.sh or set PYTHON." >&2
        exit 1
    fi
fi
export PYTHON

case "${1:-}" in
    --no-build) ;;
    "") packaging/build.sh ;;
    *) echo "usage: packaging/smoke.sh [--no-build]" >&2; exit 2 ;;
esac

APP="$ROOT/dist/reinsercion-desktop"
CLI="$APP/reinsercion"
GUI="$APP/reinsercion-desktop"
[[ -x "$CLI" ]] || CLI="$APP/reinsercion.exe"
[[ -x "$GUI" ]] || GUI="$APP/reinsercion-desktop.exe"
for program in "$CLI" "$GUI"; do
    [[ -x "$program" ]] || { echo "smoke.sh: $program is missing: build first." >&2; exit 1; }
done

# A fresh place for everything the app writes: data folders, and the user folders
# (cache, config) that platformdirs would otherwise pick in this user's home.
SCRATCH="$(mktemp -d)"
export XDG_DATA_HOME="$SCRATCH/home/data" XDG_CACHE_HOME="$SCRATCH/home/cache"
export XDG_CONFIG_HOME="$SCRATCH/home/config"
export REINSERCION_USER=demo REINSERCION_PASSWORD=demo
# Offscreen, on one screen of the commonest office laptop (1366×768) rather than the
# offscreen platform's default 800×800, so the pictures show the window as centres see it.
printf '{"screens": [{"name": "portatil", "x": 0, "y": 0, "width": 1366, "height": 768, %s}]}\n' \
    '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1' >"$SCRATCH/screen.json"
export QT_QPA_PLATFORM="offscreen:configfile=$SCRATCH/screen.json"
unset REINSERCION_DATA_DIR
DATA="$SCRATCH/data"          # made by the command line
WINDOW_DATA="$SCRATCH/window" # made by the window's own --demo
CHECKS=0

show_logs() {
    local log
    for log in "$DATA"/registro/*.log "$WINDOW_DATA"/registro/*.log "$SCRATCH"/oficina/registro/*.log; do
        [[ -f "$log" ]] || continue
        echo "----- last lines of $log" >&2
        tail -n 40 "$log" >&2
    done
}

fail() {
    echo "smoke.sh: FAILED: $*" >&2
    show_logs
    exit 1
}

cleanup() { rm -rf "$SCRATCH"; }
trap cleanup EXIT

# run LABEL COMMAND...: show the command's output; a failure or a timeout stops the run.
run() {
    local label="$1" began=$SECONDS status=0
    shift
    echo "smoke.sh: $label"
    timeout --kill-after=10 "$STEP_TIMEOUT" "$@" >"$SCRATCH/step.out" 2>&1 || status=$?
    cat "$SCRATCH/step.out"
    if [[ $status -eq 124 || $status -eq 137 ]]; then
        fail "$label: still running after ${STEP_TIMEOUT} s (a hang, or a modal box waiting?)"
    elif [[ $status -ne 0 ]]; then
        fail "$label: exit code $status"
    fi
    CHECKS=$((CHECKS + 1))
    echo "smoke.sh: $label: ok ($((SECONDS - began)) s)"
}

# check_pdf FILE [TEXT...]: a whole PDF whose pages read, holding every TEXT.
check_pdf() {
    "$PYTHON" - "$@" <<'PY' || fail "$1 is not the PDF expected"
import sys
from pathlib import Path

path, wanted = Path(sys.argv[1]), sys.argv[2:]
data = path.read_bytes() if path.is_file() else b""
if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
    sys.exit(f"{path}: not a whole PDF ({len(data)} bytes)")
try:
    from pypdf import PdfReader
except ImportError:  # a venv without the test tools: the header and trailer must do
    print(f"smoke.sh: {path.name}: {len(data)} bytes (pypdf missing, text not read)")
    sys.exit(0)
reader = PdfReader(path)
text = "\n".join(page.extract_text() or "" for page in reader.pages)
missing = [word for word in wanted if word not in text]
if not reader.pages or missing:
    sys.exit(f"{path}: {len(reader.pages)} page(s), text lacks {missing}")
print(f"smoke.sh: {path.name}: {len(reader.pages)} page(s), {len(data)} bytes")
PY
    CHECKS=$((CHECKS + 1))
}

# check_png FILE: a PNG of a real window size, not a tiny or blank picture.
check_png() {
    "$PYTHON" - "$1" <<'PY' || fail "$1 is not the window's picture"
import struct
import sys
from pathlib import Path

path = Path(sys.argv[1])
data = path.read_bytes() if path.is_file() else b""
if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
    sys.exit(f"{path}: not a PNG ({len(data)} bytes)")
width, height = struct.unpack(">II", data[16:24])
# A grab of an empty or font-less window compresses to a few kB; the real one is far more.
if width < 800 or height < 500 or len(data) < 30_000:
    sys.exit(f"{path}: {width}×{height}, {len(data)} bytes: too small for the main window")
print(f"smoke.sh: {path.name}: {width}×{height}, {len(data)} bytes")
PY
    CHECKS=$((CHECKS + 1))
}

# The command line, on a fresh folder.
run "reinsercion --version" "$CLI" --version
run "reinsercion demo" "$CLI" --data-dir "$DATA" demo --participants 30
run "reinsercion check" "$CLI" --data-dir "$DATA" check
grep -q "integridad: correcta" "$SCRATCH/step.out" || fail "check did not report «integridad: correcta»"

run "reinsercion pdf anexo-i --blank" \
    "$CLI" --data-dir "$DATA" pdf anexo-i --blank --out "$SCRATCH/anexo-i-blank.pdf"
check_pdf "$SCRATCH/anexo-i-blank.pdf" "ANEXO I" "Formulario en blanco" "Página 1 de"

run "reinsercion forms list --form anexo-i" "$CLI" --data-dir "$DATA" forms list --form anexo-i
read -r record _ <"$SCRATCH/step.out" || true
[[ -n "${record:-}" ]] || fail "the demo has no Anexo I to print"
run "reinsercion pdf anexo-i --record $record" \
    "$CLI" --data-dir "$DATA" pdf anexo-i --record "$record" --out "$SCRATCH/anexo-i-filled.pdf"
# Every page's footer names the record (its id's first 8 characters).
check_pdf "$SCRATCH/anexo-i-filled.pdf" "ANEXO I" "Página 1 de" "Ref. ${record:0:8}"

# A year of indicators, with its charts (matplotlib, frozen) and as a workbook (openpyxl).
year=$(date +%Y)
run "reinsercion report indicadores --period $year --format pdf" \
    "$CLI" --data-dir "$DATA" report indicadores --period "$year" --format pdf \
    --out "$SCRATCH/indicadores.pdf"
check_pdf "$SCRATCH/indicadores.pdf" "INDICADORES DE CALIDAD" "Página 1 de"
run "reinsercion report anexo-ii-trimestral --format xlsx" \
    "$CLI" --data-dir "$DATA" report anexo-ii-trimestral --period "$year-T1" --format xlsx \
    --out "$SCRATCH/anexo-ii.xlsx"
head -c 2 "$SCRATCH/anexo-ii.xlsx" | grep -q "PK" || fail "anexo-ii.xlsx is not a workbook"

# The exchange (pyrage and the signing key, frozen): the demo centre and a new office trust
# each other's keys, then the centre's whole data travels to the office in a bundle.
OFFICE="$SCRATCH/oficina"
AS_OFFICE=(env REINSERCION_USER=admin REINSERCION_PASSWORD=secreta123)
run "reinsercion init --kind office" "${AS_OFFICE[@]}" "$CLI" --data-dir "$OFFICE" init \
    --kind office --name "Oficina FADA" --code FADA --recovery-sheet "$SCRATCH/hoja.pdf"
run "reinsercion keys show" "$CLI" --data-dir "$DATA" keys show
centre_print=$(sed -n 's/^Huella: //p' "$SCRATCH/step.out")
grep -q "^Clave de cifrado (age): age1" "$SCRATCH/step.out" || fail "keys show printed no age key"
run "reinsercion keys show (office)" "${AS_OFFICE[@]}" "$CLI" --data-dir "$OFFICE" keys show
office_print=$(sed -n 's/^Huella: //p' "$SCRATCH/step.out")
[[ -n "$centre_print" && -n "$office_print" ]] || fail "keys show printed no fingerprint"
run "reinsercion keys export" "$CLI" --data-dir "$DATA" keys export --out "$SCRATCH/centro.rdclave"
run "reinsercion keys export (office)" "${AS_OFFICE[@]}" "$CLI" --data-dir "$OFFICE" keys export \
    --out "$SCRATCH/oficina.rdclave"
run "reinsercion keys import (office trusts the centre)" "${AS_OFFICE[@]}" "$CLI" \
    --data-dir "$OFFICE" keys import "$SCRATCH/centro.rdclave" --name "Centro demo" \
    --fingerprint "$centre_print"
run "reinsercion keys import (the centre trusts the office)" "$CLI" --data-dir "$DATA" \
    keys import "$SCRATCH/oficina.rdclave" --name "Oficina FADA" --fingerprint "$office_print"
mkdir "$SCRATCH/usb"
run "reinsercion bundle export --full" "$CLI" --data-dir "$DATA" bundle export \
    --to "Oficina FADA" --out "$SCRATCH/usb" --full
bundle=$(sed -n 's/^Paquete n.º 1 .* guardado en //p' "$SCRATCH/step.out")
[[ -f "$bundle" ]] || fail "bundle export wrote no bundle"
run "reinsercion bundle import --dry-run" "${AS_OFFICE[@]}" "$CLI" --data-dir "$OFFICE" \
    bundle import "$bundle" --dry-run
grep -q "^Vista previa: no se ha cambiado nada.$" "$SCRATCH/step.out" \
    || fail "bundle import --dry-run did not say it changed nothing"
run "reinsercion bundle import" "${AS_OFFICE[@]}" "$CLI" --data-dir "$OFFICE" bundle import "$bundle"
grep -q "importado: [0-9]* nuevos" "$SCRATCH/step.out" || fail "bundle import added nothing"
run "reinsercion check (office)" "${AS_OFFICE[@]}" "$CLI" --data-dir "$OFFICE" check
grep -q "integridad: correcta" "$SCRATCH/step.out" || fail "the office's check after the import"

# The window, offscreen: first on a fresh folder it fills with its own demo, then a
# participant's file on the command line's data.
run "reinsercion-desktop --demo --screenshot" \
    "$GUI" --demo --data-dir "$WINDOW_DATA" --screenshot "$SCRATCH/window.png"
check_png "$SCRATCH/window.png"
# Qt's own dialogs (file chooser, message boxes) speak Spanish only if its catalogues
# travel with the app and the frozen Qt finds them: where strace works, watch it open one.
for catalogue in qtbase_es.qm qt_es.qm; do
    [[ -n "$(find "$APP" -name "$catalogue" -print -quit)" ]] || fail "$catalogue is not in the bundle"
done
CHECKS=$((CHECKS + 1))
TRACE=()
if command -v strace >/dev/null 2>&1 && strace -f -qq -e trace=none true >/dev/null 2>&1; then
    TRACE=(strace -f -qq -e trace=openat -o "$SCRATCH/trace")
fi
run "reinsercion-desktop --open-first --screenshot" \
    "${TRACE[@]}" "$GUI" --data-dir "$DATA" --open-first --screenshot "$SCRATCH/file.png"
check_png "$SCRATCH/file.png"
if [[ ${#TRACE[@]} -gt 0 ]]; then
    grep -q -E 'qtbase_es\.qm", O_RDONLY[^)]*\) = [0-9]' "$SCRATCH/trace" \
        || fail "the frozen window did not load Qt's Spanish catalogue (qtbase_es.qm)"
    echo "smoke.sh: the window loaded Qt's Spanish catalogue (qtbase_es.qm)"
    CHECKS=$((CHECKS + 1))
else
    echo "smoke.sh: no strace here: Qt's Spanish catalogues checked in the bundle only"
fi

# Nothing went wrong unseen: an unexpected error is logged even when the run goes on.
if grep -h -E " (ERROR|CRITICAL) |Traceback" "$DATA"/registro/*.log "$WINDOW_DATA"/registro/*.log \
    "$SCRATCH"/oficina/registro/*.log; then
    fail "the app logged an error"
fi
CHECKS=$((CHECKS + 1))

echo "smoke.sh: the frozen app passed $CHECKS checks in $((SECONDS - STARTED)) s ($(du -sh "$APP" | cut -f1))"
