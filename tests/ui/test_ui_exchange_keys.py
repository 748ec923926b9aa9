"""Administración → Claves de intercambio (issue 13): the fingerprint to read by phone,
exporting this installation's key, importing a peer's once its fingerprint is typed."""

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.security.exchange_keys import read_public_file
from reinsercion_desktop.ui.admin.exchange_keys import ExchangeKeysDialog
from tests.services.test_peers import office_keys, write_keys
from tests.ui.conftest import session_for, type_text


def make_dialog(qtbot, workspace, services, actor) -> ExchangeKeysDialog:  # type: ignore[no-untyped-def]
    dialog = ExchangeKeysDialog(services.peers, session_for(workspace, services, actor))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_dialog_shows_the_fingerprint_and_fits(qtbot, workspace, services, admin) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, workspace, services, admin)
    own = services.peers.own_keys(admin)
    assert dialog.fingerprint_label.text() == own.fingerprint
    assert dialog.fingerprint_label.font().pointSize() >= 16
    assert own.name in dialog.own_label.text()
    assert dialog.model.rowCount() == 0
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720


def test_export_writes_the_key_file(
    qtbot, workspace, services, admin, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "mi-clave.rdclave"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    dialog = make_dialog(qtbot, workspace, services, admin)
    dialog.export_button.click()
    assert read_public_file(out).fingerprint == dialog.fingerprint_label.text()
    assert str(out) in dialog.message_label.text()


def test_import_asks_for_the_fingerprint_and_lists_the_peer(
    qtbot, workspace, services, admin, tmp_path, monkeypatch, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    keys = office_keys(name="Oficina de Coordinación")
    path = write_keys(tmp_path / "correo", keys)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    dialog = make_dialog(qtbot, workspace, services, admin)
    dialog.import_button.click()
    trust = dialog.trust_dialog
    qtbot.waitUntil(trust.isVisible)
    assert trust.name_edit.text() == "Oficina de Coordinación"
    hint = trust.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    # A fingerprint misheard: refused in the dialog, nothing kept.
    type_text(trust.fingerprint_edit, office_keys().fingerprint)
    trust.confirm_button.click()
    assert trust.isVisible() and "no coincide" in trust.error_label.text()
    assert services.peers.peers(admin) == []
    trust.fingerprint_edit.clear()
    type_text(trust.fingerprint_edit, keys.fingerprint.lower())
    trust.name_edit.clear()
    type_text(trust.name_edit, "Oficina Córdoba")
    trust.confirm_button.click()
    assert not trust.isVisible()
    assert dialog.model.rowCount() == 1
    peer = dialog.model.row_at(0)
    assert peer.name == "Oficina Córdoba" and peer.fingerprint == keys.fingerprint
    assert "confirmada" in dialog.message_label.text()
    # Forgetting asks first.
    assert dialog.table.select_where(lambda p: p.id == peer.id)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.forget_button.click()
    assert dialog.model.rowCount() == 0 and "olvidada" in dialog.message_label.text()


def test_a_file_that_is_not_a_key_says_so(
    qtbot, workspace, services, admin, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "foto.rdclave"
    path.write_bytes(b"\x89PNG")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    dialog = make_dialog(qtbot, workspace, services, admin)
    dialog.import_button.click()
    assert "no es un archivo de clave" in dialog.message_label.text()


@pytest.mark.parametrize("role", [Role.RESPONSABLE])
def test_a_responsable_sees_and_exports_but_does_not_import(  # type: ignore[no-untyped-def]
    qtbot, workspace, services, admin, role
) -> None:
    responsable = issue_actor("user-r", "resp", "Rita Responsable", role, admin.installation_id)
    dialog = make_dialog(qtbot, workspace, services, responsable)
    assert dialog.fingerprint_label.text()
    assert dialog.export_button.isEnabled()
    assert not dialog.import_button.isEnabled() and not dialog.forget_button.isEnabled()


def test_the_menu_opens_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    action = window.admin.exchange_keys_action
    assert action.objectName() == "action_exchange_keys" and action.isEnabled()
    action.trigger()
    dialog = window.admin.exchange_keys_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.fingerprint_label.text()
    dialog.close()
