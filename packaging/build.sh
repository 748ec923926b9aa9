#!/usr/bin/env bash
# Build the one-folder app into dist/reinsercion-desktop/ (see packaging/README.md).
#
#   packaging/build.sh            build
#   packaging/build.sh --smoke    build, then packaging/smoke.sh (both programs on a demo folder)
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

# PyInstaller is pinned by range here, not in a lock file (TECH-NOTES trap 11); a version
# outside the range (an old one left in the venv) is replaced.
PYINSTALLER="pyinstaller>=6.10,<7"
if ! "$PYTHON" - <<'PY' 2>/dev/null; then
import sys
from importlib.metadata import version

major, minor = (int(part) for part in version("pyinstaller").split(".")[:2])
sys.exit(0 if (6, 10) <= (major, minor) < (7, 0) else 1)
PY
    echo "build.sh: installing $PYINSTALLER into $("$PYTHON" -c 'import sys; print(sys.prefix)')"
    "$PYTHON" -m pip install -q "$PYINSTALLER"
fi

# On Linux PyInstaller writes the program's archive into an ELF section with objcopy and
# tells binaries from data with objdump (Debian's binutils, absent from a minimal system).
if [[ "$(uname -s)" == Linux ]] && ! command -v objcopy >/dev/null 2>&1; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "build.sh: PyInstaller needs objcopy and objdump (binutils): install them." >&2
        exit 1
    fi
    source scripts/apt_lock.sh  # waits while another program holds the package manager
    echo "build.sh: installing binutils (objcopy, objdump) for PyInstaller"
    apt_get update -qq
    apt_get install -y -qq --no-install-recommends binutils >/dev/null
fi

"$PYTHON" -m PyInstaller --noconfirm --clean \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    "$ROOT/packaging/reinsercion-desktop.spec"

APP="$ROOT/dist/reinsercion-desktop"
echo "build.sh: built $APP ($(du -sh "$APP" | cut -f1))"

if [[ "${1:-}" == "--smoke" ]]; then
    exec "$ROOT/packaging/smoke.sh" --no-build
fi
