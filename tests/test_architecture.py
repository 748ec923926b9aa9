"""The layering rules of pyproject's [tool.importlinter], and a package usable without Qt."""

import subprocess
import sys
import textwrap
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
HEADLESS_MODULES = (
    "reinsercion_desktop.cli",
    "reinsercion_desktop.services.workspace",
    "reinsercion_desktop.demo.builder",
    "reinsercion_desktop.db.models",
)


def test_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    assert lint_imports.exists(), f"import-linter is not installed next to {sys.executable}"
    completed = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, f"lint-imports failed:\n{output}"
    assert "0 broken" in output, output


def test_headless_modules_import_without_qt() -> None:
    """The command line and the services must work where PySide6 is missing."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["PySide6"] = None  # any `import PySide6...` now raises ImportError
        sys.modules["shiboken6"] = None
        for name in {HEADLESS_MODULES!r}:
            __import__(name)
        leaked = sorted(m for m in sys.modules if m.startswith(("PySide6.", "shiboken6.")))
        assert not leaked, leaked
        print("ok")
        """
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "ok"
