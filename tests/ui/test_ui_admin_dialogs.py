"""The administration dialogs on the shared lists: the audit viewer speaks Spanish and
fits its columns, users and referring centres are managed through their services, and
every dialog fits a 1280×720 screen."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.services.field_labels import RECORD_KINDS
from reinsercion_desktop.services.participants import draft_of
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.services.workspace import Workspace
from reinsercion_desktop.ui.admin.audit_viewer import AuditDialog
from reinsercion_desktop.ui.admin.centre_settings import CentreSettingsDialog
from reinsercion_desktop.ui.admin.first_run import FirstRunWizard
from reinsercion_desktop.ui.admin.referring_centres import ReferringCentresDialog
from reinsercion_desktop.ui.admin.users import UsersDialog
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.widgets.table import MAX_WIDTH
from tests.conftest import TEST_KEYS

SCREEN_WIDTH, SCREEN_HEIGHT = 1280, 720


def _fits(dialog: QDialog) -> None:
    hint = dialog.minimumSizeHint()
    assert hint.width() <= SCREEN_WIDTH and hint.height() <= SCREEN_HEIGHT, hint
    assert dialog.width() <= SCREEN_WIDTH and dialog.height() <= SCREEN_HEIGHT, dialog.size()


def _texts(model) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [model.cell_text(row, column) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


# -- Registro de auditoría ----------------------------------------------------------------------


def test_audit_viewer_names_records_people_and_fields_in_spanish(
    qtbot, services: Services, session: Session, admin, make_draft
):  # type: ignore[no-untyped-def]
    people = services.participants
    person = people.create(admin, make_draft())
    opened = people.open(admin, person.id)
    draft = draft_of(opened)
    draft.phone = "955 000 111"
    draft.notes = "Llega derivado del CTA de Triana."
    people.update(admin, person.id, draft, expected_version=opened.version)

    dialog = AuditDialog(services.audit, session, None)
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Fecha y hora",
        "Usuario",
        "Acción",
        "Registro",
        "Persona (CODAPEL)",
        "Cambios",
    ]
    rows = _texts(model)
    # Newest first: this very reading of the log (audited), then the file's update.
    assert rows[0][1:] == ["admin", "Consulta", "Registro de auditoría", "", ""]
    assert rows[1][2:] == ["Modificación", "Ficha", "NUGA070385H", "Observaciones, Teléfono"]
    cells = {text for row in rows for text in row}
    assert not cells & set(RECORD_KINDS)  # no «participant», «user_account», «vivienda»…
    assert not {"data", "phone", "notes"} & {
        part.strip() for text in cells for part in text.split(",")
    }
    assert "José" not in " ".join(cells)
    assert "Cuenta de usuario" in cells and "Vivienda" in cells  # the set-up's records
    # Columns fitted to their text, the changes taking the room left; the full text in a tooltip.
    header = dialog.table.horizontalHeader()
    for column in range(5):
        assert header.sectionSize(column) <= MAX_WIDTH
    assert header.sectionResizeMode(5) == header.ResizeMode.Stretch
    tip = model.index(1, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert "Observaciones, Teléfono" in tip
    _fits(dialog)


def test_audit_viewer_of_one_file_lists_only_that_file(
    qtbot, services: Services, session: Session, admin, make_draft
):  # type: ignore[no-untyped-def]
    person = services.participants.create(admin, make_draft())
    dialog = AuditDialog(services.audit, session, person.id)
    qtbot.addWidget(dialog)
    # the file's creation, and this reading of its log (audited among the person's entries)
    assert [row[2:5] for row in _texts(dialog.model)] == [
        ["Consulta", "Registro de auditoría", "NUGA070385H"],
        ["Alta de registro", "Ficha", "NUGA070385H"],
    ]


# -- Usuarios -----------------------------------------------------------------------------------


def test_users_dialog_lists_creates_and_changes_accounts(
    qtbot, services: Services, session: Session
):  # type: ignore[no-untyped-def]
    """It read `self.db`, which it never had: the dialog could not open at all."""
    dialog = UsersDialog(services.accounts, session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert _texts(dialog.model) == [["admin", "Ana Administradora", "Administrador/a", "Sí"]]
    dialog.login_edit.setText("toni")
    dialog.name_edit.setText("Toni Técnico")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.TECNICO.value))
    dialog.password_edit.setText("corta")
    dialog.repeat_edit.setText("corta")
    dialog.create_button.click()
    assert "8 caracteres" in dialog.message_label.text()
    assert dialog.model.rowCount() == 1 and dialog.login_edit.text() == "toni"  # kept
    dialog.password_edit.setText("clave-segura-1")
    dialog.repeat_edit.setText("clave-segura-1")
    dialog.create_button.click()
    assert dialog.message_label.text() == "Cuenta creada."
    assert [row[0] for row in _texts(dialog.model)] == ["admin", "toni"]

    assert dialog.table.select_where(lambda user: user.login == "toni")
    assert dialog.login_edit.text() == "toni" and dialog.login_edit.isReadOnly()
    assert dialog.update_button.isEnabled() and not dialog.create_button.isEnabled()
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.RESPONSABLE.value))
    dialog.active_check.setChecked(False)
    dialog.update_button.click()
    assert dialog.message_label.text() == "Cuenta actualizada."
    toni = next(user for user in services.accounts.users() if user.login == "toni")
    assert (toni.role, toni.active) == (Role.RESPONSABLE, False)
    # Nobody removes their own administrator role.
    assert dialog.table.select_where(lambda user: user.login == "admin")
    dialog.active_check.setChecked(False)
    dialog.update_button.click()
    assert "No puede quitarse" in dialog.message_label.text()
    _fits(dialog)


# -- Centros derivadores ------------------------------------------------------------------------


def test_referring_centres_are_added_listed_and_edited(qtbot, services: Services, session: Session):  # type: ignore[no-untyped-def]
    dialog = ReferringCentresDialog(services.catalogues, session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 0
    dialog.save_button.click()
    assert "Escriba el nombre del centro." in dialog.message_label.text()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("CTA"))
    dialog.edits["name"].setText("CTA Triana")
    dialog.edits["municipality"].setText("Sevilla")
    dialog.province_combo.setCurrentText("Sevilla")
    dialog.save_button.click()
    assert dialog.message_label.text() == "Centro guardado."
    assert _texts(dialog.model) == [["CTA", "CTA Triana", "Sevilla", "Sevilla", "Sí"]]
    assert "Centro de tratamiento ambulatorio" in dialog.model.index(0, 0).data(
        Qt.ItemDataRole.ToolTipRole
    )
    # The saved centre stays selected: a second save edits it, not a copy.
    dialog.active_check.setChecked(False)
    dialog.save_button.click()
    (centre,) = services.catalogues.referring_centres()
    assert (centre.name, centre.active, centre.version) == ("CTA Triana", False, 2)
    _fits(dialog)


# -- Datos del centro and the first-run wizard --------------------------------------------------


def test_centre_settings_fit_the_screen(qtbot, services: Services, session: Session):  # type: ignore[no-untyped-def]
    dialog = CentreSettingsDialog(services.centre_settings, session)
    qtbot.addWidget(dialog)
    dialog.show()
    _fits(dialog)
    dialog.tabs.setCurrentIndex(1)
    _fits(dialog)


def test_wizard_viviendas_are_a_grid_and_places_must_be_numbers(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    workspace = Workspace.open(tmp_path / "datos", TEST_KEYS)
    from reinsercion_desktop.services.setup import SetupService

    wizard = FirstRunWizard(SetupService(workspace.db))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.viviendas_page
    assert page.grid.rows() == [{"places_men": "6", "places_women": "0", "places_mixed": "0"}]
    page.grid.set_value(0, "name", "Casa Triana")
    page.grid.set_value(0, "places_women", "dos")
    assert page.viviendas() == ([], "Fila 1: las plazas se escriben con cifras (0 si no hay).")
    page.grid.set_value(0, "places_women", "2")
    row = page.add_row("Casa Macarena", "Sevilla", men=0, mixed=8)
    assert row == 1
    vivienda_names = [v.name for v in page.viviendas()[0]]
    assert vivienda_names == ["Casa Triana", "Casa Macarena"]
    page.table.setCurrentIndex(page.grid.index(1, 0))
    page._remove_row()
    assert [v.name for v in page.viviendas()[0]] == ["Casa Triana"]
    hint = wizard.minimumSizeHint()
    assert hint.width() <= SCREEN_WIDTH and hint.height() <= SCREEN_HEIGHT
    wizard.button(QWizard.WizardButton.CancelButton).click()
    workspace.close()
