"""The Informes dock over a fake report service (services/reports.py is written apart):
choosing a report and its period, building off the UI thread, the tables with their total
and note, charts only where a table has one, saving (protected by default, exact only for
a responsable), errors said in Spanish with the dock still usable, cancel, and the fit."""

import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.periods import Period, PeriodKind
from reinsercion_desktop.domain.report_table import (
    ChartSpec,
    Column,
    ColumnKind,
    Report,
    ReportIssuer,
    ReportSection,
    ReportTable,
)
from reinsercion_desktop.reports.cells import cell_text
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.ui.reports import reports_dock as dock_module
from reinsercion_desktop.ui.reports.period_picker import last_closed
from reinsercion_desktop.ui.reports.report_model import report_model
from reinsercion_desktop.ui.reports.reports_dock import ReportsDock, partial_path, suggested_name
from reinsercion_desktop.ui.session import Session

ALL_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR)


@dataclass(frozen=True)
class Choice:
    key: str
    title: str
    period_kinds: tuple[PeriodKind, ...]
    needs_vivienda: bool = False
    formats: tuple[str, ...] = ("pdf", "csv", "xlsx")


CHOICES = (
    Choice("anexo-ii-mensual", "Anexo II mensual", (PeriodKind.MONTH,)),
    Choice("anexo-ii-trimestral", "Anexo II trimestral", (PeriodKind.QUARTER,)),
    Choice("anexo-iii", "Anexo III", (PeriodKind.MONTH,), needs_vivienda=True),
    Choice("indicadores", "Indicadores de calidad", ALL_KINDS),
    Choice("oferta-mensual", "Oferta mensual", (PeriodKind.MONTH,), formats=("pdf",)),
)

DISCHARGES = ReportTable(
    key="altas",
    title="Tipos de alta",
    columns=(
        Column("tipo", "Tipo de alta"),
        Column("n", "Altas", ColumnKind.COUNT),
        Column("pct", "%", ColumnKind.PERCENT, of="n"),
    ),
    rows=(("Terapéutica", 1234, 61.25), ("Voluntaria", 3, 38.75)),
    note="Altas del período por tipo; % sobre el total de altas.",
    chart=ChartSpec("bars", "tipo", ("n",), unit="altas"),
)
OCCUPANCY = ReportTable(
    key="ocupacion",
    title="Índice de ocupación por vivienda",
    columns=(
        Column("vivienda", "Vivienda"),
        Column("plazas", "Plazas", ColumnKind.NUMBER),
        Column("dias", "Días de estancia", ColumnKind.COUNT),
        Column("espera", "Espera media", ColumnKind.DAYS),
        Column("coste", "Coste por plaza", ColumnKind.MONEY),
        Column("desde", "Desde", ColumnKind.DATE),
    ),
    rows=(
        ("VAR Sevilla", 8, 240, 12.5, 1500.0, date(2025, 12, 1)),
        ("VAR Huelva", 6, 170, None, 1234.5, date(2025, 12, 1)),
    ),
    total=("Total", 14, 410, 12.5, 2734.5, None),
    note="Índice de ocupación = días de estancia ÷ (plazas × días del período) × 100.",
)


def fake_report(name: str, period: Period, vivienda: str | None) -> Report:
    return Report(
        key=name,
        title="Anexo II — Informe mensual",
        period=period,
        issuer=ReportIssuer("FADA", "office", signer_role="Coordinación de FADA"),
        sections=(
            ReportSection("Altas", (DISCHARGES,), intro="A CTAs: C.P.D.s"),
            ReportSection("Ocupación", (OCCUPANCY,)),
        ),
        scope=vivienda or "Todas las viviendas",
        made_on=date(2026, 1, 15),
        exact=True,
    )


class FakeReports:
    """Records every call; `fail` is raised by build/export; `gate` holds build back."""

    def __init__(self) -> None:
        self.built: list[tuple[Any, ...]] = []
        self.exported: list[dict[str, Any]] = []
        self.fail: Exception | None = None
        self.gate: threading.Event | None = None

    def names(self) -> list[Choice]:
        return list(CHOICES)

    def build(self, actor, name, period, *, vivienda_code=None):  # type: ignore[no-untyped-def]
        if self.gate is not None:
            self.gate.wait(10)
        if self.fail is not None:
            raise self.fail
        self.built.append((actor.login, name, period, vivienda_code))
        return fake_report(name, period, vivienda_code)

    def export(self, actor, name, period, fmt, target, *, vivienda_code=None, exact=False):  # type: ignore[no-untyped-def]
        if exact and not actor.can(Role.RESPONSABLE):
            raise UserError("Solo un responsable puede hacer una copia con cifras exactas.")
        if self.fail is not None:
            raise self.fail
        self.exported.append(
            dict(name=name, period=period, fmt=fmt, vivienda=vivienda_code, exact=exact)
        )
        if self.gate is not None:
            self.gate.wait(10)
        Path(target).write_text("Tipo de alta;Altas\n", encoding="utf-8-sig")
        return Path(target)


@pytest.fixture
def fake() -> FakeReports:
    return FakeReports()


def make_dock(qtbot, session: Session, fake: FakeReports) -> ReportsDock:  # type: ignore[no-untyped-def]
    dock = ReportsDock(
        lambda: fake, session, lambda: [("VAR-SE", "VAR Sevilla"), ("VAR-HU", "VAR Huelva")]
    )
    qtbot.addWidget(dock)
    dock.show()
    qtbot.waitUntil(lambda: not dock.stale)
    return dock


@pytest.fixture
def dock(qtbot, session, fake) -> ReportsDock:  # type: ignore[no-untyped-def]
    return make_dock(qtbot, session, fake)


def built(qtbot, dock: ReportsDock) -> None:  # type: ignore[no-untyped-def]
    dock.view_button.click()
    qtbot.waitUntil(lambda: dock.worker is None and not dock.jobs, timeout=10000)


def kinds_offered(dock: ReportsDock) -> list[str]:
    combo = dock.period_picker.kind_combo
    return [combo.itemData(i) for i in range(combo.count())]


# -- the cells ------------------------------------------------------------------------------


def test_cells_read_the_spanish_way() -> None:
    assert cell_text(1234, ColumnKind.COUNT, grouped=True) == "1.234"
    assert cell_text(1234.5, ColumnKind.DAYS, grouped=True) == "1.234,5"
    assert cell_text(61.25, ColumnKind.PERCENT) == "61,2"  # one decimal (banker's rounding)
    assert cell_text(2734.5, ColumnKind.MONEY, grouped=True, unit=True) == "2.734,50\u00a0€"
    assert cell_text(0.875, ColumnKind.NUMBER) == "0,88"
    assert cell_text(3.0, ColumnKind.NUMBER) == "3,00"  # a column of indices lines up
    assert cell_text(date(2025, 12, 1), ColumnKind.DATE) == "01/12/2025"
    assert cell_text("<5", ColumnKind.COUNT) == "<5"  # a protected cell stays as it is
    assert cell_text(None, ColumnKind.COUNT) == ""


def test_the_table_model_puts_numbers_right_and_the_total_last_in_bold(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    model = report_model(OCCUPANCY)
    assert model.rowCount() == 3 and model.columnCount() == 6
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(2)] == [
        "Vivienda",
        "Plazas",
    ]
    assert model.cell_text(2, 0) == "Total" and model.cell_text(2, 4) == "2.734,50\u00a0€"
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) != right
    total_font = model.data(model.index(2, 1), Qt.ItemDataRole.FontRole)
    assert isinstance(total_font, QFont) and total_font.bold()
    assert model.data(model.index(0, 1), Qt.ItemDataRole.FontRole) is None


# -- choosing -------------------------------------------------------------------------------


def test_the_period_picker_offers_only_the_kinds_the_report_takes(dock) -> None:  # type: ignore[no-untyped-def]
    assert dock.report_combo.count() == len(CHOICES)
    dock.choose("anexo-ii-mensual")
    assert kinds_offered(dock) == ["mes"]
    assert dock.period_picker.period() == Period.parse("2025-12")  # today is 15/01/2026
    dock.choose("anexo-ii-trimestral")
    assert kinds_offered(dock) == ["trimestre"]
    assert dock.period_picker.period() == Period.parse("2025-T4")
    dock.choose("indicadores")
    assert kinds_offered(dock) == ["mes", "trimestre", "semestre", "año"]
    picker = dock.period_picker
    picker.kind_combo.setCurrentIndex(2)
    assert picker.period() == Period.parse("2025-S2") and picker.part_combo.count() == 2
    picker.kind_combo.setCurrentIndex(3)
    assert picker.period() == Period.parse("2025") and not picker.part_combo.isVisible()
    picker.set_period(Period.parse("2026-T1"))
    assert picker.period() == Period.parse("2026-T1")


def test_last_closed_periods() -> None:
    today = date(2026, 7, 1)
    assert last_closed(today, PeriodKind.MONTH) == Period.parse("2026-06")
    assert last_closed(today, PeriodKind.QUARTER) == Period.parse("2026-T2")
    assert last_closed(today, PeriodKind.HALF) == Period.parse("2026-S1")
    assert last_closed(today, PeriodKind.YEAR) == Period.parse("2025")


def test_the_vivienda_chooser_shows_only_for_the_anexo_iii(qtbot, dock, fake) -> None:  # type: ignore[no-untyped-def]
    dock.choose("anexo-ii-mensual")
    assert not dock.vivienda_combo.isVisible() and dock.vivienda_code() is None
    dock.choose("anexo-iii")
    assert dock.vivienda_combo.isVisible()
    assert dock.vivienda_combo.itemText(0) == "Todas las viviendas"
    assert dock.vivienda_code() is None
    dock.vivienda_combo.setCurrentIndex(2)
    built(qtbot, dock)
    assert fake.built[-1] == ("admin", "anexo-iii", Period.parse("2025-12"), "VAR-HU")


# -- building -------------------------------------------------------------------------------


def test_ver_builds_the_report_and_shows_tables_total_note_and_one_chart(qtbot, dock, fake) -> None:  # type: ignore[no-untyped-def]
    dock.choose("anexo-ii-mensual", Period.parse("2025-11"))
    built(qtbot, dock)
    assert fake.built == [("admin", "anexo-ii-mensual", Period.parse("2025-11"), None)]
    view = dock.report_view
    assert set(view.tables) == {"altas", "ocupacion"}
    occupancy = view.tables["ocupacion"].rows_model
    assert occupancy.rowCount() == 3  # two viviendas and the total
    assert occupancy.cell_text(0, 3) == "12,5" and occupancy.cell_text(2, 0) == "Total"
    assert view.tables["altas"].rows_model.cell_text(0, 1) == "1.234"
    assert "Índice de ocupación =" in view.notes["ocupacion"].text()
    assert view.notes["ocupacion"].isVisible()
    # A chart for the table that has one, and none for the other: from the one function.
    assert set(view.charts) == {"altas"}
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    assert isinstance(view.charts["altas"], FigureCanvasQTAgg)
    assert view.findChildren(FigureCanvasQTAgg) == [view.charts["altas"]]
    assert view.exact_label is not None and "Cifras exactas: uso interno" in view.exact_label.text()
    page_text = " ".join(label.text() for label in view.widget().findChildren(dock_module.QLabel))
    assert "Altas" in page_text and "Noviembre de 2025" in page_text
    assert dock.view_button.isEnabled() and not dock.busy_row.isVisible()


def test_an_error_from_the_service_is_said_and_the_dock_stays_usable(qtbot, dock, fake) -> None:  # type: ignore[no-untyped-def]
    fake.fail = UserError("No hay datos de ese período: elija otro mes.")
    built(qtbot, dock)
    assert dock.status_label.text() == "No hay datos de ese período: elija otro mes."
    assert dock.status_label.property("role") == "error"
    assert dock.view_button.isEnabled() and dock.save_button.isEnabled()
    fake.fail = RuntimeError("SELECT … José Núñez")  # unexpected: a reference, no data
    built(qtbot, dock)
    assert "referencia" in dock.status_label.text()
    assert "José" not in dock.status_label.text()
    fake.fail = None
    built(qtbot, dock)
    assert dock.report_view.report is not None
    assert dock.status_label.property("role") == "hint"


def test_a_service_that_cannot_list_its_reports_is_said_and_asked_again(
    qtbot, session, fake
) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []

    def broken():  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("no report service")
        return fake

    dock = ReportsDock(broken, session)
    qtbot.addWidget(dock)
    dock.show()
    qtbot.waitUntil(lambda: bool(calls))
    assert "referencia" in dock.status_label.text() and dock.stale
    assert not dock.view_button.isEnabled()
    dock.hide()
    dock.show()
    qtbot.waitUntil(lambda: dock.report_combo.count() == len(CHOICES))
    assert dock.view_button.isEnabled()


def test_cancel_leaves_the_dock_usable_and_drops_the_late_report(qtbot, dock, fake) -> None:  # type: ignore[no-untyped-def]
    fake.gate = threading.Event()
    dock.view_button.click()
    assert dock.busy_row.isVisible() and not dock.view_button.isEnabled()
    dock.cancel_button.click()
    assert dock.view_button.isEnabled() and dock.status_label.text() == "Cancelado."
    fake.gate.set()
    qtbot.waitUntil(lambda: not dock.jobs, timeout=10000)
    assert dock.report_view.report is None  # the cancelled build is not shown


# -- saving ---------------------------------------------------------------------------------


def ask_for(monkeypatch, path: Path, chosen: str = "") -> list[tuple[Any, ...]]:  # type: ignore[no-untyped-def]
    asked: list[tuple[Any, ...]] = []

    def fake_dialog(parent, title, default, filters, selected):  # type: ignore[no-untyped-def]
        asked.append((title, default, filters, selected))
        return str(path), chosen or selected

    monkeypatch.setattr(dock_module.QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    return asked


def saved(qtbot, dock: ReportsDock) -> None:  # type: ignore[no-untyped-def]
    dock.save_button.click()
    qtbot.waitUntil(lambda: dock.worker is None and not dock.jobs, timeout=10000)


def test_save_as_csv_exports_protected_with_the_chosen_report_and_period(
    qtbot, dock, fake, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dock.choose("anexo-ii-mensual", Period.parse("2025-11"))
    target = tmp_path / "informe.csv"
    asked = ask_for(monkeypatch, target)
    saved(qtbot, dock)
    title, default, filters, _selected = asked[0]
    assert Path(default).name == "anexo-ii-mensual-2025-11.pdf"
    assert filters.split(";;") == [
        "PDF (*.pdf)",
        "CSV para Excel (*.csv)",
        "Libro de Excel (*.xlsx)",
    ]
    assert fake.exported == [
        dict(
            name="anexo-ii-mensual",
            period=Period.parse("2025-11"),
            fmt="csv",
            vivienda=None,
            exact=False,
        )
    ]
    assert target.read_text(encoding="utf-8-sig").startswith("Tipo de alta;Altas")
    assert not partial_path(target).exists()
    assert dock.saved == target and str(target) in dock.status_label.text()


def test_a_name_without_extension_takes_the_chosen_filter(
    qtbot, dock, fake, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dock.choose("indicadores")
    ask_for(monkeypatch, tmp_path / "indicadores", "Libro de Excel (*.xlsx)")
    saved(qtbot, dock)
    assert fake.exported[-1]["fmt"] == "xlsx"
    assert (tmp_path / "indicadores.xlsx").exists()
    assert suggested_name("anexo-iii", Period.parse("2026-11"), "VAR-SE", "pdf") == (
        "anexo-iii-2026-11-VAR-SE.pdf"
    )


def test_a_responsable_may_ask_for_exact_counts_and_others_do_not_see_the_check(
    qtbot, workspace, services, admin, fake, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import session_for

    responsable = issue_actor(
        "u-resp", "resp", "Rita Responsable", Role.RESPONSABLE, admin.installation_id
    )
    dock = make_dock(qtbot, session_for(workspace, services, responsable), fake)
    assert dock.exact_check.isVisible() and not dock.exact_check.isChecked()
    dock.exact_check.setChecked(True)
    ask_for(monkeypatch, tmp_path / "interna.pdf")
    saved(qtbot, dock)
    assert fake.exported[-1]["exact"] is True and fake.exported[-1]["fmt"] == "pdf"

    tecnico = issue_actor("u-tec", "tec", "Toni Técnico", Role.TECNICO, admin.installation_id)
    other = make_dock(qtbot, session_for(workspace, services, tecnico), fake)
    assert not other.exact_check.isVisible()
    other.exact_check.setChecked(True)  # even if it were ticked: hidden means protected
    ask_for(monkeypatch, tmp_path / "protegida.pdf")
    saved(qtbot, other)
    assert fake.exported[-1]["exact"] is False


def test_a_refused_save_shows_the_service_message_and_writes_nothing(
    qtbot, dock, fake, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    fake.fail = UserError("No se puede escribir en esa carpeta: elija otra.")
    target = tmp_path / "informe.pdf"
    ask_for(monkeypatch, target)
    saved(qtbot, dock)
    assert dock.status_label.text() == "No se puede escribir en esa carpeta: elija otra."
    assert not target.exists() and not partial_path(target).exists()
    assert dock.save_button.isEnabled()


def test_a_cancelled_save_leaves_no_file(qtbot, dock, fake, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fake.gate = threading.Event()
    target = tmp_path / "informe.pdf"
    ask_for(monkeypatch, target)
    dock.save_button.click()
    qtbot.waitUntil(lambda: bool(fake.exported), timeout=10000)
    dock.cancel_button.click()
    fake.gate.set()
    qtbot.waitUntil(lambda: not dock.jobs, timeout=10000)
    assert not target.exists() and not partial_path(target).exists()
    assert dock.saved is None


def test_an_export_only_as_pdf_offers_only_pdf(qtbot, dock, fake, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dock.choose("oferta-mensual")
    asked = ask_for(monkeypatch, tmp_path / "oferta.pdf")
    saved(qtbot, dock)
    assert asked[0][2] == "PDF (*.pdf)"


# -- in the window --------------------------------------------------------------------------


def _fits(widget: QWidget, width: int, height: int) -> None:
    hint = widget.minimumSizeHint()
    assert hint.width() <= width and hint.height() <= height, (type(widget).__name__, hint)


def test_the_window_opens_informes_from_its_menu_and_it_fits_1366_by_768(
    qtbot, window, fake
) -> None:  # type: ignore[no-untyped-def]
    part = window.reports
    part.reports_dock.reports = lambda: fake
    assert part.reports_dock.stale  # a tab behind Participantes: nothing read yet
    menus = {a.text(): a.menu() for a in window.menuBar().actions() if a.menu()}
    assert part.reports_action in menus["&Informes"].actions()
    window.resize(1366, 768)
    window.list_dock.raise_()
    part.reports_action.trigger()
    dock = part.reports_dock
    qtbot.waitUntil(lambda: dock.isVisible() and not dock.stale)
    built(qtbot, dock)
    qtbot.wait(50)
    assert window.dockWidgetArea(dock) == window.dockWidgetArea(window.list_dock)
    _fits(dock, 340, 600)
    _fits(window, 1366, 768)
    assert dock.width() <= 1366 // 2
