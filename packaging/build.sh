#!/usr/bin/env bash
# Build the one-folder app into dist/reinsercion-desktop/ (see packaging/README.md).
#
#   packaging/build.sh            build
#   packaging/build.sh --smoke    build, then run the frozen command line on a demo folder
#
# PYTHON picks the interpreter (default: the project's .venv). PyInstaller is installed
# into that environment if it is missing. Works on Linux and in Git Bash on Windows.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"

if [[ -z "${PYTHON:-}" ]]; then
    if [[ -x .venv/bin/python ]]; then
        PYTHON=.venv/bin/python
    elif [[ -x .venv/Scripts/python.exe ]]; then
        PYTHON=.venv/Scripts/python.exe
    else
        echo "build.sh: no .venv here; create it (see README.md) or set PYTHON." >&2
        exit 1
    fi
fi

if ! "$PYTHON" -m PyInstaller --version >/dev/null 2>&1; then
    echo "build.sh: installing PyInstaller into $("$PYTHON" -c 'import sys; print(sys.prefix)')"
    "$PYTHON" -m pip install "pyinstaller>=6.10,<7"
fi

"$PYTHON" -m PyInstaller --noconfirm --clean \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    "$ROOT/packaging/reinsercion-desktop.spec"

APP="$ROOT/dist/reinsercion-desktop"
echo "build.sh: built $APP ($(du -sh "$APP" | cut -f1))"

if [[ "${1:-}" == "--smoke" ]]; then
    CLI="$APP/reinsercion"
    [[ -x "$CLI" ]] || CLI="$APP/reinsercion.exe"
    SCRATCH="$(mktemp -d)"
    trap 'rm -rf "$SCRATCH"' EXIT
    "$CLI" --data-dir "$SCRATCH/data" demo --participants 5
    "$CLI" --data-dir "$SCRATCH/data" check
    echo "build.sh: smoke test passed"
fi
