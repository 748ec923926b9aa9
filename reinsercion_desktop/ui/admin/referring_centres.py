"""Dialog "Centros derivadores": the catalogue referrals come from (CTA, CT, CPD, EAIIPP…)."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import SPANISH_PROVINCES, ReferringCentreKind
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.services.catalogues import (
    CatalogueService,
    ReferringCentreDraft,
    ReferringCentreView,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

_TEXT_FIELDS = (
    ("name", tr("Nombre *")),
    ("code", tr("Código")),
    ("municipality", tr("Municipio")),
    ("phone", tr("Teléfono")),
    ("fax", tr("Fax")),
    ("email", tr("Correo electrónico")),
    ("contact_name", tr("Terapeuta / persona de contacto")),
)

CENTRE_COLUMNS = (
    Column[ReferringCentreView](tr("Tipo"), lambda c: c.kind, tooltip=lambda c: c.kind_label),
    Column[ReferringCentreView](tr("Nombre"), lambda c: c.name, stretch=True),
    Column[ReferringCentreView](tr("Municipio"), lambda c: c.municipality, max_width=180),
    Column[ReferringCentreView](tr("Provincia"), lambda c: c.province),
    Column[ReferringCentreView](tr("Activo"), lambda c: tr("Sí") if c.active else tr("No")),
)


class ReferringCentresDialog(QDialog):
    def __init__(
        self, catalogues: CatalogueService, session: Session, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.catalogues = catalogues
        self.session = session
        self.setWindowTitle(tr("Centros derivadores"))
        self.resize(820, 640)
        self.model = RowsTableModel(
            CENTRE_COLUMNS, self, row_tone=lambda c: None if c.active else "muted"
        )
        self.table = RowsTableView(self.model, "referring_centres_table", sortable=True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by name
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())

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
        self.message_label.setObjectName("centres_message_label")
        self.message_label.setWordWrap(True)
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
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self._editing: str | None = None
        self.load()
        self._clear()

    def load(self) -> None:
        self.model.set_rows(self.catalogues.referring_centres())

    def _selected(self) -> None:
        centre = self.table.current_row()
        if centre is None:
            return
        self._editing = centre.id
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(centre.kind), 0))
        for name, edit in self.edits.items():
            edit.setText(getattr(centre, name))
        self.province_combo.setCurrentText(centre.province)
        self.active_check.setChecked(centre.active)
        self.message_label.clear()

    def _clear(self) -> None:
        self._editing = None
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        for edit in self.edits.values():
            edit.clear()
        self.province_combo.setCurrentText("")
        self.active_check.setChecked(True)
        self.message_label.clear()

    def _say(self, text: str, *, error: bool) -> None:
        set_role(self.message_label, "error" if error else "hint")
        self.message_label.setText(text)

    def save(self) -> None:
        draft = ReferringCentreDraft(
            kind=self.kind_combo.currentData(),
            province=self.province_combo.currentText(),
            active=self.active_check.isChecked(),
            **{name: edit.text() for name, edit in self.edits.items()},
        )
        try:
            saved = self.catalogues.save_referring_centre(self.session.actor, draft, self._editing)
        except ValidationError as error:
            self._say(" ".join(error.problems.values()), error=True)
            return
        except UserError as error:
            self._say(str(error), error=True)
            return
        self.load()
        self._clear()
        self.table.select_where(lambda centre: centre.id == saved.id)
        self._say(tr("Centro guardado."), error=False)
