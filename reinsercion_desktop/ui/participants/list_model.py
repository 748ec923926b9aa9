"""The participant list as a table model over plain rows (no database call in data())."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ParticipantStatus, Sex
from reinsercion_desktop.domain.participant_list import ListFilter, ListSearch, ParticipantRow
from reinsercion_desktop.ui.tr import tr

COL_NAME, COL_CODAPEL, COL_ID, COL_BIRTH, COL_SEX, COL_STATUS, COL_VIVIENDA, COL_MANAGER = range(8)
HEADERS = (
    tr("Apellidos, nombre"),
    tr("CODAPEL"),
    tr("Documento"),
    tr("Nacimiento"),
    tr("Sexo"),
    tr("Situación"),
    tr("Vivienda"),
    tr("Gestor/a de caso"),
)
_ARCHIVED_COLOR = QColor("#8a8f98")
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_STATUS = {s.value: s.label for s in ParticipantStatus}
_SEX = {s.value: s.label for s in Sex}
_SORT_KEYS = {
    COL_NAME: lambda r: r.search_key,  # starts with the folded surnames
    COL_CODAPEL: lambda r: r.codapel,
    COL_ID: lambda r: r.id_number,
    COL_BIRTH: lambda r: r.birth_date,
    COL_SEX: lambda r: r.sex,
    COL_STATUS: lambda r: _STATUS.get(r.status, r.status),
    COL_VIVIENDA: lambda r: r.vivienda_name,
    COL_MANAGER: lambda r: r.case_manager,
}


class ParticipantTableModel(QAbstractTableModel):
    """All rows are kept; `apply_filter` and `sort` choose and order what is shown."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._all: list[ParticipantRow] = []
        self._search = ListSearch(self._all)
        # The first-letter index is built when the window is idle, not during start-up.
        self._index_timer = QTimer(self)
        self._index_timer.setSingleShot(True)
        self._index_timer.setInterval(300)
        self._index_timer.timeout.connect(lambda: self._search.index_single_characters())
        self._total = 0
        self._shown: list[ParticipantRow] = []
        self._filter = ListFilter()
        self._sort_column = COL_NAME
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- feeding -----------------------------------------------------------------------

    def set_rows(self, rows: list[ParticipantRow]) -> None:
        self._all = rows
        self._total = sum(1 for row in rows if not row.archived)
        self._sort_all()
        self._refresh()

    def apply_filter(self, wanted: ListFilter) -> None:
        self._filter = wanted
        self._refresh()

    def row_at(self, row: int) -> ParticipantRow:
        return self._shown[row]

    def row_of(self, participant_id: str) -> int:
        for index, row in enumerate(self._shown):
            if row.id == participant_id:
                return index
        return -1

    @property
    def total(self) -> int:
        """Open (not archived) files, whatever the filter."""
        return self._total

    def _sort_all(self) -> None:
        # Sorted once per column click; filtering keeps the order, so typing never sorts.
        self._all.sort(
            key=_SORT_KEYS[self._sort_column],
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )
        self._search = ListSearch(self._all)  # a new order: results cached in the old one are stale
        self._index_timer.start()

    def _refresh(self) -> None:
        self.beginResetModel()
        self._shown = self._search.apply(self._filter)
        self.endResetModel()

    # -- Qt interface ------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):  # type: ignore[no-untyped-def]
        # Called for every role of every visible cell on each repaint: the role test
        # comes first so the common "nothing to say" answer costs almost nothing.
        if role == _DISPLAY:
            return self._display(self._shown[index.row()], index.column())
        if role == _FOREGROUND and self._shown[index.row()].archived:
            return _ARCHIVED_COLOR
        if role == _TOOLTIP and self._shown[index.row()].archived:
            return tr("Ficha archivada")
        return None

    @staticmethod
    def _display(row: ParticipantRow, column: int) -> str:
        if column == COL_NAME:
            return row.full_name
        if column == COL_CODAPEL:
            return row.codapel
        if column == COL_ID:
            return row.id_number
        if column == COL_BIRTH:
            return format_date_es(row.birth_date)
        if column == COL_SEX:
            return _SEX.get(row.sex, row.sex)
        if column == COL_STATUS:
            return _STATUS.get(row.status, row.status)
        if column == COL_VIVIENDA:
            return row.vivienda_name
        return row.case_manager

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column
        self._sort_order = order
        self._sort_all()
        self._refresh()
