"""Administración → Intercambio (issue 13, point 7): bundles sent to the office (or, at the
office, to its centres) and taken from them, their history, the open conflicts, and a way
to the peers' keys.

Sending: the recipient, «Solo los cambios» or «Todo», then a folder (a USB stick) or a
file to attach to an e-mail. Receiving: a `.rdpaquete` file, its preview first
(`import_preview.py`), then the import. Every bundle made, previewed or imported runs off
the UI thread with a progress bar and «Cancelar» (`exchange_worker.py`); a cancel leaves
nothing. A refusal is its one Spanish line in the screen, never a trace.
"""

import uuid
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_datetime_es
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.security.bundle_file import SUFFIX, bundle_file_name
from reinsercion_desktop.services.exchange import (
    OUTCOME_LABELS,
    BundleView,
    ExchangeService,
    describe_confirmed,
    describe_counts,
    describe_tables,
)
from reinsercion_desktop.services.exchange_export import ExportResult
from reinsercion_desktop.services.exchange_import import ImportResult
from reinsercion_desktop.services.peers import PeerService
from reinsercion_desktop.ui.exchange.conflicts import ConflictsPanel
from reinsercion_desktop.ui.exchange.exchange_worker import ExchangeRunner
from reinsercion_desktop.ui.exchange.import_preview import ImportPreviewDialog
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog
from reinsercion_desktop.ui.widgets.inputs import ComboBox
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

BUNDLE_FILES = f"Paquetes de intercambio (*{SUFFIX})"


def _when(bundle: BundleView) -> datetime:
    """When it left here, or when it came in (a received bundle's own date is the
    sender's)."""
    return bundle.applied_at or bundle.made_at


def _dates(bundle: BundleView) -> str:
    text = tr("Hecho el {made}").format(made=format_datetime_es(bundle.made_at))
    if bundle.applied_at is not None:
        text += " · " + tr("importado aquí el {applied}").format(
            applied=format_datetime_es(bundle.applied_at)
        )
    return text


HISTORY_COLUMNS = (
    Column[BundleView](
        tr("Fecha"),
        lambda b: format_datetime_es(_when(b)),
        sort_key=lambda b: (_when(b), b.sequence),
        tooltip=_dates,
    ),
    Column[BundleView](tr("Dirección"), lambda b: b.direction),
    Column[BundleView](tr("Centro u oficina"), lambda b: b.peer),
    Column[BundleView](
        tr("N.º"), lambda b: str(b.sequence), sort_key=lambda b: b.sequence, align="right"
    ),  # fmt: skip
    Column[BundleView](
        tr("Estado"), lambda b: b.state, tone=lambda b: "warning" if b.held else None
    ),
    Column[BundleView](tr("Resumen"), lambda b: b.summary),
    Column[BundleView](tr("Nota"), lambda b: b.note, stretch=True),
)


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


class ExchangeDialog(ResultDialog[None]):
    """The Intercambio screen. `data_changed` says records came in (the window reloads)."""

    data_changed = Signal()

    def __init__(
        self,
        exchange: ExchangeService,
        peers: PeerService,
        session: Session,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.exchange, self.peers, self.session = exchange, peers, session
        self.setWindowTitle(tr("Intercambio con la oficina y los centros"))
        self.resize(1120, 660)
        self.runner = ExchangeRunner(self, self._busy)

        send_box = QGroupBox(tr("Enviar un paquete"))
        self.peer_combo = ComboBox()
        self.peer_combo.setObjectName("exchange_peer_combo")
        self.changes_radio = QRadioButton(tr("Solo los cambios"))
        self.changes_radio.setChecked(True)
        self.full_radio = QRadioButton(tr("Todo (paquete completo)"))
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.changes_radio)
        self.mode_group.addButton(self.full_radio)
        self.to_folder_button = QPushButton(tr("Guardar en una carpeta o memoria USB…"))
        self.to_folder_button.setObjectName("export_to_folder_button")
        self.for_mail_button = QPushButton(tr("Guardar para enviar por correo…"))
        self.for_mail_button.setObjectName("export_for_mail_button")
        send = QGridLayout(send_box)
        send.addWidget(QLabel(tr("Para")), 0, 0)
        send.addWidget(self.peer_combo, 0, 1, 1, 2)
        send.addWidget(self.changes_radio, 1, 1)
        send.addWidget(self.full_radio, 1, 2)
        send.addWidget(self.to_folder_button, 2, 1)
        send.addWidget(self.for_mail_button, 2, 2)
        send.setColumnStretch(1, 1)
        send.setColumnStretch(2, 1)

        take_box = QGroupBox(tr("Recibir un paquete"))
        take_hint = QLabel(
            tr(
                "Elija el archivo {suffix} que le enviaron: verá primero lo que trae y después "
                "decide si lo importa."
            ).format(suffix=SUFFIX)
        )
        take_hint.setWordWrap(True)
        set_role(take_hint, "hint")
        self.import_button = QPushButton(tr("Importar un paquete…"))
        self.import_button.setObjectName("import_bundle_button")
        take = QVBoxLayout(take_box)
        take.addWidget(take_hint)
        take.addStretch(1)
        take.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)

        boxes = QHBoxLayout()
        boxes.addWidget(send_box, 3)
        boxes.addWidget(take_box, 2)

        self.message_label = QLabel()
        self.message_label.setObjectName("exchange_message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.history_model = RowsTableModel(HISTORY_COLUMNS, self)
        self.history_table = RowsTableView(self.history_model, "exchange_history_table",
                                           sortable=True)  # fmt: skip
        self.history_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the newest first
        self.conflicts = ConflictsPanel(exchange, session, self.tell, self._conflicts_counted)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("exchange_tabs")
        self.tabs.addTab(self.history_table, tr("Historial"))
        self.tabs.addTab(self.conflicts, tr("Conflictos"))

        self.keys_button = QPushButton(tr("Claves de intercambio…"))
        self.keys_button.setObjectName("exchange_keys_button")
        self.close_button = QPushButton(tr("Cerrar"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.keys_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(boxes)
        layout.addLayout(self.runner.row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.to_folder_button.clicked.connect(self.export_to_folder)
        self.for_mail_button.clicked.connect(self.export_for_mail)
        self.import_button.clicked.connect(self.choose_bundle)
        self.keys_button.clicked.connect(self.show_keys)
        self.close_button.clicked.connect(self.reject)
        self.load()

    # -- what the screen shows -------------------------------------------------------------

    def load(self) -> None:
        try:
            peers = self.exchange.peers(self.session.actor)
            self.history_model.set_rows(self.exchange.history(self.session.actor))
        except UserError as error:  # a role below responsable: the service says why
            self.tell(str(error))
            for button in (self.to_folder_button, self.for_mail_button, self.import_button):
                button.setEnabled(False)
            return
        chosen = self.peer_combo.currentData()
        self.peer_combo.clear()
        for peer in peers:
            self.peer_combo.addItem(peer.name, peer.id)
        if chosen is not None:
            self.peer_combo.setCurrentIndex(max(self.peer_combo.findData(chosen), 0))
        if not peers:
            self.tell(
                tr(
                    "Todavía no confía en ninguna oficina ni centro: importe su clave en "
                    "«Claves de intercambio…» para poder enviarle paquetes."
                )
            )
        self._busy(False)
        self.conflicts.reload()

    def choose_peer(self, peer_id: str) -> bool:
        """Make `peer_id` the recipient (the office's «Centros y viviendas» opens this
        screen on the centre chosen there); False if it is not one bundles can go to."""
        index = self.peer_combo.findData(peer_id)
        if index >= 0:
            self.peer_combo.setCurrentIndex(index)
        return index >= 0

    def _conflicts_counted(self, count: int) -> None:
        index = self.tabs.indexOf(self.conflicts)
        self.tabs.setTabText(
            index, tr("Conflictos ({n})").format(n=count) if count else tr("Conflictos")
        )

    def tell(self, text: str) -> None:
        """One line (or a few) for the person: what happened, or why not."""
        self.say(self.message_label, text)

    def _busy(self, busy: bool) -> None:
        has_peer = self.peer_combo.count() > 0
        for button in (self.to_folder_button, self.for_mail_button):
            button.setEnabled(not busy and has_peer)
        for widget in (self.import_button, self.close_button, self.conflicts, self.keys_button):
            widget.setEnabled(not busy)

    def reject(self) -> None:
        if self.runner.busy:  # never close over work in progress
            self.tell(tr("Espere a que termine o pulse «Cancelar»."))
            return
        super().reject()

    def wait_idle(self, msecs: int = 60000) -> None:
        self.runner.wait_idle(msecs)

    # -- sending -----------------------------------------------------------------------

    def export_to_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, tr("Carpeta o memoria USB donde guardar el paquete")
        )
        if folder:
            self._export(Path(folder), for_mail=False)

    def export_for_mail(self) -> None:
        # The shape of the bundle's own name (a date and six random characters, nothing
        # about anyone); its id does not exist yet.
        proposed = documents_folder() / bundle_file_name(self.session.today(), uuid.uuid4().hex)
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Guardar el paquete para enviarlo por correo"), str(proposed),
            tr(BUNDLE_FILES),
        )  # fmt: skip
        if path:
            target = Path(path)
            if target.suffix != SUFFIX:
                target = target.with_name(target.name + SUFFIX)
            self._export(target, for_mail=True)

    def _export(self, target: Path, *, for_mail: bool) -> None:
        peer_id = self.peer_combo.currentData()
        if peer_id is None:
            self.tell(tr("Elija primero a quién va el paquete."))
            return
        actor, full = self.session.actor, self.full_radio.isChecked()
        self.tell(tr("Preparando el paquete…"))
        self.runner.start(
            lambda progress, cancelled: self.exchange.export(
                actor, peer_id, target, full=full, progress=progress, cancelled=cancelled
            ),
            lambda result: self._exported(result, for_mail),
            self._failed,
        )

    def _exported(self, result: ExportResult, for_mail: bool) -> None:
        carried = describe_tables(result.counts) or tr("ningún registro nuevo")
        text = tr(
            "Paquete n.º {sequence} para {peer} guardado en {path}.\nLleva: {carried}."
        ).format(sequence=result.sequence, peer=result.peer_name, path=result.path, carried=carried)
        if for_mail:
            text += "\n" + tr(
                "El archivo va cifrado para {peer}: solo {peer} puede abrirlo. Puede adjuntarlo "
                "tal cual a un correo."
            ).format(peer=result.peer_name)
        self.tell(text)
        self.load()

    def _failed(self, line: str) -> None:
        self.tell(line)
        self.load()

    # -- receiving ---------------------------------------------------------------------

    def choose_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Elija el paquete recibido"), str(documents_folder()), tr(BUNDLE_FILES)
        )
        if path:
            self.preview(Path(path))

    def preview(self, path: Path) -> None:
        actor = self.session.actor
        self.tell(tr("Comprobando el paquete…"))
        self.runner.start(
            lambda progress, cancelled: self.exchange.import_bundle(
                actor, path, dry_run=True, progress=progress, cancelled=cancelled
            ),
            lambda result: self._previewed(path, result),
            self._failed,
        )

    def _previewed(self, path: Path, result: ImportResult) -> None:
        if result.state == "already":
            self.tell(
                tr("El paquete n.º {sequence} de {peer} ya se importó: no cambia nada.").format(
                    sequence=result.sequence, peer=result.peer_name
                )
            )
            return
        self.tell("")
        self.preview_dialog = ImportPreviewDialog.ask(
            result, path.name, self, on_result=lambda _go: self.apply(path)
        )

    def apply(self, path: Path) -> None:
        actor = self.session.actor
        self.tell(tr("Importando el paquete…"))
        self.runner.start(
            lambda progress, cancelled: self.exchange.import_bundle(
                actor, path, progress=progress, cancelled=cancelled
            ),
            self._imported,
            self._failed,
        )

    def _imported(self, result: ImportResult) -> None:
        if result.state == "held":
            text = tr(
                "Paquete n.º {sequence} de {peer} guardado a la espera: se importará cuando "
                "llegue el n.º {missing}."
            ).format(sequence=result.sequence, peer=result.peer_name, missing=result.waiting_for)
        elif result.state == "already":
            text = tr("El paquete n.º {sequence} de {peer} ya se importó: no cambia nada.").format(
                sequence=result.sequence, peer=result.peer_name
            )
        else:
            counts = {outcome: result.count(outcome) for outcome in OUTCOME_LABELS}
            text = tr("Paquete n.º {sequence} de {peer} importado: {summary}.").format(
                sequence=result.sequence, peer=result.peer_name, summary=describe_counts(counts)
            )
            if result.confirmed:
                text += "\n" + describe_confirmed(result.confirmed)
            if result.then_applied:
                text += "\n" + tr("También se importaron los que esperaban: n.º {numbers}.").format(
                    numbers=", ".join(str(n) for n in result.then_applied)
                )
            if result.count("conflict"):
                text += "\n" + tr("Revise la pestaña «Conflictos» y elija un valor en cada uno.")
            self.data_changed.emit()
        for warning in result.warnings:
            text += "\n" + warning
        self.tell(text)
        self.load()
        if result.count("conflict"):
            self.tabs.setCurrentWidget(self.conflicts)

    # -- the peers' keys -----------------------------------------------------------------

    def show_keys(self) -> None:
        """The existing Administración dialog; a key trusted there is a new recipient here."""
        from reinsercion_desktop.ui.admin.exchange_keys import ExchangeKeysDialog

        dialog = ExchangeKeysDialog(self.peers, self.session, self)
        dialog.finished.connect(lambda _result: self.load())
        self.keys_dialog = dialog
        dialog.open()
