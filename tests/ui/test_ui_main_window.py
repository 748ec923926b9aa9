"""The main window: bad input beside the field, look-alikes, docks, shortcuts, lock, documents."""

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from reinsercion_desktop.services.audit_log import audit_lines
from reinsercion_desktop.services.registry import build_services
from reinsercion_desktop.ui.main_window import MainWindow
from reinsercion_desktop.ui.participants.new_participant import NewParticipantDialog
from tests.ui.conftest import open_window, type_text


def _new_dialog(window: MainWindow) -> NewParticipantDialog:
    window.new_action.trigger()
    dialog = window.findChild(NewParticipantDialog)
    assert dialog is not None
    return dialog


def _fill(dialog: NewParticipantDialog, **values: str) -> None:
    for name, value in values.items():
        widget = dialog.form.inputs[name]
        if name == "sex":
            widget.setCurrentIndex(widget.findData(value))
        else:
            widget.setText(value)


def test_bad_input_is_shown_beside_each_field_and_nothing_is_saved(window, participants):  # type: ignore[no-untyped-def]
    dialog = _new_dialog(window)
    _fill(
        dialog,
        first_name="Ana",
        surname1="",
        birth_date="31/02/1990",
        id_number="12345678A",
        sex="M",
    )
    dialog.form.inputs["notes"].setPlainText("x" * 4001)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    labels = dialog.form.error_labels
    assert labels["surname1"].text() == "Escriba el primer apellido."
    assert "no existe en el calendario" in labels["birth_date"].text()
    assert "letra del DNI" in labels["id_number"].text()
    assert "máximo es 4000" in labels["notes"].text()
    assert not labels["surname1"].isHidden()
    assert labels["first_name"].isHidden()
    assert "4 campo(s)" in dialog.message_label.text()
    assert dialog.created is None
    assert participants.list_rows() == []


def test_future_birth_date_and_dose_that_is_no_number(window):  # type: ignore[no-untyped-def]
    dialog = _new_dialog(window)
    _fill(dialog, first_name="Luis", surname1="Pérez", birth_date="01/01/2031", sex="H")
    dialog.form.inputs["ptm"].setChecked(True)
    dialog.form.inputs["methadone_dose_mg"].setText("sesenta")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "cifras" in dialog.form.error_labels["methadone_dose_mg"].text()
    dialog.form.inputs["methadone_dose_mg"].setText("60")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "posterior a hoy" in dialog.form.error_labels["birth_date"].text()
    assert dialog.created is None


def test_look_alike_asks_before_creating(window, participants, admin, make_draft, message_boxes):  # type: ignore[no-untyped-def]
    participants.create(admin, make_draft(id_number=""))
    dialog = _new_dialog(window)
    _fill(
        dialog,
        first_name="Jose",
        surname1="Nunez",
        surname2="Garcia",
        birth_date="07/03/1985",
        sex="H",
    )
    message_boxes.answer = QMessageBox.StandardButton.No
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.created is None
    assert "José Núñez García" in message_boxes.shown[-1][2]
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.created is not None
    assert len(participants.list_rows()) == 2


def test_filters_by_status_sex_and_vivienda(window, participants, admin, make_draft):  # type: ignore[no-untyped-def]
    vivienda_id = window.references["viviendas"][0][0]
    participants.create(admin, make_draft(status="en_estancia", vivienda_id=vivienda_id))
    participants.create(
        admin,
        make_draft(
            first_name="María", surname1="López", sex="M", id_number="", birth_date="02/02/1990"
        ),
    )
    window.refresh_list()
    dock = window.list_dock
    assert dock.model.rowCount() == 2
    dock.sex_combo.setCurrentIndex(dock.sex_combo.findData("M"))
    assert [dock.model.row_at(0).first_name] == ["María"] and dock.model.rowCount() == 1
    dock.sex_combo.setCurrentIndex(0)
    dock.status_combo.setCurrentIndex(dock.status_combo.findData("en_estancia"))
    assert dock.model.rowCount() == 1 and dock.model.row_at(0).first_name == "José"
    dock.status_combo.setCurrentIndex(0)
    dock.vivienda_combo.setCurrentIndex(dock.vivienda_combo.findData(vivienda_id))
    assert dock.model.rowCount() == 1
    assert dock.count_label.text() == "1 de 2 fichas"


def test_shortcuts_and_search_focus(qtbot, window):  # type: ignore[no-untyped-def]
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    window.activateWindow()
    window.find_action.trigger()
    assert window.list_dock.search_edit.hasFocus()


def test_dock_layout_is_saved_and_restored(qtbot, workspace, admin):  # type: ignore[no-untyped-def]
    first = open_window(workspace, build_services(workspace), admin)
    qtbot.addWidget(first)
    first.show()
    first.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, first.pending_dock)
    first.list_dock.hide()
    first.close()
    second = open_window(workspace, build_services(workspace), admin)
    qtbot.addWidget(second)
    second.show()
    assert second.dockWidgetArea(second.pending_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert not second.list_dock.isVisible()
    second.reset_layout()  # the offscreen screen is narrow: one column of tabs on the left
    assert second.list_dock.isVisible()
    assert second.dockWidgetArea(second.pending_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert second.pending_dock in second.tabifiedDockWidgets(second.list_dock)
    second.place_docks(wide=True)  # a wide screen: Pendientes gets a column of its own
    assert second.dockWidgetArea(second.pending_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    second.close()


def test_idle_lock_hides_the_data_and_asks_for_the_password(qtbot, window, clock):  # type: ignore[no-untyped-def]
    minutes = window.session.centre.idle_lock_minutes
    clock.advance(minutes=minutes - 1)
    window.idle_watcher.check()
    assert not window.is_locked
    clock.advance(minutes=2)
    window.idle_watcher.check()
    assert window.is_locked
    assert not window.list_dock.isVisible()
    assert not window.menuBar().isEnabled()
    dialog = window.unlock_dialog
    assert dialog.login_edit.text() == "admin" and dialog.login_edit.isReadOnly()
    dialog.password_edit.setText("equivocada")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.is_locked
    dialog.password_edit.setText("secreta123")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not window.is_locked
    assert window.list_dock.isVisible()


def test_archive_asks_a_reason_and_hides_the_file(
    window, participants, admin, make_draft, message_boxes
):  # type: ignore[no-untyped-def]
    created = participants.create(admin, make_draft())
    window.refresh_list()
    window.open_participant(created.id)
    message_boxes.text_answer = ("Traslado a otra provincia", True)
    window.file_view.archive_button.click()
    assert window.file_view.participant.archived_at is not None
    assert window.list_dock.model.rowCount() == 0
    window.list_dock.archived_check.setChecked(True)
    assert window.list_dock.model.rowCount() == 1
    assert "Traslado" in window.file_view.message_label.text()
    assert not window.file_view.form.inputs["first_name"].isEnabled()


def test_documents_tab_adds_a_scan_and_checks_it(window, participants, admin, make_draft, tmp_path):  # type: ignore[no-untyped-def]
    created = participants.create(admin, make_draft())
    window.open_participant(created.id)
    tab = window.file_view.documents_tab
    window.file_view.tabs.setCurrentWidget(tab)  # read when in sight
    assert tab.model.rowCount() == 0 and not tab.empty_label.isHidden()
    scan = tmp_path / "consentimiento firmado.pdf"
    scan.write_bytes(b"%PDF-1.4 firma")
    tab.add(scan, "Consentimiento firmado")
    model = tab.model
    assert model.rowCount() == 1 and tab.empty_label.isHidden()
    assert model.cell_text(0, 0) == "consentimiento firmado.pdf"
    assert model.cell_text(0, 1) == "Consentimiento firmado"
    assert model.cell_text(0, 4) == "Correcto (SHA-256)"
    stored = window.services.attachments.list_for(created.id)[0]
    assert stored.intact  # the service checks; the tab does not hash files itself
    window.services.attachments.path_of(stored).write_bytes(b"alterado")
    tab.load(created.id)
    assert model.cell_text(0, 4) == "¡Alterado o ausente!"
    assert model.index(0, 4).data(Qt.ItemDataRole.ForegroundRole) is not None  # in red
    assert "Vuelva a adjuntar" in model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)


def test_unsaved_edits_are_not_lost_when_opening_another_file(
    window, workspace, participants, admin, make_draft, message_boxes
):  # type: ignore[no-untyped-def]
    first = participants.create(admin, make_draft())
    second = participants.create(
        admin,
        make_draft(
            first_name="Ana", surname1="Ruiz", sex="M", id_number="", birth_date="01/01/1990"
        ),
    )
    window.open_participant(first.id)
    type_text(window.file_view.form.inputs["phone"], "955 111 222")
    message_boxes.answer = QMessageBox.StandardButton.Cancel
    window.open_participant(second.id)
    assert window.file_view.participant.id == first.id
    message_boxes.answer = QMessageBox.StandardButton.Save
    window.open_participant(second.id)
    assert window.file_view.participant.id == second.id
    assert participants.open(admin, first.id).phone == "955 111 222"
    reads = [line.action for line in audit_lines(workspace.db, participant_id=first.id)]
    assert reads.count("update") == 1


def test_screenshot_command_saves_a_png_of_the_loaded_window(tmp_path):  # type: ignore[no-untyped-def]
    data = tmp_path / "demo"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reinsercion_desktop.cli",
            "--data-dir",
            str(data),
            "demo",
            "--participants",
            "40",
        ],
        check=True,
        capture_output=True,
    )
    png = tmp_path / "ventana.png"
    env = {
        "REINSERCION_USER": "demo",
        "REINSERCION_PASSWORD": "demo",
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "reinsercion_desktop",
            "--data-dir",
            str(data),
            "--screenshot",
            str(png),
            "--open-first",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000
    wrong = subprocess.run(
        [
            sys.executable,
            "-m",
            "reinsercion_desktop",
            "--data-dir",
            str(data),
            "--screenshot",
            str(png),
        ],
        capture_output=True,
        text=True,
        env={**env, "REINSERCION_PASSWORD": "x"},
        timeout=120,
    )
    assert wrong.returncode == 1
    assert "Usuario o contraseña incorrectos." in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_print_writes_the_sheet_and_opens_it(
    window, workspace, participants, admin, make_draft, tmp_path, monkeypatch
):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()))
    )
    window.print_file()  # nothing open: a hint, no dialog
    assert "Abra primero una ficha" in window.statusBar().currentMessage()
    created = participants.create(admin, make_draft())
    window.open_participant(created.id)
    written = window.write_sheet(tmp_path / "ficha.pdf")
    assert written is not None and written.read_bytes()[:5] == b"%PDF-"
    assert opened == [str(written)]
    reads = [
        line
        for line in audit_lines(workspace.db, participant_id=created.id)
        if line.action == "read"
    ]
    assert len(reads) == 2  # opening the file, then printing it


def test_print_into_a_missing_folder_says_so(
    window, participants, admin, make_draft, tmp_path, message_boxes
):  # type: ignore[no-untyped-def]
    created = participants.create(admin, make_draft())
    window.open_participant(created.id)
    assert window.write_sheet(tmp_path / "no-existe" / "ficha.pdf") is None
    kind, title, text = message_boxes.shown[-1]
    assert kind == "warning" and "Elija otra carpeta" in text


def test_centre_settings_change_the_idle_lock_of_the_open_window(qtbot, window):  # type: ignore[no-untyped-def]
    from reinsercion_desktop.ui.admin.centre_settings import CentreSettingsDialog

    window.centre_settings_action.trigger()
    dialog = window.findChild(CentreSettingsDialog)
    assert dialog is not None
    dialog.idle_spin.setValue(0)
    dialog.save_centre_button.click()
    dialog.close()
    assert window.session.centre.idle_lock_minutes == 0
    assert window.idle_watcher.policy.minutes == 0
    assert not window.idle_watcher.timer.isActive()


def test_typing_in_any_window_keeps_the_session_unlocked(qtbot, window, clock):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt as _Qt
    from PySide6.QtTest import QTest

    window.activateWindow()
    qtbot.waitUntil(lambda: window.windowHandle() is not None)
    window.idle_watcher.watch(window.windowHandle())
    minutes = window.session.centre.idle_lock_minutes
    clock.advance(minutes=minutes - 1)
    QTest.keyClick(window.windowHandle(), _Qt.Key.Key_A)  # input reaches the QWindow first
    assert window.idle_watcher.policy.last_activity == clock.now()
    clock.advance(minutes=2)
    window.idle_watcher.check()
    assert not window.is_locked
