"""The catalogue's list: resource views through the shared rows model, filtered by category
and by text (every typed word, accents ignored); tested without a window."""

from collections.abc import Callable

from reinsercion_desktop.domain.text import fold
from reinsercion_desktop.services.resource_views import ResourceView
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel

NAME, CATEGORY, PROVIDER, ENROLMENT, COST = range(5)
COLUMNS = (
    Column[ResourceView](
        tr("Nombre"),
        lambda r: r.name + ("" if r.active else tr(" (desactivado)")),
        max_width=280,
    ),
    Column[ResourceView](tr("Categoría"), lambda r: r.category_label, max_width=180),
    Column[ResourceView](tr("Proveedor"), lambda r: r.provider, max_width=200),
    Column[ResourceView](tr("Próxima inscripción"), lambda r: r.enrolment, max_width=240),
    Column[ResourceView](tr("Coste"), lambda r: r.cost, max_width=120),
)


def search_text(resource: ResourceView) -> str:
    return fold(
        " ".join(
            (
                resource.name,
                resource.provider,
                resource.requirements,
                resource.description,
                resource.contact,
            )
        )
    )


def catalogue_filter(category: str | None, text: str) -> Callable[[ResourceView], bool] | None:
    """Rows of one category (None: all) whose text holds every typed word; None: all rows."""
    words = fold(text).split()
    if category is None and not words:
        return None

    def accepts(resource: ResourceView) -> bool:
        if category is not None and resource.category != category:
            return False
        haystack = search_text(resource)
        return all(word in haystack for word in words)

    return accepts


def catalogue_model() -> RowsTableModel[ResourceView]:
    """Inactive resources in grey; the description in the tooltip."""
    return RowsTableModel(
        COLUMNS,
        row_tone=lambda r: None if r.active else "muted",
        row_tooltip=lambda r: r.description or None,
    )
