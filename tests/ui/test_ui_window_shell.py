"""The window as a whole: Archivo → Salir ends the application, whatever else is open."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def _visible_windows() -> list[str]:
    return [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_salir_closes_every_window_so_the_process_ends(
    qtbot, window, participants, admin, make_draft
):  # type: ignore[no-untyped-def]
    person = participants.create(admin, make_draft())
    window.services.forms.create(admin, "anexo-i", person.id)
    window.refresh_list()
    window.open_participant(person.id)
    tab = window.file_view.forms_tab
    window.file_view.tabs.setCurrentWidget(tab)
    editor = tab.open_form(tab.summaries[0].id)
    assert editor is not None and editor.isVisible() and editor.isWindow()
    window.cases.show_resources()  # the catalogue, a window of its own
    app = QApplication.instance()
    assert app is not None and app.quitOnLastWindowClosed()
    # The event loop ends when the last window closes: Salir must close them all.
    QTimer.singleShot(50, window.quit_action.trigger)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: app.exit(1))  # still running after 5 s: the defect
    guard.start(5000)
    code = app.exec()
    guard.stop()
    assert code == 0, _visible_windows()
    assert _visible_windows() == []
