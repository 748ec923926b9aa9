"""`reinsercion bench`'s backup rows run end to end on a small folder (the figures are
not judged here: benchmarks are not timed tests)."""

from pathlib import Path

from reinsercion_desktop.bench.backup import backup_figures, backup_rows
from reinsercion_desktop.bench.runner import _env
from reinsercion_desktop.demo.builder import make_demo
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.workspace import Workspace


def test_backup_verify_restore_and_the_stall_are_measured(tmp_path: Path) -> None:
    keys = DataKeys.generate()
    folder = tmp_path / "datos"
    workspace = Workspace.open(folder, keys)
    make_demo(workspace, participants=8, seed=3)
    workspace.close()

    figures = backup_figures(folder, keys, _env(folder), attachments=5)

    for name in ("backup", "verify", "restore", "plain_copy", "stall_backup"):
        assert figures[name] > 0, name
    assert figures["stall"] >= 0 and figures["scans_mb"] > 0.7
    rows = backup_rows(figures, attachments=5)
    assert [row.unit for row in rows] == ["s", "s", "s", "ms"]
    assert not list(folder.glob(".restaurando*"))
