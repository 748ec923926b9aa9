"""Dialog "Centros derivadores": the catalogue referrals come from (CTA, CT, CPD, EAIIPP…)."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import SPANISH_PROVINCES, ReferringCentreKind
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.services.catalogues import ReferringCentreDraft
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox

_TEXT_FIELDS = (
    ("name", tr("Nombre *")),
    ("code", tr("Código")),
    ("municipality", tr("Municipio")),
    ("phone", tr("Teléfono")),
    ("fax", tr("Fax")),
    ("email", tr("Correo electrónico")),
    ("contact_name", tr("Terapeuta / persona de contacto")),
)


class ReferringCentresDialog(QDialog):
    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session = session
        self.setWindowTitle(tr("Centros derivadores"))
        self.resize(820, 600)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [tr("Tipo"), tr("Nombre"), tr("Provincia"), tr("Activo")]
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.currentCellChanged.connect(lambda *_: self._selected())

        self.kind_combo = ComboBox()
        for kind in ReferringCentreKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.province_combo = ComboBox()
        self.province_combo.setEditable(True)
        self.province_combo.addItems(["", *SPANISH_PROVINCES])
        self.edits = {name: QLineEdit() for name, _ in _TEXT_FIELDS}
        self.active_check = QCheckBox(tr("Activo (aparece al elegir centro)"))
        form = QFormLayout()
        form.addRow(tr("Tipo"), self.kind_combo)
        for name, label in _TEXT_FIELDS:
            form.addRow(label, self.edits[name])
        form.addRow(tr("Provincia"), self.province_combo)
        form.addRow("", self.active_check)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "error")
        new_button = QPushButton(tr("Nuevo centro"))
        self.save_button = QPushButton(tr("Guardar centro"))
        new_button.clicked.connect(self._clear)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self._centres: list = []
        self._editing: str | None = None
        self.load()
        self._clear()

    def load(self) -> None:
        self._centres = self.services.catalogues.referring_centres()
        self.table.setRowCount(len(self._centres))
        for row, centre in enumerate(self._centres):
            for column, text in enumerate(
                (centre.kind, centre.name, centre.province, tr("Sí") if centre.active else tr("No"))
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._centres):
            return
        centre = self._centres[row]
        self._editing = centre.id
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(centre.kind))
        for name, edit in self.edits.items():
            edit.setText(getattr(centre, name))
        self.province_combo.setCurrentText(centre.province)
        self.active_check.setChecked(centre.active)

    def _clear(self) -> None:
        self._editing = None
        self.table.setCurrentCell(-1, -1)
        for edit in self.edits.values():
            edit.clear()
        self.province_combo.setCurrentText("")
        self.active_check.setChecked(True)
        self.message_label.clear()

    def save(self) -> None:
        draft = ReferringCentreDraft(
            kind=self.kind_combo.currentData(),
            province=self.province_combo.currentText(),
            active=self.active_check.isChecked(),
            **{name: edit.text() for name, edit in self.edits.items()},
        )
        try:
            self.services.catalogues.save_referring_centre(self.session.actor, draft, self._editing)
        except ValidationError as error:
            self.message_label.setText(" ".join(error.problems.values()))
            return
        except UserError as error:
            self.message_label.setText(str(error))
            return
        self.load()
        self._clear()
        self.message_label.setText(tr("Centro guardado."))
