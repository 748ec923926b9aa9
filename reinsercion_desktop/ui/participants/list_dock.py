"""Dock "Participantes": search-as-you-type, filters and a sortable list."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import ParticipantStatus, Sex
from reinsercion_desktop.domain.participant_list import ListFilter, ParticipantRow
from reinsercion_desktop.ui.participants.list_model import COL_NAME, ParticipantTableModel
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox
from reinsercion_desktop.ui.widgets.table import RowsTableView


class ParticipantListDock(QDockWidget):
    participant_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Participantes"), parent)
        self.setObjectName("dock_participants")
        self.model = ParticipantTableModel(self)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setPlaceholderText(tr("Buscar por nombre, apellidos, DNI/NIE o CODAPEL…"))
        self.search_edit.setClearButtonEnabled(True)
        self.status_combo = self._combo(
            [(None, tr("Todas las situaciones"))] + [(s.value, s.label) for s in ParticipantStatus]
        )
        self.sex_combo = self._combo(
            [(None, tr("Ambos sexos"))] + [(s.value, s.label) for s in Sex]
        )
        self.vivienda_combo = self._combo([(None, tr("Todas las viviendas"))])
        self.archived_check = QCheckBox(tr("Ver archivadas"))
        self.count_label = QLabel()
        set_role(self.count_label, "hint")

        self.table_view = RowsTableView(self.model, "participant_table", sortable=True)
        self.table_view.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)

        # Two rows of filters, so the dock can be as narrow as a 1366×768 screen leaves it.
        filters = QGridLayout()
        filters.addWidget(self.status_combo, 0, 0)
        filters.addWidget(self.sex_combo, 0, 1)
        filters.addWidget(self.vivienda_combo, 1, 0)
        filters.addWidget(self.archived_check, 1, 1)
        for widget in (self.status_combo, self.sex_combo, self.vivienda_combo):
            widget.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            widget.setMinimumContentsLength(10)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search_edit)
        layout.addLayout(filters)
        layout.addWidget(self.table_view)
        layout.addWidget(self.count_label)
        self.setWidget(body)

        self.search_edit.textChanged.connect(self._filter_changed)
        for combo in (self.status_combo, self.sex_combo, self.vivienda_combo):
            combo.currentIndexChanged.connect(self._filter_changed)
        self.archived_check.toggled.connect(self._filter_changed)
        self.table_view.activated.connect(self._row_activated)
        self.table_view.clicked.connect(self._row_activated)
        self.search_edit.returnPressed.connect(self._open_single_match)

    @staticmethod
    def _combo(items: list[tuple[str | None, str]]) -> QComboBox:
        combo = ComboBox()
        for value, label in items:
            combo.addItem(label, value)
        return combo

    def set_viviendas(self, viviendas: list[tuple[str, str]]) -> None:
        self.vivienda_combo.blockSignals(True)
        while self.vivienda_combo.count() > 1:
            self.vivienda_combo.removeItem(1)
        for vivienda_id, name in viviendas:
            self.vivienda_combo.addItem(name, vivienda_id)
        self.vivienda_combo.blockSignals(False)

    def set_rows(self, rows: list[ParticipantRow]) -> None:
        self.model.set_rows(rows)
        self._update_count()

    def current_filter(self) -> ListFilter:
        return ListFilter(
            text=self.search_edit.text(),
            status=self.status_combo.currentData(),
            sex=self.sex_combo.currentData(),
            vivienda_id=self.vivienda_combo.currentData(),
            include_archived=self.archived_check.isChecked(),
        )

    def focus_search(self) -> None:
        self.show()
        self.raise_()
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def select(self, participant_id: str) -> None:
        row = self.model.row_of(participant_id)
        if row >= 0:
            self.table_view.select_index(row)

    def _filter_changed(self) -> None:
        self.model.apply_filter(self.current_filter())
        self._update_count()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        self.count_label.setText(
            tr("{shown} de {total} fichas").format(shown=shown, total=self.model.total)
        )

    def _row_activated(self, index) -> None:  # type: ignore[no-untyped-def]
        if index.isValid():
            self.participant_chosen.emit(self.model.row_at(index.row()).id)

    def _open_single_match(self) -> None:
        if self.model.rowCount() >= 1:
            self.select(self.model.row_at(0).id)
            self.participant_chosen.emit(self.model.row_at(0).id)
