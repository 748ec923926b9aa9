"""The participant list: the shared rows model, with the list's own fast search.

Twenty thousand files are filtered on every keystroke, so the shown rows come from
`ListSearch` (an index over the folded names, kept in the current order) instead of a
predicate over every row; sorting re-indexes once per column click, never per key.
"""

from PySide6.QtCore import Qt, QTimer

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ParticipantStatus, Sex
from reinsercion_desktop.domain.participant_list import ListFilter, ListSearch, ParticipantRow
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel

COL_NAME, COL_CODAPEL, COL_ID, COL_BIRTH, COL_SEX, COL_STATUS, COL_VIVIENDA, COL_MANAGER = range(8)
_STATUS = {s.value: s.label for s in ParticipantStatus}
_SEX = {s.value: s.label for s in Sex}
_Row = ParticipantRow

COLUMNS: tuple[Column[ParticipantRow], ...] = (
    # The name sorts by the search key, which starts with the folded surnames.
    Column[_Row](tr("Apellidos, nombre"), lambda r: r.full_name, sort_key=lambda r: r.search_key),
    Column[_Row](tr("CODAPEL"), lambda r: r.codapel),
    Column[_Row](tr("Documento"), lambda r: r.id_number),
    Column[_Row](
        tr("Nacimiento"), lambda r: format_date_es(r.birth_date), sort_key=lambda r: r.birth_date
    ),
    Column[_Row](tr("Sexo"), lambda r: _SEX.get(r.sex, r.sex)),
    Column[_Row](tr("Situación"), lambda r: _STATUS.get(r.status, r.status)),
    Column[_Row](tr("Vivienda"), lambda r: r.vivienda_name),
    Column[_Row](tr("Gestor/a de caso"), lambda r: r.case_manager),
)


class ParticipantTableModel(RowsTableModel[ParticipantRow]):
    """All rows are kept; `apply_filter` and `sort` choose and order what is shown."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(
            COLUMNS,
            parent,
            row_tone=lambda r: "muted" if r.archived else None,
            row_tooltip=lambda r: tr("Ficha archivada") if r.archived else None,
        )
        self._search = ListSearch([])
        self._filter = ListFilter()
        # The first-letter index is built when the window is idle, not during start-up.
        self._index_timer = QTimer(self)
        self._index_timer.setSingleShot(True)
        self._index_timer.setInterval(300)
        self._index_timer.timeout.connect(lambda: self._search.index_single_characters())
        self._total = 0
        self._sort = (COL_NAME, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows) -> None:  # type: ignore[no-untyped-def, override]
        rows = list(rows)
        self._total = sum(1 for row in rows if not row.archived)
        self._search = ListSearch([])  # rebuilt over the sorted rows by _sort_all
        super().set_rows(rows)

    def apply_filter(self, wanted: ListFilter) -> None:
        self.beginResetModel()
        self._filter = wanted
        self._shown = self._filtered()
        self.endResetModel()

    def row_of(self, participant_id: str) -> int:
        return self.find(lambda row: row.id == participant_id)

    @property
    def total(self) -> int:
        """Open (not archived) files, whatever the filter."""
        return self._total

    def _filtered(self) -> list[ParticipantRow]:
        return self._search.apply(self._filter)

    def _sort_all(self, column: int, order: Qt.SortOrder) -> None:
        super()._sort_all(column, order)
        # A new order: results cached in the old index are stale.
        self._search = ListSearch(self._all)
        self._index_timer.start()
