"""Administración → Centros y viviendas (issue 13, Deliver 6; office mode only): the centres
the office coordinates as their bundles brought them — places, people staying now, the
last bundles both ways, open conflicts and a warning when a centre's audit log went
backwards or its keys are not trusted — with the selected centre's viviendas below and
«Intercambio…» to send it a bundle or take one of its.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_datetime_es
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.exchange import ExchangeService
from reinsercion_desktop.services.office_registry import (
    BundleMark,
    CentreEntry,
    OfficeRegistryService,
    ViviendaEntry,
)
from reinsercion_desktop.services.peers import PeerService
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

EMPTY = tr(
    "Todavía no ha llegado ningún centro. Cada centro aparece aquí con su primer paquete: "
    "primero intercambien las claves (Administración → «Claves de intercambio…», con la "
    "huella leída por teléfono); después el centro envía su paquete y usted lo importa con "
    "«Intercambio…», aquí abajo."
)


def _bundle(mark: BundleMark | None) -> str:
    if mark is None:
        return tr("ninguno")
    return tr("n.º {n} · {at}").format(n=mark.sequence, at=format_datetime_es(mark.at))


def _bundle_key(mark: BundleMark | None) -> str:
    return mark.at.isoformat() if mark else ""


def _number(value: int) -> str:
    return str(value)


CENTRE_COLUMNS: tuple[Column[CentreEntry], ...] = (
    Column(tr("Centro"), lambda c: c.name, tooltip=lambda c: f"{c.name} ({c.code})"),
    Column(tr("Provincia"), lambda c: c.province),
    Column(tr("Viviendas"), lambda c: _number(len(c.viviendas)),
           sort_key=lambda c: len(c.viviendas), align="right"),
    Column(tr("Plazas"), lambda c: _number(c.places), sort_key=lambda c: c.places, align="right"),
    Column(tr("Ocupadas"), lambda c: _number(c.occupied), sort_key=lambda c: c.occupied,
           align="right"),
    Column(tr("Último recibido"), lambda c: _bundle(c.last_in), sort_key=lambda c: _bundle_key(c.last_in)),
    Column(tr("Último enviado"), lambda c: _bundle(c.last_out), sort_key=lambda c: _bundle_key(c.last_out)),
    Column(tr("Conflictos"), lambda c: _number(c.conflicts), sort_key=lambda c: c.conflicts,
           align="right", tone=lambda c: "alert" if c.conflicts else None),
    Column(tr("Aviso"), lambda c: c.warning,
           tooltip=lambda c: "\n".join(c.alerts) or None,
           tone=lambda c: "alert" if c.flagged else None, stretch=True),
)  # fmt: skip

VIVIENDA_COLUMNS: tuple[Column[ViviendaEntry], ...] = (
    Column(tr("Vivienda"), lambda v: v.name),
    Column(tr("Código"), lambda v: v.code),
    Column(tr("Municipio"), lambda v: v.municipality),
    Column(tr("Hombres"), lambda v: _number(v.places_men), sort_key=lambda v: v.places_men,
           align="right"),
    Column(tr("Mujeres"), lambda v: _number(v.places_women), sort_key=lambda v: v.places_women,
           align="right"),
    Column(tr("Mixtas"), lambda v: _number(v.places_mixed), sort_key=lambda v: v.places_mixed,
           align="right"),
    Column(tr("Plazas"), lambda v: _number(v.places), sort_key=lambda v: v.places, align="right"),
    Column(tr("Ocupadas"), lambda v: _number(v.staying), sort_key=lambda v: v.staying,
           align="right"),
    Column(tr("Estado"), lambda v: v.service_text,
           tone=lambda v: None if v.in_service else "muted", stretch=True),
)  # fmt: skip


class OfficeCentresDialog(ResultDialog[None]):
    """«Centros y viviendas». `data_changed` says records came in through «Intercambio…»
    (the window reloads its lists)."""

    data_changed = Signal()

    def __init__(
        self,
        registry: OfficeRegistryService,
        exchange: ExchangeService,
        peers: PeerService,
        session: Session,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.registry, self.exchange, self.peers, self.session = registry, exchange, peers, session
        self.setWindowTitle(tr("Centros y viviendas"))
        self.resize(1180, 640)

        hint = QLabel(
            tr(
                "Los centros que coordina esta oficina, tal como llegaron en sus paquetes: sus "
                "viviendas, las plazas y las personas que están hoy, y cómo va el intercambio "
                "con cada uno. Elija un centro para ver sus viviendas."
            )
        )
        hint.setWordWrap(True)
        set_role(hint, "hint")
        self.empty_label = QLabel(EMPTY)
        self.empty_label.setObjectName("office_centres_empty_label")
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(False)
        self.message_label = QLabel()
        self.message_label.setObjectName("office_centres_message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.centres_model = RowsTableModel(CENTRE_COLUMNS, self)
        self.centres_table = RowsTableView(self.centres_model, "office_centres_table",
                                           sortable=True)  # fmt: skip
        self.alert_label = QLabel()  # the chosen centre's warnings, in full
        self.alert_label.setObjectName("office_centres_alert_label")
        self.alert_label.setWordWrap(True)
        self.alert_label.setVisible(False)
        self.alert_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.alert_label, "error")
        self.viviendas_label = QLabel(tr("Viviendas"))
        bold = self.viviendas_label.font()
        bold.setBold(True)
        self.viviendas_label.setFont(bold)
        self.viviendas_model = RowsTableModel(VIVIENDA_COLUMNS, self)
        self.viviendas_table = RowsTableView(self.viviendas_model, "office_viviendas_table",
                                             sortable=True)  # fmt: skip

        self.exchange_button = QPushButton(tr("Intercambio…"))
        self.exchange_button.setObjectName("office_centres_exchange_button")
        self.refresh_button = QPushButton(tr("Actualizar"))
        self.close_button = QPushButton(tr("Cerrar"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.exchange_button)
        bottom.addWidget(self.refresh_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.centres_table, 3)
        layout.addWidget(self.alert_label)
        layout.addWidget(self.viviendas_label)
        layout.addWidget(self.viviendas_table, 2)
        layout.addLayout(bottom)

        self.centres_table.selectionModel().selectionChanged.connect(self._centre_chosen)
        self.centres_table.row_activated.connect(lambda _row: self.open_exchange())
        self.exchange_button.clicked.connect(self.open_exchange)
        self.refresh_button.clicked.connect(self.load)
        self.close_button.clicked.connect(self.reject)
        self.load()

    # -- what the screen shows -------------------------------------------------------------

    def load(self) -> None:
        chosen = self.centre()
        try:
            centres = self.registry.centres(self.session.actor)
        except UserError as error:
            self.say(self.message_label, str(error))
            centres = []
        self.centres_model.set_rows(centres)
        self.empty_label.setVisible(not centres)
        if centres:
            wanted = chosen.id if chosen else centres[0].id
            if not self.centres_table.select_where(lambda c: c.id == wanted):
                self.centres_table.select_index(0)
        self._centre_chosen()

    def centre(self) -> CentreEntry | None:
        """The centre selected above, if any."""
        return self.centres_table.current_row()

    def _centre_chosen(self, *_args: object) -> None:
        centre = self.centre()
        self.viviendas_model.set_rows(centre.viviendas if centre else [])
        self.say(self.alert_label, "\n".join(centre.alerts) if centre else "")
        self.viviendas_label.setText(
            tr("Viviendas de {centre}").format(centre=centre.name) if centre else tr("Viviendas")
        )
        # «Intercambio…» is also the way the first bundle of a centre is taken: open it
        # with no centre chosen, or on one with no trusted key (it cannot be sent to).
        may = self.session.can(Role.RESPONSABLE)
        self.exchange_button.setEnabled(may)
        if not may:
            tip = tr("Solo responsables y administradores pueden hacer intercambios.")
        elif centre is not None and centre.trusted:
            tip = tr("Enviar un paquete a {centre} o importar uno suyo").format(centre=centre.name)
        else:
            tip = tr(
                "Importar un paquete recibido (los centros sin clave de confianza no pueden recibir)"
            )
        self.exchange_button.setToolTip(tip)

    # -- the exchange with the chosen centre --------------------------------------------

    def open_exchange(self) -> None:
        from reinsercion_desktop.ui.exchange.exchange_view import ExchangeDialog

        if not self.exchange_button.isEnabled():
            return
        centre = self.centre()
        dialog = ExchangeDialog(self.exchange, self.peers, self.session, self)
        if centre is not None and centre.trusted and centre.peer_id:
            dialog.choose_peer(centre.peer_id)
        dialog.data_changed.connect(self.data_changed.emit)
        dialog.finished.connect(lambda _result: self.load())  # bundles made or taken there
        self.exchange_dialog = dialog
        dialog.open()
