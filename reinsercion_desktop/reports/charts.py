"""The one chart function: the Informes dock puts its figure on a Qt canvas, the PDF
prints it as a picture.

matplotlib is imported on first use (0.5–1 s the first time): never at start-up. The
figure is a bare `matplotlib.figure.Figure`, not pyplot's, so no global state or GUI
backend is involved; its font cache goes to the user's cache folder, not the data folder.
"""

import io
import os
from typing import TYPE_CHECKING, Any

from reinsercion_desktop.domain.report_table import ChartSpec, ReportTable

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Colours that stay distinct in grey print-outs (light to dark) and for colour-blind eyes.
FONT = "Noto Sans"
MAX_LABELLED_BARS = 24  # more rows than this: bars without a name each (see figure_for)
PALETTE = ("#1f5f8b", "#e08a2c", "#5b9e4d", "#9c4f96", "#c0392b", "#7f8c8d")


def _matplotlib() -> Any:
    if "MPLCONFIGDIR" not in os.environ:
        import platformdirs

        os.environ["MPLCONFIGDIR"] = platformdirs.user_cache_dir("ReinsercionDesktop", False)
    import matplotlib

    matplotlib.use("Agg", force=False)  # no window of its own; the dock brings the canvas
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    if FONT not in matplotlib.rcParams["font.family"]:
        # The PDF's own font (shipped in resources/), so a chart reads like its table.
        from reinsercion_desktop.paths import resources_dir

        for face in ("Regular", "Bold"):
            font_manager.fontManager.addfont(
                str(resources_dir() / "fonts" / f"NotoSans-{face}.ttf")
            )
        matplotlib.rcParams["font.family"] = [FONT]
        # Noto Sans as shipped has no «−» (U+2212): a deviation below the mean prints «-».
        matplotlib.rcParams["axes.unicode_minus"] = False
    return Figure


def _number(value: Any) -> float | None:
    """A cell as a height: masked («<5»), empty or text cells are not drawn."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def has_data(table: ReportTable) -> bool:
    """Whether the chart would draw anything: a table whose values are all masked or zero
    (no complaints this year) gets no empty axes in the PDF."""
    spec = table.chart
    if spec is None:
        return False
    return any(_number(v) for key in spec.value_columns for v in table.values(key))


def figure_for(table: ReportTable, *, width_cm: float = 16.0, height_cm: float = 7.0) -> "Figure":
    """The figure of a table that has a `chart`: bars by row, or one line per value column
    over rows taken as months in order."""
    spec: ChartSpec | None = table.chart
    if spec is None:
        raise ValueError(f"la tabla {table.key} no tiene gráfico")
    figure_class = _matplotlib()
    figure = figure_class(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=100)
    axes = figure.add_subplot()
    labels = [str(value) for value in table.values(spec.label_column)]
    names = {column.key: column.label for column in table.columns}
    series = [(names[key], [_number(v) for v in table.values(key)]) for key in spec.value_columns]
    positions = list(range(len(labels)))
    if spec.kind == "trend":
        for number, (name, heights) in enumerate(series):
            points = [(x, y) for x, y in zip(positions, heights, strict=True) if y is not None]
            if points:
                xs, ys = zip(*points, strict=True)
                axes.plot(xs, ys, marker="o", label=name, color=PALETTE[number % len(PALETTE)])
    else:
        width = 0.8 / max(1, len(series))
        for number, (name, heights) in enumerate(series):
            offset = (number - (len(series) - 1) / 2) * width
            axes.bar(
                [x + offset for x in positions],
                [h or 0 for h in heights],
                width,
                label=name,
                color=PALETTE[number % len(PALETTE)],
            )
    if len(labels) > MAX_LABELLED_BARS:
        # A hundred viviendas' names under their bars cannot be read (and laying them out
        # cost a second per chart): the bars keep the table's order, which the axis says.
        axes.set_xticks([])
        what = names[spec.label_column].lower()
        axes.set_xlabel(f"{len(labels)} × {what}, en el orden de la tabla", fontsize=7)
    else:
        axes.set_xticks(
            positions,
            labels,
            rotation=30 if len(labels) > 6 else 0,
            ha="right" if len(labels) > 6 else "center",
            fontsize=7,
        )
    axes.tick_params(axis="y", labelsize=7)
    counts = [h for _name, heights in series for h in heights if h is not None]
    if counts and all(float(h).is_integer() for h in counts):  # people: no «1,5» on the axis
        from matplotlib.ticker import MaxNLocator

        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    if spec.unit:
        axes.set_ylabel(spec.unit, fontsize=8)
    axes.set_title(spec.title or table.title, fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    if len(series) > 1:
        axes.legend(fontsize=7, frameon=False)
    figure.tight_layout()
    return figure


def chart_png(table: ReportTable, *, dpi: int = 200, **size: float) -> bytes:
    """The figure as PNG bytes, for the PDF (ReportLab draws it at its size in cm)."""
    buffer = io.BytesIO()
    figure_for(table, **size).savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
