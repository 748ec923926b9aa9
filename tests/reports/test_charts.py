"""The one chart function draws what the table holds (the dock's canvas and the PDF)."""

import pytest

from reinsercion_desktop.domain.report_table import ChartSpec, Column, ColumnKind, ReportTable
from reinsercion_desktop.reports.charts import chart_png, figure_for


def _table(kind: str) -> ReportTable:
    return ReportTable(
        key="altas",
        title="Altas por tipo",
        columns=(
            Column("mes", "Mes"),
            Column("terapeuticas", "Terapéuticas", ColumnKind.COUNT),
            Column("voluntarias", "Voluntarias", ColumnKind.COUNT),
        ),
        rows=(("2026-01", 7, 2), ("2026-02", "<5", 6), ("2026-03", 9, 0)),
        chart=ChartSpec(kind, "mes", ("terapeuticas", "voluntarias"), unit="personas"),
    )


def test_bars_draw_one_bar_per_row_and_series_and_leave_masked_cells_at_zero():
    axes = figure_for(_table("bars")).axes[0]
    heights = [patch.get_height() for patch in axes.patches]
    assert heights == [7, 0, 9, 2, 6, 0]  # «<5» is not drawn as a number
    assert [t.get_text() for t in axes.get_xticklabels()] == ["2026-01", "2026-02", "2026-03"]
    assert axes.get_ylabel() == "personas"


def test_trend_skips_masked_points():
    axes = figure_for(_table("trend")).axes[0]
    first, second = axes.get_lines()
    assert list(first.get_ydata()) == [7, 9] and list(second.get_ydata()) == [2, 6, 0]


def test_png_for_the_pdf():
    assert chart_png(_table("bars"), dpi=50).startswith(b"\x89PNG")


def test_a_table_without_chart_is_a_programming_error():
    table = _table("bars")
    with pytest.raises(ValueError):
        figure_for(ReportTable(table.key, table.title, table.columns, table.rows))


def test_charts_use_the_reports_font() -> None:
    """Noto Sans, shipped in resources/, as the PDF's tables: not matplotlib's DejaVu."""
    axes = figure_for(_table("bars")).axes[0]
    assert axes.title.get_fontname() == "Noto Sans"
    assert {label.get_fontname() for label in axes.get_xticklabels()} == {"Noto Sans"}


def test_a_chart_of_counts_has_whole_numbers_on_its_axis() -> None:
    small = ReportTable(
        "altas", "Altas", (Column("tipo", "Tipo"), Column("n", "Altas", ColumnKind.COUNT)),
        (("Terapéutica", 2), ("Voluntaria", 1)), chart=ChartSpec("bars", "tipo", ("n",)),
    )  # fmt: skip
    axes = figure_for(small).axes[0]
    assert all(float(tick).is_integer() for tick in axes.get_yticks())


def test_a_hundred_bars_are_drawn_without_a_name_each() -> None:
    """A name under each of 100 viviendas cannot be read: the axis says what the bars are."""
    rows = tuple((f"VAR {n}", n % 7) for n in range(100))
    many = ReportTable(
        "plazas", "Plazas", (Column("vivienda", "Vivienda"), Column("n", "Plazas", ColumnKind.COUNT)),
        rows, chart=ChartSpec("bars", "vivienda", ("n",)),
    )  # fmt: skip
    axes = figure_for(many).axes[0]
    assert len(axes.patches) == 100 and list(axes.get_xticks()) == []
    assert axes.get_xlabel() == "100 × vivienda, en el orden de la tabla"


def test_negative_values_print_a_minus_the_font_has() -> None:
    """A deviation below the regional mean: «-0,10», not a missing «−» glyph (the warning
    matplotlib gives for it is an error under the suite's filterwarnings)."""
    deviations = ReportTable(
        "desviacion", "Desviación", (Column("var", "Vivienda"), Column("d", "Desviación", ColumnKind.NUMBER)),
        (("VAR Triana", -0.1), ("VAR Albaicín", 0.37)), chart=ChartSpec("bars", "var", ("d",)),
    )  # fmt: skip
    assert chart_png(deviations, dpi=50).startswith(b"\x89PNG")
