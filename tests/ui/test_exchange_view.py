"""Administración → Intercambio (issue 13, point 7), driven as a responsable drives it: a
bundle sent to a folder or saved for e-mail, one taken at the other side with its preview
first, a cancel that leaves nothing, a refused file, a bundle held for the missing one,
and conflicts resolved with each button.

A centre and its office, each in its own data folder, trusting each other
(tests/services/exchange_pair.py).
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlmodel import select

from reinsercion_desktop.db.models import Participant, Referral
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.ui.admin.backup_worker import BackupWorker
from reinsercion_desktop.ui.exchange.exchange_view import ExchangeDialog
from tests.services.exchange_pair import Side, make_pair
from tests.services.test_exchange import _edit, _shared_person, sent_protocol, stored
from tests.ui.conftest import session_for


@pytest.fixture
def pair(tmp_path):  # type: ignore[no-untyped-def]
    centre, office = make_pair(tmp_path)
    yield centre, office
    centre.workspace.close()
    office.workspace.close()


def open_screen(qtbot, side: Side, actor=None) -> ExchangeDialog:  # type: ignore[no-untyped-def]
    services = side.services
    session = session_for(side.workspace, services, actor or side.admin)
    dialog = ExchangeDialog(services.exchange, services.peers, session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def wait_done(qtbot, dialog: ExchangeDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=30000)


def choose_file(monkeypatch, path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def people(side: Side) -> list[Participant]:
    with side.db.read() as session:
        return list(session.exec(select(Participant)).all())


def preview(qtbot, monkeypatch, dialog: ExchangeDialog, path):  # type: ignore[no-untyped-def]
    choose_file(monkeypatch, path)
    dialog.import_button.click()
    wait_done(qtbot, dialog)
    qtbot.waitUntil(lambda: getattr(dialog, "preview_dialog", None) is not None)
    shown = dialog.preview_dialog
    qtbot.waitUntil(shown.isVisible)
    return shown


def test_a_bundle_sent_to_a_folder_appears_there_and_in_the_history(
    qtbot, pair, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    centre, _office = pair
    sent_protocol(centre)
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(centre.outbox))
    )
    dialog = open_screen(qtbot, centre)
    assert dialog.peer_combo.currentText() == "Oficina FADA"
    assert dialog.changes_radio.isChecked() and dialog.history_model.rowCount() == 0
    header = dialog.history_table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        0,
        Qt.SortOrder.DescendingOrder,  # the newest bundle first
    )
    dialog.to_folder_button.click()
    assert dialog.runner.busy and not dialog.import_button.isEnabled()
    wait_done(qtbot, dialog)
    (made,) = centre.outbox.iterdir()
    assert made.suffix == ".rdpaquete" and made.name.startswith("paquete-")
    message = dialog.message_label.text()
    assert "n.º 1 para Oficina FADA" in message and str(made) in message
    assert "Ficha: 1" in message and "Derivación" in message
    (row,) = dialog.history_model.rows
    assert (row.direction, row.peer, row.sequence) == ("Enviado", "Oficina FADA", 1)
    assert dialog.history_model.cell_text(0, 4) == "Enviado, sin confirmar"
    assert dialog.import_button.isEnabled() and not dialog.runner.progress_bar.isVisible()


def test_a_bundle_saved_for_email_says_it_can_be_attached(
    qtbot, pair, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    centre, _office = pair
    sent_protocol(centre)
    asked = {}

    def save_as(_parent, _title, proposed, _filter):  # type: ignore[no-untyped-def]
        asked["proposed"] = proposed
        return str(tmp_path / "para-la-oficina"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    dialog = open_screen(qtbot, centre)
    dialog.full_radio.setChecked(True)
    dialog.for_mail_button.click()
    wait_done(qtbot, dialog)
    assert "paquete-2026-01-15-" in asked["proposed"]
    assert asked["proposed"].endswith(".rdpaquete")
    assert (tmp_path / "para-la-oficina.rdpaquete").is_file()
    assert "cifrado para Oficina FADA" in dialog.message_label.text()
    assert "adjuntarlo tal cual a un correo" in dialog.message_label.text()


def test_a_bundle_is_previewed_then_imported(qtbot, pair, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    sent_protocol(centre)
    bundle = centre.export()
    dialog = open_screen(qtbot, office)
    assert dialog.peer_combo.currentText() == "Asociación Nueva Vida"
    shown = preview(qtbot, monkeypatch, dialog, bundle.path)
    assert (
        "n.º 1 de Asociación Nueva Vida"
        in shown.findChild(type(dialog.message_label), "preview_heading_label").text()
    )
    kinds = {line.kind: line.counts for line in shown.model.rows}
    assert kinds["Ficha"][0] == 1 and kinds["Derivación"][0] == 1
    assert sum(counts[0] for counts in kinds.values()) == bundle.records
    assert people(office) == []  # the preview changed nothing
    hint = shown.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    shown.import_button.click()
    wait_done(qtbot, dialog)
    assert [p.id for p in people(office)] and not shown.isVisible()
    assert "importado" in dialog.message_label.text()
    (row,) = dialog.history_model.rows
    assert (row.direction, row.state, row.sequence) == ("Recibido", "Importado", 1)
    # The same file again: said, nothing changes.
    choose_file(monkeypatch, bundle.path)
    dialog.preview_dialog = None
    dialog.import_button.click()
    wait_done(qtbot, dialog)
    assert "ya se importó" in dialog.message_label.text() and dialog.preview_dialog is None


def test_a_cancel_during_the_import_leaves_nothing(qtbot, pair, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    sent_protocol(centre)
    bundle = centre.export()
    dialog = open_screen(qtbot, office)
    shown = preview(qtbot, monkeypatch, dialog, bundle.path)
    begin = BackupWorker.begin

    def cancelled_at_once(worker: BackupWorker) -> None:
        worker.cancel()  # as «Cancelar» pressed before the first record
        begin(worker)

    monkeypatch.setattr(BackupWorker, "begin", cancelled_at_once)
    shown.import_button.click()
    wait_done(qtbot, dialog)
    assert "cancelado" in dialog.message_label.text()
    assert "no se ha cambiado nada" in dialog.message_label.text()
    assert people(office) == []
    with office.db.read() as session:
        assert session.exec(select(Referral)).all() == []
    assert dialog.history_model.rowCount() == 0


def test_the_cancel_button_stops_the_work(qtbot, pair, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    centre, _office = pair
    sent_protocol(centre)
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(centre.outbox))
    )
    dialog = open_screen(qtbot, centre)
    dialog.to_folder_button.click()
    assert dialog.runner.cancel_button.isVisible()
    dialog.close_button.click()  # never closed over work in progress
    assert dialog.isVisible()
    dialog.runner.cancel_button.click()
    wait_done(qtbot, dialog)
    message = dialog.message_label.text()
    # The export may have ended before the cancel was heard; either way, never half a file.
    if "cancelado" in message:
        assert list(centre.outbox.iterdir()) == [] and dialog.history_model.rowCount() == 0
    else:
        assert [p.suffix for p in centre.outbox.iterdir()] == [".rdpaquete"]


def test_a_refused_file_shows_its_spanish_line(qtbot, pair, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _centre, office = pair
    junk = tmp_path / "x.rdpaquete"
    junk.write_bytes(bytes(range(256)) * 8)
    dialog = open_screen(qtbot, office)
    choose_file(monkeypatch, junk)
    dialog.import_button.click()
    wait_done(qtbot, dialog)
    message = dialog.message_label.text()
    assert "no es un paquete de intercambio" in message and dialog.message_label.isVisible()
    assert "Traceback" not in message and "Error" not in message
    assert getattr(dialog, "preview_dialog", None) is None
    assert len(message.splitlines()) == 1


def test_a_bundle_after_a_missing_one_is_kept_waiting(qtbot, pair, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    office.take(centre.export().path)  # n.º 1 (the first is whole: it never waits)
    sent_protocol(centre, first_name="Ana", sex="M", id_number="")
    centre.export()  # n.º 2, lost on the way
    sent_protocol(centre, first_name="Berta", sex="M", id_number="", birth_date="01/02/1990")
    third = centre.export()
    dialog = open_screen(qtbot, office)
    shown = preview(qtbot, monkeypatch, dialog, third.path)
    explain = shown.explain_label.text()
    assert "Falta antes el paquete n.º 2" in explain
    assert shown.import_button.text() == "Guardarlo a la espera" and not shown.table.isVisible()
    shown.import_button.click()
    wait_done(qtbot, dialog)
    assert "a la espera" in dialog.message_label.text() and "n.º 2" in dialog.message_label.text()
    (row,) = [b for b in dialog.history_model.rows if b.sequence == 3]
    assert row.held and row.state == "En espera del anterior"
    assert dialog.history_model.cell_text(dialog.history_model.find(lambda b: b.held), 4)
    assert people(office) == []  # nothing of n.º 3 applied while it waits


def test_conflicts_are_shown_and_resolved_with_each_button(qtbot, pair, message_boxes) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    who = _shared_person(pair)
    _edit(centre, who, phone="611000001", address="C/ Aquí 1")
    _edit(office, who, phone="622000002", address="C/ Allí 2")
    assert centre.take(office.export().path).count("conflict") == 1  # one record, two fields
    dialog = open_screen(qtbot, centre)
    tabs = dialog.tabs
    assert tabs.tabText(tabs.indexOf(dialog.conflicts)) == "Conflictos (2)"
    panel = dialog.conflicts
    fields = {panel.model.row_at(i).field for i in range(2)}
    assert fields == {"Teléfono", "Dirección"}

    # Nothing chosen yet: said, nothing resolved.
    panel.table.clearSelection()
    panel.table.setCurrentIndex(panel.model.index(-1, -1))
    panel.keep_button.click()
    assert "Elija primero" in dialog.message_label.text()

    # «No» to the confirmation: nothing changes.
    assert panel.table.select_where(lambda c: c.field == "Teléfono")
    message_boxes.answer = QMessageBox.StandardButton.No
    panel.keep_button.click()
    _kind, _title, asked = message_boxes.shown[-1]
    assert "Teléfono" in asked and "611000001" in asked and "622000002" in asked
    assert panel.model.rowCount() == 2

    message_boxes.answer = QMessageBox.StandardButton.Yes
    panel.keep_button.click()
    assert panel.model.rowCount() == 1
    assert tabs.tabText(tabs.indexOf(panel)) == "Conflictos (1)"
    assert stored(centre, Participant, who).phone == "611000001"

    assert panel.table.select_where(lambda c: c.field == "Dirección")
    panel.take_button.click()
    _kind, _title, asked = message_boxes.shown[-1]
    assert "C/ Allí 2" in asked and "C/ Aquí 1" in asked and "recibido" in asked
    assert panel.model.rowCount() == 0 and not panel.take_button.isEnabled()
    assert tabs.tabText(tabs.indexOf(panel)) == "Conflictos"
    assert stored(centre, Participant, who).address == "C/ Allí 2"


def test_a_tecnico_is_told_why_not(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    centre, _office = pair
    tecnico = issue_actor(
        "user-t", "tec", "Tomás Técnico", Role.TECNICO, centre.admin.installation_id
    )
    dialog = open_screen(qtbot, centre, tecnico)
    assert dialog.message_label.text()
    assert not dialog.import_button.isEnabled() and not dialog.to_folder_button.isEnabled()


def test_the_menu_opens_it_and_it_fits(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    action = window.admin.exchange_action
    assert action in window.admin.actions
    assert action.objectName() == "action_exchange" and action.isEnabled()
    action.trigger()
    dialog = window.admin.exchange_dialog
    qtbot.waitUntil(dialog.isVisible)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    assert dialog.width() <= 1280 and dialog.height() <= 720
    # No peer trusted yet: said, and the way to the keys is right there.
    assert "Claves de intercambio" in dialog.message_label.text()
    assert not dialog.to_folder_button.isEnabled()
    dialog.keys_button.click()
    qtbot.waitUntil(dialog.keys_dialog.isVisible)
    assert dialog.keys_dialog.fingerprint_label.text()
    dialog.keys_dialog.close()
    dialog.close()
