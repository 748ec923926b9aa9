"""Versiones del plan: pick a version, read its objectives as that review left them and
what the review changed (R-PLAN-3). Read-only."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ObjectiveStatus, PlanArea, Priority
from reinsercion_desktop.domain.plan_rules import ObjectiveState
from reinsercion_desktop.services.plan_views import ReviewView
from reinsercion_desktop.services.plans import PlanService
from reinsercion_desktop.ui.plan.plan_tree import label_of
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

OBJECTIVE_COLUMNS = (
    Column[ObjectiveState](tr("Área"), lambda o: label_of(PlanArea, o.area), max_width=150),
    Column[ObjectiveState](tr("Objetivo"), lambda o: o.title, prose=True),
    Column[ObjectiveState](tr("Indicador"), lambda o: o.indicator, max_width=180),
    Column[ObjectiveState](tr("Meta"), lambda o: o.target, max_width=150),
    Column[ObjectiveState](
        tr("Plazo"), lambda o: format_date_es(o.deadline), sort_key=lambda o: str(o.deadline)
    ),
    Column[ObjectiveState](tr("Prioridad"), lambda o: label_of(Priority, o.priority)),
    Column[ObjectiveState](tr("Estado"), lambda o: label_of(ObjectiveStatus, o.status)),
    Column[ObjectiveState](tr("Progreso"), lambda o: f"{o.progress} %", align="right"),
)


# One sentence per change, as the review wrote them (R-PLAN-3).
CHANGE_COLUMNS = (Column[str](tr("Cambio"), lambda sentence: sentence, prose=True),)


class VersionsDialog(QDialog):
    def __init__(
        self,
        plans: PlanService,
        plan_id: str,
        reviews: list[ReviewView],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.plans = plans
        self.plan_id = plan_id
        self.setWindowTitle(tr("Versiones del plan"))
        self.resize(900, 560)
        self.version_combo = ComboBox()
        for review in reversed(reviews):  # newest first
            self.version_combo.addItem(
                tr("v{n} — {date}, {who}").format(
                    n=review.plan_version,
                    date=format_date_es(review.on_date),
                    who=review.reviewer_name,
                ),
                review.plan_version,
            )
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        set_role(self.summary_label, "hint")
        self.objectives_model = RowsTableModel(OBJECTIVE_COLUMNS)
        self.objectives_table = RowsTableView(self.objectives_model, "version_objectives")
        self.changes_model = RowsTableModel(CHANGE_COLUMNS)
        self.changes_list = RowsTableView(self.changes_model, "version_changes")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.version_combo)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.objectives_table, 3)
        layout.addWidget(QLabel(tr("Cambios de esta versión")))
        layout.addWidget(self.changes_list, 1)
        layout.addWidget(buttons)
        self.version_combo.currentIndexChanged.connect(self.show_version)
        self.show_version()

    def show_version(self) -> None:
        version = self.version_combo.currentData()
        if version is None:
            return
        shown = self.plans.version_snapshot(self.plan_id, version)
        summary = shown.review.summary
        self.summary_label.setText(tr("Resumen: {s}").format(s=summary) if summary else "")
        self.objectives_model.set_rows(shown.objectives)
        self.changes_model.set_rows(shown.changes or [tr("Sin cambios en los objetivos.")])
