"""The plan's tree: area rows → objective rows (overdue ones in red, R-PLAN-4) → activities."""

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from reinsercion_desktop.db.models import PlanActivity, PlanObjective
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ActivityStatus, ObjectiveStatus, PlanArea, Priority
from reinsercion_desktop.ui.plan.versions_dialog import label_of
from reinsercion_desktop.ui.tr import tr

ALERT = QColor("#b3261e")
KIND_ROLE = Qt.ItemDataRole.UserRole  # "objective" / "activity" on tree items
ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Objetivo / actividad", "Indicador", "Meta", "Plazo", "Prioridad", "Estado", "Progreso")


def fill_plan_tree(
    tree: QTreeWidget,
    objectives: Sequence[PlanObjective],
    activities: Sequence[PlanActivity],
    overdue: set[str],
) -> None:
    tree.clear()
    bold = QFont(tree.font())
    bold.setBold(True)
    for area in PlanArea:
        mine = [o for o in objectives if o.area == area]
        if not mine:
            continue
        area_item = QTreeWidgetItem([area.label])
        area_item.setFont(0, bold)
        tree.addTopLevelItem(area_item)
        for objective in mine:
            item = _objective_item(objective, objective.id in overdue)
            area_item.addChild(item)
            for activity in (a for a in activities if a.objective_id == objective.id):
                item.addChild(_activity_item(activity))
        area_item.setFirstColumnSpanned(True)  # only once the item is in the tree
    tree.expandAll()


def _objective_item(objective: PlanObjective, overdue: bool) -> QTreeWidgetItem:
    status = label_of(ObjectiveStatus, objective.status)
    item = QTreeWidgetItem(
        [
            objective.title,
            objective.indicator,
            objective.target,
            format_date_es(objective.deadline),
            label_of(Priority, objective.priority),
            f"{status} · {tr('Vencido')}" if overdue else status,
            f"{objective.progress} %",
        ]
    )
    item.setData(0, KIND_ROLE, "objective")
    item.setData(0, ID_ROLE, objective.id)
    for column in range(len(COLUMNS)):
        item.setToolTip(column, item.text(column))
        if overdue:
            item.setForeground(column, QBrush(ALERT))
    return item


def _activity_item(activity: PlanActivity) -> QTreeWidgetItem:
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
