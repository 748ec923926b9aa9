"""What `reinsercion-desktop --screenshot` puts on screen before the picture is taken:
a file on one of its tabs, a form in its editor, a dock in front. Used for the README's
pictures and to look at every screen at the sizes centres have."""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from reinsercion_desktop.domain.enums import PlanStatus
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.ui.main_window import MainWindow

# --open-tab choices → the file view's attribute holding that tab.
FILE_TABS = {
    "datos": "data_tab",
    "derivaciones": "referrals_tab",
    "estancias": "stays_tab",
    "formularios": "forms_tab",
    "plan": "plan_tab",
    "seguimiento": "follow_up_tab",
    "linea-de-tiempo": "timeline_tab",
    "documentos": "documents_tab",
    "consentimientos": "consents_tab",
}
SHOWN_REPORT = "anexo-ii-mensual"  # what «--dock informes» shows: last month's Anexo II


def open_form(window: MainWindow, form_id: str) -> QWidget | None:
    """The open file's first form of that kind, in its editor window."""
    tab = window.file_view.forms_tab
    window.file_view.tabs.setCurrentWidget(tab)
    for summary in tab.summaries:
        if summary.form_id == form_id:
            return tab.open_form(summary.id)
    return None


def open_case(window: MainWindow, tab: str) -> None:
    """A person of the user's caseload with an agreed plan (employed if possible), on a tab
    of the file, with «Mi cartera de casos» in front."""
    session = window.session
    caseload = window.services.caseload
    rows = caseload.rows(session.actor, session.actor.user_id, session.today())
    manager = session.actor.user_id
    if not rows:  # an administrator with no files of their own: the busiest caseload
        manager = caseload.busiest() or manager
        rows = caseload.rows(session.actor, manager, session.today())
    agreed = [row for row in rows if row.plan.startswith(PlanStatus.AGREED.label)]
    chosen = next((row for row in agreed if row.employed), None) or next(iter(agreed or rows), None)
    if chosen is None:
        return
    window.open_participant(chosen.participant_id)
    view = window.file_view
    view.tabs.setCurrentWidget(getattr(view, FILE_TABS[tab]))
    show_dock(window, "cartera")
    window.cases.caseload_dock.select_case_manager(manager)


def show_report(window: MainWindow, key: str = SHOWN_REPORT, *, to_chart: bool = False) -> None:
    """The Informes dock in front with a report of the last closed period, built here and
    now (the dock builds off the UI thread; a picture cannot wait for it)."""
    dock = window.reports.show_reports()
    if dock.stale:
        dock.reload()
    dock.choose(key)
    try:
        report = dock.reports().build(
            window.session.actor,
            key,
            dock.period_picker.period(),
            vivienda_code=dock.vivienda_code(),
        )
    except UserError as error:
        dock.say(str(error), error=True)
        return
    dock.report_view.show_report(report)
    if to_chart and dock.report_view.charts:  # the first chart in sight, with its table
        QApplication.processEvents()
        chart = next(iter(dock.report_view.charts.values()))
        dock.report_view.ensureWidgetVisible(chart, 0, 0)


def show_dock(window: MainWindow, name: str) -> None:
    if name in ("informes", "indicadores"):  # indicadores: the month's, at its first chart
        show_report(window, "indicadores" if name == "indicadores" else SHOWN_REPORT,
                    to_chart=name == "indicadores")  # fmt: skip
        return
    dock = {
        "participantes": window.list_dock,
        "lista-de-espera": window.circuit.waiting_dock,
        "ocupacion": window.circuit.occupancy_dock,
        "pendientes": window.pending_dock,
        "cartera": window.cases.caseload_dock,
    }[name]
    dock.show()
    dock.raise_()


def save_picture(app: QApplication, window: QWidget, path: Path) -> int:
    for _ in range(5):
        app.processEvents()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        saved = window.grab().save(str(path), "PNG")
    except OSError:
        saved = False
    window.hide()  # not close(): an unattended capture must not overwrite the saved layout
    if not saved:
        print(f"reinsercion-desktop: no se pudo guardar la captura en {path}.", file=sys.stderr)
        return 1
    print(f"Captura guardada en {path}")
    return 0
