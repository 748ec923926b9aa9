"""`reinsercion bench`'s exchange figures run end to end on a small demo (they are not
judged here: benchmarks are not timed tests): a new office trusts the demo centre, the
full bundle is made and taken in processes of their own, the raw baseline and a month of
the centre's work are measured."""

from pathlib import Path

from reinsercion_desktop.bench.exchange import exchange_figures, exchange_rows
from reinsercion_desktop.bench.runner import _env
from reinsercion_desktop.demo.builder import make_demo
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.workspace import Workspace


def test_the_exchange_bench_measures_a_full_bundle_and_a_month(tmp_path: Path) -> None:
    keys = DataKeys.generate()
    folder = tmp_path / "datos"
    workspace = Workspace.open(folder, keys)
    make_demo(workspace, participants=12, seed=5)
    workspace.close()

    figures = exchange_figures(folder, keys, _env(folder))

    assert figures["records"] > 12 and figures["month_records"] > 0
    for measure in (
        "export",
        "import",
        "raw",
        "raw_all",
        "month",
        "export_mb",
        "import_mb",
        "open_mb",
    ):
        assert figures[measure] > 0, measure
    rows = exchange_rows(figures)
    assert [row.unit for row in rows] == ["s", "s", "s", "s", "MB", "MB"]
    # The baseline: every row the import writes (records, their audit entries, stamps),
    # more than the records alone; the ratio to the records alone shown beside it.
    assert rows[1].baseline == figures["raw_all"] and rows[1].ratio_target == 3.0
    assert figures["raw_all"] > figures["raw"]
    assert rows[2].baseline == figures["raw"] and rows[2].ratio_target is None
