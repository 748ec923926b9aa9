"""Dialog «Claves de intercambio»: this installation's fingerprint (to read aloud by phone),
its public key exported to a file, and the centres and offices it trusts — each imported
from their file once the fingerprint they read by phone was typed here (issue 13)."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.peers import CandidateView, PeerService, PeerView, TrustResult
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

KEY_FILES = "Clave pública de Reinserción Desktop (*.rdclave)"

PEER_COLUMNS = (
    Column[PeerView](tr("Nombre"), lambda p: p.name, stretch=True),
    Column[PeerView](tr("Tipo"), lambda p: p.kind.label),
    Column[PeerView](tr("Código"), lambda p: p.code),
    Column[PeerView](tr("Huella"), lambda p: p.fingerprint),
    Column[PeerView](
        tr("Confirmada el"),
        lambda p: format_date_es(p.confirmed_at),
        sort_key=lambda p: p.confirmed_at.isoformat() if p.confirmed_at else "",
    ),
)


def fingerprint_font(size: int) -> QFont:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setPointSize(size)
    font.setBold(True)
    return font


class ExchangeKeysDialog(QDialog):
    def __init__(self, peers: PeerService, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.peers = peers
        self.session = session
        self.setWindowTitle(tr("Claves de intercambio"))
        self.resize(860, 600)

        own_box = QGroupBox(tr("Esta instalación"))
        self.own_label = QLabel()
        self.own_label.setObjectName("own_keys_label")
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("own_fingerprint_label")
        self.fingerprint_label.setFont(fingerprint_font(20))
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint = QLabel(
            tr(
                "Lea esta huella por teléfono a quien reciba su clave pública: solo así puede "
                "comprobar que el archivo que le llegó es el suyo."
            )
        )
        hint.setWordWrap(True)
        set_role(hint, "hint")
        self.export_button = QPushButton(tr("Exportar mi clave pública…"))
        self.export_button.clicked.connect(self.export_own)
        own_layout = QVBoxLayout(own_box)
        own_layout.addWidget(self.own_label)
        own_layout.addWidget(self.fingerprint_label)
        own_layout.addWidget(hint)
        own_row = QHBoxLayout()
        own_row.addWidget(self.export_button)
        own_row.addStretch()
        own_layout.addLayout(own_row)

        peers_box = QGroupBox(tr("Centros y oficinas de confianza"))
        self.model = RowsTableModel(PEER_COLUMNS, self)
        self.table = RowsTableView(self.model, "peers_table", sortable=True)
        self.import_button = QPushButton(tr("Importar la clave de un centro u oficina…"))
        self.import_button.clicked.connect(self.choose_and_import)
        self.forget_button = QPushButton(tr("Olvidar la clave…"))
        self.forget_button.clicked.connect(self.forget_selected)
        is_admin = session.can(Role.ADMIN)
        self.import_button.setEnabled(is_admin)
        self.forget_button.setEnabled(is_admin)
        peer_buttons = QHBoxLayout()
        peer_buttons.addWidget(self.import_button)
        peer_buttons.addWidget(self.forget_button)
        peer_buttons.addStretch()
        peers_layout = QVBoxLayout(peers_box)
        peers_layout.addWidget(self.table, 1)
        peers_layout.addLayout(peer_buttons)

        self.message_label = QLabel()
        self.message_label.setObjectName("exchange_keys_message_label")
        self.message_label.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(own_box)
        layout.addWidget(peers_box, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self.load()

    def load(self) -> None:
        actor = self.session.actor
        try:
            own = self.peers.own_keys(actor)
            self.model.set_rows(self.peers.peers(actor))
        except UserError as error:
            self.message_label.setText(str(error))
            self.export_button.setEnabled(False)
            return
        self.own_label.setText(
            tr("{name} ({code}) · {kind}. Su huella:").format(
                name=own.name, code=own.code, kind=own.kind.label
            )
        )
        self.fingerprint_label.setText(own.fingerprint)

    def export_own(self) -> None:
        default = self.session.data_dir.parent / "mi-clave.rdclave"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Exportar mi clave pública"), str(default), tr(KEY_FILES)
        )
        if not path:
            return
        try:
            written = self.peers.export_public(self.session.actor, path)
        except UserError as error:
            self.message_label.setText(str(error))
            return
        self.message_label.setText(
            tr("Clave pública guardada en {path}. Envíela y lea la huella por teléfono.").format(
                path=written
            )
        )

    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Importar la clave de un centro u oficina"), "", tr(KEY_FILES)
        )
        if not path:
            return
        try:
            candidate = self.peers.read_candidate(path)
        except UserError as error:
            self.message_label.setText(str(error))
            return
        self.trust_dialog = TrustPeerDialog.ask(
            self.peers, self.session, candidate, self, on_result=self._trusted
        )

    def _trusted(self, result: TrustResult) -> None:
        self.message_label.setText(result.message)
        self.load()

    def forget_selected(self) -> None:
        peer = self.table.current_row()
        if peer is None:
            self.message_label.setText(tr("Elija primero en la lista el centro u oficina."))
            return
        answer = QMessageBox.question(
            self,
            tr("Olvidar la clave"),
            tr(
                "¿Dejar de confiar en «{name}»? No se aceptarán sus paquetes hasta que vuelva a "
                "importar su clave y confirmar su huella."
            ).format(name=peer.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.peers.forget(self.session.actor, peer.id)
        except UserError as error:
            self.message_label.setText(str(error))
            return
        self.message_label.setText(tr("Clave de «{name}» olvidada.").format(name=peer.name))
        self.load()


class TrustPeerDialog(ResultDialog[TrustResult]):
    """What the file says, and the fingerprint read by phone typed to confirm it."""

    def __init__(
        self,
        peers: PeerService,
        session: Session,
        candidate: CandidateView,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.peers = peers
        self.session = session
        self.candidate = candidate
        self.setWindowTitle(tr("Confirmar la clave de un centro u oficina"))
        self.resize(620, 380)
        intro = QLabel(
            tr(
                "Llame por teléfono a «{name}» (a un número que ya conozca, no al que venga con "
                "el archivo) y pida que le lean la huella de su clave. Escríbala abajo: solo si "
                "coincide con la del archivo se guardará."
            ).format(name=candidate.name)
        )
        intro.setWordWrap(True)
        file_fingerprint = QLabel(candidate.fingerprint)
        file_fingerprint.setObjectName("candidate_fingerprint_label")
        file_fingerprint.setFont(fingerprint_font(16))
        self.name_edit = QLineEdit(candidate.name)
        self.name_edit.setObjectName("peer_name_edit")
        self.fingerprint_edit = QLineEdit()
        self.fingerprint_edit.setObjectName("peer_fingerprint_edit")
        self.fingerprint_edit.setPlaceholderText("XXXX XXXX XXXX XXXX")
        self.fingerprint_edit.setFont(fingerprint_font(14))
        form = QFormLayout()
        form.addRow(tr("En el archivo"), QLabel(f"{candidate.name} ({candidate.code})"))
        form.addRow(tr("Tipo"), QLabel(candidate.kind.label))
        form.addRow(tr("Huella del archivo"), file_fingerprint)
        form.addRow(tr("Nombre en esta instalación"), self.name_edit)
        form.addRow(tr("Huella leída por teléfono"), self.fingerprint_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("trust_error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        set_role(self.error_label, "error")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(tr("Confirmar y guardar"))
        self.confirm_button.setObjectName("confirm_peer_button")
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch()
        layout.addWidget(buttons)

    def confirm(self) -> None:
        try:
            result = self.peers.trust(
                self.session.actor,
                self.candidate,
                self.name_edit.text(),
                self.fingerprint_edit.text(),
            )
        except UserError as error:
            self.say(self.error_label, str(error))
            return
        self.finish(result)
