"""Versiones del plan: pick a version, read its objectives as that review left them and
what the review changed (R-PLAN-3). Read-only."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.db.models import PlanReview
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ObjectiveStatus, PlanArea, Priority
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.circuit.parts import fill, make_table
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox


def label_of(vocabulary, value: str) -> str:  # type: ignore[no-untyped-def]
    return vocabulary(value).label if value in {m.value for m in vocabulary} else value


class VersionsDialog(QDialog):
    def __init__(
        self,
        services: Services,
        session: Session,
        plan_id: str,
        reviews: list[PlanReview],
        parent: QWidget,
    ):
        super().__init__(parent)
        self.services = services
        self.session = session
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
        self.objectives_table = make_table(
            [
                tr("Área"),
                tr("Objetivo"),
                tr("Indicador"),
                tr("Meta"),
                tr("Plazo"),
                tr("Prioridad"),
                tr("Estado"),
                tr("Progreso"),
            ],
            1,
            wrap=True,
        )
        self.objectives_table.setObjectName("version_objectives")
        self.changes_list = QListWidget()
        self.changes_list.setObjectName("version_changes")
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
        shown = self.services.plans.version_snapshot(self.plan_id, version)
        summary = shown.review.summary
        self.summary_label.setText(tr("Resumen: {s}").format(s=summary) if summary else "")
        fill(
            self.objectives_table,
            [
                (
                    label_of(PlanArea, o.area),
                    o.title,
                    o.indicator,
                    o.target,
                    format_date_es(o.deadline),
                    label_of(Priority, o.priority),
                    label_of(ObjectiveStatus, o.status),
                    f"{o.progress} %",
                )
                for o in shown.objectives
            ],
        )
        self.changes_list.clear()
        self.changes_list.addItems(shown.changes or [tr("Sin cambios en los objetivos.")])
