"""`reinsercion bench`'s comparison of the encrypted database with a plain copy runs (its
figures are not judged here: benchmarks are not timed tests). It once failed after the
audit anchor was added, found only by running the office-scale bench."""

import tempfile
from pathlib import Path

from reinsercion_desktop.bench.encryption import encryption_figures
from reinsercion_desktop.demo.builder import make_demo
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.workspace import Workspace


def test_the_encryption_comparison_measures_both_sides_and_leaves_no_plain_copy(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    keys = DataKeys.generate()
    workspace = Workspace.open(tmp_path / "datos", keys)
    make_demo(workspace, participants=8, seed=3)
    workspace.close()

    figures = encryption_figures(tmp_path / "datos", keys)

    assert set(figures) == {
        f"{measure}_{side}"
        for measure in ("list", "open", "search")
        for side in ("encrypted", "plain")
    }
    assert all(value > 0 for value in figures.values())
    assert list(scratch.iterdir()) == []  # the plain copy went with its scratch folder


def test_the_encryption_comparison_leaves_the_measured_folder_untouched(tmp_path: Path) -> None:
    """Its audited reads once went into the bench's own folder, past its signed audit head,
    and the backup measured next refused the folder."""
    keys = DataKeys.generate()
    workspace = Workspace.open(tmp_path / "datos", keys)
    make_demo(workspace, participants=8, seed=3)
    workspace.close()
    database = tmp_path / "datos" / "reinsercion.sqlite"
    before = database.read_bytes()

    encryption_figures(tmp_path / "datos", keys)

    assert database.read_bytes() == before
