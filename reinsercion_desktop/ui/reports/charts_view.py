"""A report table's chart in the dock: the one chart function's figure
(`reports/charts.py figure_for`, the same the PDF prints) on a Qt canvas.

Imported only when the first chart is shown: matplotlib costs 0.5–1 s to load, and the
window's start-up must not pay it (tests/test_startup_imports.py). Even then matplotlib
is loaded by `figure_for` first, which points its cache at the user's cache folder.
"""

from typing import Any

from PySide6.QtWidgets import QSizePolicy, QWidget

from reinsercion_desktop.domain.report_table import ReportTable
from reinsercion_desktop.reports.charts import figure_for

CHART_HEIGHT = 240  # pixels: bars readable in a dock 340 px wide, with the table above


def chart_canvas(table: ReportTable, parent: QWidget | None = None) -> Any:
    """A `FigureCanvasQTAgg` showing the table's chart; it lays the figure out again when
    the dock is resized (figure_for lays it out once, at its print size)."""
    figure = figure_for(table)
    figure.set_layout_engine("tight")
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    canvas = FigureCanvasQTAgg(figure)
    if parent is not None:
        canvas.setParent(parent)
    canvas.setObjectName(f"chart_{table.key}")
    canvas.setMinimumSize(200, CHART_HEIGHT)
    canvas.setMaximumHeight(CHART_HEIGHT)
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return canvas
