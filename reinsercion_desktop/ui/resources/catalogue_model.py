"""The catalogue's list: plain rows (resource + when one can enrol) and a filter by
category and by text, tested without a window."""

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QColor

from reinsercion_desktop.db.models import Resource
from reinsercion_desktop.domain.enums import ResourceCategory
from reinsercion_desktop.domain.text import fold
from reinsercion_desktop.ui.circuit.waiting_list_model import PlainRowsModel
from reinsercion_desktop.ui.tr import tr

INACTIVE = QColor("#8a9099")


@dataclass(frozen=True)
class CatalogueLine:
    resource: Resource
    next_enrolment: str  # "Abierta hasta el …", "Próxima: …", "Inscripción abierta todo el año"

    @property
    def search_text(self) -> str:
        r = self.resource
        return fold(" ".join((r.name, r.provider, r.requirements, r.description, r.contact)))


class ResourceCatalogueModel(PlainRowsModel):
    HEADERS = (
        tr("Nombre"),
        tr("Categoría"),
        tr("Proveedor"),
        tr("Próxima inscripción"),
        tr("Coste"),
    )

    def cell(self, line: CatalogueLine, column: int) -> str:
        r = line.resource
        if column == 0:
            return r.name + ("" if r.active else tr(" (desactivado)"))
        if column == 1:
            return ResourceCategory(r.category).label if r.category in set(ResourceCategory) else ""
        if column == 2:
            return r.provider
        if column == 3:
            return line.next_enrolment
        return r.cost

    def tooltip(self, line: CatalogueLine, column: int) -> str | None:
        return self.cell(line, column) or None

    def colour(self, line: CatalogueLine, column: int) -> QColor | None:
        return None if line.resource.active else INACTIVE

    def row_of(self, resource_id: str) -> int:
        return next((i for i, line in enumerate(self.rows) if line.resource.id == resource_id), -1)


class CatalogueFilter(QSortFilterProxyModel):
    """Rows of one category (None: all) whose text contains every typed word (accents ignored)."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.category: str | None = None
        self.words: list[str] = []

    def set_filter(self, category: str | None, text: str) -> None:
        self.beginFilterChange()  # invalidateFilter() is deprecated since Qt 6.10
        self.category = category
        self.words = fold(text).split()
        self.endFilterChange()

    def filterAcceptsRow(  # noqa: N802 (Qt override)
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ResourceCatalogueModel)
        line: CatalogueLine = model.row_at(source_row)
        if self.category is not None and line.resource.category != self.category:
            return False
        haystack = line.search_text
        return all(word in haystack for word in self.words)
