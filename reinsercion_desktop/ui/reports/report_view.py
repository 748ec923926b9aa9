"""A built report on screen: its title and period, each section's title, each table
(read-only, numbers the Spanish way, the «Total» row in bold) with its note — how it is
counted, the indicator's help — under it, and its chart when it has one.

Charts come from the one chart function (`reports/charts.py`), through
`ui/reports/charts_view.py`, imported when the first chart is shown: a report without
charts never loads matplotlib.
"""

import logging

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.report_table import Report, ReportTable
from reinsercion_desktop.error_reports import log_unexpected
from reinsercion_desktop.ui.reports.report_model import report_model
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import RowsTableView

log = logging.getLogger(__name__)

MOST_ROWS_IN_SIGHT = 14  # a longer table scrolls inside its own frame


def _label(text: str, *, role: str = "", bold: bool = False, size: int = 0) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if role:
        set_role(label, role)
    if bold or size:
        font = QFont(label.font())
        font.setBold(bold)
        if size:
            font.setPointSize(size)
        label.setFont(font)
    return label


class ReportView(QScrollArea):
    """The report shown; `show_report(report)` replaces what was there."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("report_view")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.report: Report | None = None
        self.tables: dict[str, RowsTableView] = {}
        self.notes: dict[str, QLabel] = {}
        self.charts: dict[str, QWidget] = {}
        self.exact_label: QLabel | None = None
        self.clear(tr("Elija un informe y un período, y pulse «Ver»."))

    def clear(self, message: str = "") -> None:
        self.report = None
        self.tables, self.notes, self.charts = {}, {}, {}
        self.exact_label = None
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_label(message, role="hint"))
        layout.addStretch()
        self.setWidget(page)  # the old page (and its canvases) is deleted

    def show_report(self, report: Report) -> None:
        self.clear()
        self.report = report
        page = QWidget()
        page.setObjectName("report_page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(_label(report.title, bold=True, size=12))
        facts = [report.period.label.capitalize()]
        if report.scope:
            facts.append(report.scope)
        facts.append(report.issuer.name)
        if report.made_on is not None:
            facts.append(tr("hecho el {day}").format(day=format_date_es(report.made_on)))
        layout.addWidget(_label(" · ".join(facts), role="hint"))
        # The dock shows staff every count (the service builds them exact); files and
        # PDFs protect small ones unless an internal copy is asked for.
        self.exact_label = _label(
            tr("Cifras exactas: uso interno. Al guardarlo, las cifras pequeñas se imprimen «<5»."),
            role="error",
        )
        self.exact_label.setObjectName("report_exact_label")
        layout.addWidget(self.exact_label)
        for note in report.notes:
            layout.addWidget(_label(note, role="hint"))
        for section in report.sections:
            layout.addSpacing(8)
            layout.addWidget(_label(section.title, bold=True, size=11))
            if section.intro:
                layout.addWidget(_label(section.intro, role="hint"))
            for table in section.tables:
                self._add_table(layout, table)
        layout.addStretch()
        self.setWidget(page)

    def _add_table(self, layout: QVBoxLayout, table: ReportTable) -> None:
        layout.addSpacing(4)
        if table.title:
            layout.addWidget(_label(table.title, bold=True))
        view = RowsTableView(report_model(table), f"report_table_{table.key}", sortable=False)
        view.fit_height(most=MOST_ROWS_IN_SIGHT)
        # Figures keep their fitted width: a stretched last column reads as another table.
        view.horizontalHeader().setStretchLastSection(False)
        if table.note:
            view.setToolTip(table.note)
        self.tables[table.key] = view
        layout.addWidget(view)
        if table.note:
            note = _label(table.note, role="hint")
            note.setObjectName(f"report_note_{table.key}")
            self.notes[table.key] = note
            layout.addWidget(note)
        if table.chart is not None:
            chart = self._chart(table)
            self.charts[table.key] = chart
            layout.addWidget(chart)

    def _chart(self, table: ReportTable) -> QWidget:
        try:
            from reinsercion_desktop.ui.reports.charts_view import chart_canvas

            return chart_canvas(table)
        except Exception as error:  # noqa: BLE001 - the table stays; a reference, not a trace
            reference = log_unexpected(error, log)
            return _label(
                tr("No se pudo dibujar el gráfico (referencia {reference}).").format(
                    reference=reference
                ),
                role="error",
            )
