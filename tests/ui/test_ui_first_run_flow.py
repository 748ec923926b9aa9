"""The whole first day, as a person does it: set-up wizard → login → new file → search → edit → audit."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWizard

from reinsercion_desktop.security.keyfile import KeyFile
from reinsercion_desktop.services.audit_log import audit_lines
from reinsercion_desktop.ui.admin.audit_viewer import AuditDialog
from reinsercion_desktop.ui.participants.new_participant import NewParticipantDialog
from tests.ui.conftest import make_launcher, type_text


def test_wizard_login_new_file_search_edit_and_audit(qtbot, tmp_path, clock):  # type: ignore[no-untyped-def]
    folder = tmp_path / "datos"
    launcher = make_launcher(folder, clock)
    launcher.start()

    # 1. First-run wizard: the centre, one vivienda, the administrator.
    wizard = launcher.wizard
    assert wizard is not None
    qtbot.addWidget(wizard)
    wizard.centre_page.name_edit.setText("VAR Triana — Asociación Nuevo Rumbo")
    wizard.centre_page.code_edit.setText("VAR-SE-01")
    wizard.centre_page.entity_edit.setText("Asociación Nuevo Rumbo")
    wizard.button(QWizard.WizardButton.NextButton).click()
    grid = wizard.viviendas_page.grid
    for column, value in zip(
        ("name", "municipality", "places_men", "places_women", "places_mixed"),
        ("Casa Triana", "Sevilla", "6", "2", "0"),
        strict=True,
    ):
        grid.set_value(0, column, value)
    wizard.button(QWizard.WizardButton.NextButton).click()
    admin_page = wizard.admin_page
    admin_page.full_name_edit.setText("Ana Gómez Peña")
    admin_page.login_edit.setText("ana")
    admin_page.password_edit.setText("clave-segura-1")
    admin_page.repeat_edit.setText("clave-segura-1")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert KeyFile.exists_in(folder)  # the data key, wrapped for the administrator

    # 2. The recovery key, shown once, to print and keep.
    recovery = launcher.recovery_dialog
    assert recovery is not None
    qtbot.addWidget(recovery)
    assert len(recovery.code.split("-")) == 8
    sheet = tmp_path / "hoja.pdf"
    assert recovery.write_sheet(sheet) and sheet.read_bytes().startswith(b"%PDF")
    assert not recovery.ok_button.isEnabled()
    recovery.kept_check.setChecked(True)
    recovery.ok_button.click()
    assert KeyFile.load(folder).content.get("pending_recovery") is None

    # 3. Login, prefilled with the new administrator.
    login = launcher.login_dialog
    assert login is not None
    qtbot.addWidget(login)
    assert login.login_edit.text() == "ana"
    login.password_edit.setText("clave-segura-1")
    with qtbot.waitSignal(launcher.main_window_ready, timeout=5000):
        login.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    window = launcher.window
    assert window is not None
    qtbot.addWidget(window)
    assert "Ana Gómez Peña" in window.user_label.text()

    # 3. A new file, typed with accents.
    window.new_action.trigger()
    dialog = window.findChild(NewParticipantDialog)
    assert dialog is not None
    inputs = dialog.form.inputs
    type_text(inputs["first_name"], "José")
    type_text(inputs["surname1"], "Núñez")
    type_text(inputs["surname2"], "García")
    type_text(inputs["birth_date"], "07/03/1985")
    inputs["sex"].setCurrentIndex(inputs["sex"].findData("H"))
    inputs["id_number"].setText("12345678Z")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.created is not None
    participant_id = dialog.created.id
    assert dialog.created.codapel == "NUGA070385H"

    # 4. Found by an accent-less search; Enter opens it.
    window.find_action.trigger()
    qtbot.keyClicks(window.list_dock.search_edit, "nunez")
    assert window.list_dock.model.rowCount() == 1
    assert window.list_dock.model.row_at(0).id == participant_id
    qtbot.keyClick(window.list_dock.search_edit, Qt.Key.Key_Return)
    assert window.file_view.participant is not None
    assert window.file_view.participant.id == participant_id
    assert "José Núñez García" in window.file_view.title_label.text()

    # 5. Edited and saved from the Datos tab.
    phone = window.file_view.form.inputs["phone"]
    phone.setText("600 123 456")
    assert window.file_view.save_button.isEnabled()
    window.file_view.save_button.click()
    assert not window.file_view.dirty
    assert window.file_view.participant.version == 2
    assert window.file_view.participant.phone == "600 123 456"

    # 6. The audit log shows both writes and the read, and the dialog lists them.
    workspace = launcher.opened.workspace
    actions = [line.action for line in audit_lines(workspace.db, participant_id=participant_id)]
    assert actions == ["create", "read", "update"]
    audit = AuditDialog(window.services.audit, window.session, participant_id, window)
    qtbot.addWidget(audit)
    shown = [audit.model.cell_text(row, 2) for row in range(audit.model.rowCount())]
    # the newest first, starting with this reading of the file's log (audited too)
    assert shown == ["Consulta", "Modificación", "Consulta", "Alta de registro"]
    assert audit.model.cell_text(0, 3) == "Registro de auditoría"
    assert audit.model.cell_text(1, 3) == "Ficha"
    assert audit.model.cell_text(1, 4) == "NUGA070385H"
    assert audit.model.cell_text(1, 5) == "Teléfono"
    window.close()


def test_wizard_refuses_a_centre_without_name_and_says_why(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    launcher = make_launcher(tmp_path / "datos")
    launcher.start()
    wizard = launcher.wizard
    qtbot.addWidget(wizard)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentPage() is wizard.centre_page
    assert "Escriba el nombre del centro" in wizard.centre_page.error_label.text()
    assert not KeyFile.exists_in(tmp_path / "datos")
    wizard.reject()  # cancelled: the folder is left new, nothing half-made in it
    assert not (tmp_path / "datos" / "reinsercion.sqlite").exists()


def test_wrong_password_is_refused_in_the_dialog(qtbot, workspace, admin):  # type: ignore[no-untyped-def]
    launcher = make_launcher(workspace.paths.root)
    launcher.start()
    login = launcher.login_dialog
    qtbot.addWidget(login)
    login.login_edit.setText("admin")
    login.password_edit.setText("mala")
    login.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert launcher.window is None
    assert login.error_label.text() == "Usuario o contraseña incorrectos."
    assert login.password_edit.text() == ""


def test_every_admin_problem_is_listed_and_fully_visible(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    launcher = make_launcher(tmp_path / "datos")
    launcher.start()
    wizard = launcher.wizard
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.centre_page.name_edit.setText("VAR Triana")
    wizard.centre_page.code_edit.setText("VAR-SE-01")
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.viviendas_page.grid.set_value(0, "name", "Casa Triana")
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentPage() is wizard.admin_page
    wizard.admin_page.password_edit.setText("corta")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    label = wizard.admin_page.error_label
    assert label.text().splitlines() == [
        "Escriba el nombre completo.",
        "Escriba el nombre de usuario.",
        "La contraseña debe tener al menos 8 caracteres.",
    ]
    # A label squeezed to one line hid the other messages once: it must get its full height.
    qtbot.waitUntil(lambda: label.height() >= label.sizeHint().height())
    assert not KeyFile.exists_in(tmp_path / "datos")
