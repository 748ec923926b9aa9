"""The plan's tree: area rows → objective rows (overdue ones in red, R-PLAN-4) → activities.

A tree, not a list: it stays a `QTreeWidget`, filled from the `PlanView` the tab read.
"""

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ActivityStatus, ObjectiveStatus, PlanArea, Priority
from reinsercion_desktop.services.plan_views import ActivityView, ObjectiveView, PlanView
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import TONES

KIND_ROLE = Qt.ItemDataRole.UserRole  # "objective" / "activity" on tree items
ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (
    tr("Objetivo / actividad"),
    tr("Indicador"),
    tr("Meta"),
    tr("Plazo"),
    tr("Prioridad"),
    tr("Estado"),
    tr("Progreso"),
)
# Starting widths: the title wide, the rest to their usual content; the tree scrolls
# sideways in a narrow window and every cell has its full text in a tooltip.
WIDTHS = (280, 150, 120, 80, 70, 140, 70)


def label_of(vocabulary: type[Enum], value: str) -> str:
    """The Spanish label of a stored code (the code itself if the vocabulary lacks it)."""
    return vocabulary(value).label if value in {m.value for m in vocabulary} else value  # type: ignore[attr-defined]


def make_plan_tree(parent: QWidget | None = None) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setObjectName("plan_tree")
    tree.setColumnCount(len(COLUMNS))
    tree.setHeaderLabels(list(COLUMNS))
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    header = tree.header()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    for column, width in enumerate(WIDTHS):
        tree.setColumnWidth(column, width)
    return tree


def fill_plan_tree(tree: QTreeWidget, plan: PlanView) -> None:
    tree.clear()
    bold = QFont(tree.font())
    bold.setBold(True)
    for area in PlanArea:
        mine = [o for o in plan.objectives if o.area == area]
        if not mine:
            continue
        area_item = QTreeWidgetItem([area.label])
        area_item.setFont(0, bold)
        tree.addTopLevelItem(area_item)
        for objective in mine:
            item = _objective_item(objective)
            area_item.addChild(item)
            for activity in (a for a in plan.activities if a.objective_id == objective.id):
                item.addChild(_activity_item(activity))
        area_item.setFirstColumnSpanned(True)  # only once the item is in the tree
    tree.expandAll()


def _objective_item(objective: ObjectiveView) -> QTreeWidgetItem:
    status = label_of(ObjectiveStatus, objective.status)
    item = QTreeWidgetItem(
        [
            objective.title,
            objective.indicator,
            objective.target,
            format_date_es(objective.deadline),
            label_of(Priority, objective.priority),
            f"{status} · {tr('Vencido')}" if objective.overdue else status,
            f"{objective.progress} %",
        ]
    )
    item.setData(0, KIND_ROLE, "objective")
    item.setData(0, ID_ROLE, objective.id)
    for column in range(len(COLUMNS)):
        item.setToolTip(column, item.text(column))
        if objective.overdue:
            item.setForeground(column, QBrush(TONES["alert"]))
    return item


def _activity_item(activity: ActivityView) -> QTreeWidgetItem:
    item = QTreeWidgetItem(
        [
            "↳ " + activity.description,
            "",
            "",
            format_date_es(activity.due_date),
            "",
            label_of(ActivityStatus, activity.status),
            "",
        ]
    )
    item.setData(0, KIND_ROLE, "activity")
    item.setData(0, ID_ROLE, activity.id)
    item.setToolTip(0, activity.description)
    return item
