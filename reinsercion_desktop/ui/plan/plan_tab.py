"""Tab "Plan" of a participant's file: the reintegration plan (itinerario) by area, its
objectives and activities, the overdue ones in red (R-PLAN-4), and its reviews below."""

import json
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.db.models import PlanActivity, PlanObjective, PlanReview, ReintegrationPlan
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import (
    PlanStatus,
)
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.plan_rules import objective_overdue
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.circuit.parts import fill, make_table, menu_button
from reinsercion_desktop.ui.plan import plan_dialogs
from reinsercion_desktop.ui.plan.plan_tree import COLUMNS, ID_ROLE, KIND_ROLE, fill_plan_tree
from reinsercion_desktop.ui.plan.review_dialog import ReviewDialog
from reinsercion_desktop.ui.plan.versions_dialog import VersionsDialog
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.lazy import LazyTab


class PlanTab(LazyTab):
    """Plan: start it, add objectives and activities, agree it, review it, print the acuerdo."""

    changed = Signal(str)  # the participant id, after any write

    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session = session
        self.plan: ReintegrationPlan | None = None
        self.objectives: list[PlanObjective] = []
        self.activities: list[PlanActivity] = []
        self.reviews: list[PlanReview] = []
        self.dialog: QWidget | None = None  # the dialog open now (tests reach it here)

        self.start_button = QPushButton(tr("Empezar plan"))
        set_role(self.start_button, "primary")
        self.start_button.clicked.connect(self.ask_start)
        self.empty_label = QLabel(
            tr(
                "Esta persona aún no tiene plan de reinserción. Empiécelo con ella: los "
                "objetivos del programa se proponen según su valoración inicial."
            )
        )
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "hint")
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch()

        self.header_label = QLabel()
        self.header_label.setObjectName("plan_header")
        self.header_label.setWordWrap(True)
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("plan_overdue")
        set_role(self.overdue_label, "error")
        self.objective_button = QPushButton(tr("Añadir objetivo"))
        self.objective_button.clicked.connect(lambda: self.ask_objective())
        self.activity_button = QPushButton(tr("Añadir actividad"))
        self.activity_button.clicked.connect(lambda: self.ask_activity())
        self.review_button = QPushButton(tr("Revisar plan…"))
        self.review_button.clicked.connect(self.ask_review)
        self.agree_button = QPushButton(tr("Acordar plan"))
        set_role(self.agree_button, "primary")
        self.agree_button.clicked.connect(self.ask_agree)
        self.acuerdo_button = QPushButton(tr("Acuerdo de incorporación (PDF)"))
        self.acuerdo_button.clicked.connect(self.print_acuerdo)
        self.versions_button = QPushButton(tr("Versiones…"))
        self.versions_button.clicked.connect(self.show_versions)
        self.actions = self._make_actions()
        self.more_button = menu_button(tr("Más"), list(self.actions.values()))

        self.tree = QTreeWidget()
        self.tree.setObjectName("plan_tree")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([tr(c) for c in COLUMNS])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((330, 180, 150, 85, 70, 165, 70)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemDoubleClicked.connect(self._edit_item)
        self.tree.itemSelectionChanged.connect(self._update_buttons)

        self.reviews_table = make_table(
            [tr("Fecha"), tr("Revisa"), tr("Versión"), tr("Cambios")], 3, wrap=True
        )
        self.reviews_table.setObjectName("plan_reviews")
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setObjectName("plan_lower_tabs")
        self.lower_tabs.addTab(self.reviews_table, tr("Revisiones"))

        buttons = QHBoxLayout()
        for button in (
            self.objective_button,
            self.activity_button,
            self.review_button,
            self.agree_button,
            self.acuerdo_button,
            self.versions_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.more_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.lower_tabs)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([380, 200])
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.header_label)
        page_layout.addWidget(self.overdue_label)
        page_layout.addLayout(buttons)
        page_layout.addWidget(splitter)

        self.pages = QStackedWidget()
        self.pages.addWidget(empty)
        self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def _make_actions(self) -> dict[str, QAction]:
        spec = [
            ("edit_plan", tr("Datos del plan…"), self.ask_edit_plan),
            ("edit_item", tr("Modificar lo seleccionado…"), self.edit_selected),
            ("remove_item", tr("Quitar lo seleccionado"), self.remove_selected),
            ("close_plan", tr("Cerrar plan…"), self.ask_close),
        ]
        actions = {}
        for name, text, slot in spec:
            action = QAction(text, self)
            action.setObjectName(f"plan_{name}")
            action.triggered.connect(lambda _=False, s=slot: s())
            actions[name] = action
        return actions

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.participant_id:
            return
        self.stale = False
        plans = self.services.plans
        self.plan = plans.plan_of(self.participant_id)
        self.pages.setCurrentIndex(1 if self.plan else 0)
        if self.plan is None:
            self.objectives, self.activities, self.reviews = [], [], []
            return
        self.objectives = plans.objectives_of(self.plan.id)
        self.activities = plans.activities_of(self.plan.id)
        self.reviews = plans.reviews_of(self.plan.id)
        self._show_header()
        self._fill_tree()
        fill(
            self.reviews_table,
            [
                (
                    format_date_es(r.on_date),
                    r.reviewer_name,
                    f"v{r.plan_version}",
                    "\n".join([r.summary, *json.loads(r.changes)]).strip(),
                )
                for r in reversed(self.reviews)
            ],
        )
        self._update_buttons()

    def _overdue(self) -> list[PlanObjective]:
        today = self.session.today()
        return [o for o in self.objectives if objective_overdue(o.deadline, o.status, today)]

    def _show_header(self) -> None:
        plan = self.plan
        assert plan is not None
        parts = [
            PlanStatus(plan.status).label,
            tr("inicio {d}").format(d=format_date_es(plan.start_date)),
        ]
        if plan.agreed_date:
            parts.append(tr("acordado {d}").format(d=format_date_es(plan.agreed_date)))
        parts.append(f"v{plan.current_version}")
        if plan.next_review_date:
            parts.append(tr("próxima revisión {d}").format(d=format_date_es(plan.next_review_date)))
        self.header_label.setText(" · ".join(parts))
        overdue = len(self._overdue())
        self.overdue_label.setText(
            tr("{n} objetivo(s) vencido(s): revise sus plazos.").format(n=overdue)
            if overdue
            else ""
        )
        self.overdue_label.setVisible(bool(overdue))

    def _fill_tree(self) -> None:
        fill_plan_tree(self.tree, self.objectives, self.activities, {o.id for o in self._overdue()})

    def _update_buttons(self) -> None:
        plan = self.plan
        draft = plan is not None and plan.status == PlanStatus.DRAFT
        agreed = plan is not None and plan.status == PlanStatus.AGREED
        self.agree_button.setVisible(draft)
        self.agree_button.setEnabled(bool(self.objectives))
        self.review_button.setEnabled(agreed)
        self.activity_button.setEnabled(bool(self.objectives))
        self.acuerdo_button.setEnabled(bool(self.objectives))
        self.versions_button.setEnabled(bool(self.reviews))
        kind, _ = self.selected()
        self.actions["edit_item"].setEnabled(kind is not None)
        self.actions["remove_item"].setEnabled(kind is not None and draft)

    def selected(self) -> tuple[str | None, str | None]:
        item = self.tree.currentItem()
        if item is None:
            return None, None
        return item.data(0, KIND_ROLE), item.data(0, ID_ROLE)

    # -- actions ---------------------------------------------------------------------------

    def _open(self, dialog: QWidget, on_saved=None) -> None:  # type: ignore[no-untyped-def]
        """Non-modal for the event loop (`open()`), refreshed and announced when saved."""
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._saved(dialog, on_saved))  # type: ignore[attr-defined]
        dialog.finished.connect(dialog.deleteLater)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    def _saved(self, dialog: QWidget, on_saved) -> None:  # type: ignore[no-untyped-def]
        self.refresh()
        assert self.participant_id
        self.changed.emit(self.participant_id)
        if on_saved is not None:
            on_saved(dialog.outcome)

    def ask_start(self) -> None:
        assert self.participant_id
        self._open(
            plan_dialogs.plan_dialog(self.services, self.session, self.participant_id, self, None)
        )

    def ask_edit_plan(self) -> None:
        if self.plan and self.participant_id:
            self._open(
                plan_dialogs.plan_dialog(
                    self.services, self.session, self.participant_id, self, self.plan
                )
            )

    def ask_objective(self, objective: PlanObjective | None = None) -> None:
        if self.plan is None or self.participant_id is None:
            return
        proposed = (
            self.services.plans.proposals_for(self.participant_id) if objective is None else []
        )
        self._open(
            plan_dialogs.ObjectiveDialog(
                self.services, self.session, self.plan, self, objective, proposed
            )
        )

    def ask_activity(self, activity: PlanActivity | None = None) -> None:
        kind, record_id = self.selected()
        objective_id = record_id if kind == "objective" else None
        if kind == "activity":
            objective_id = next(
                (a.objective_id for a in self.activities if a.id == record_id), None
            )
        self._open(
            plan_dialogs.ActivityDialog(
                self.services,
                self.session,
                self.objectives,
                self,
                objective_id=objective_id,
                activity=activity,
            )
        )

    def ask_agree(self) -> None:
        if self.plan is not None:
            self._open(plan_dialogs.agree_dialog(self.services, self.session, self.plan, self))

    def ask_close(self) -> None:
        if self.plan is not None:
            self._open(plan_dialogs.close_dialog(self.services, self.session, self.plan, self))

    def ask_review(self) -> None:
        if self.plan is not None:
            dialog = ReviewDialog(self.services, self.session, self.plan, self.objectives, self)
            self._open(dialog, self._show_review)

    def _show_review(self, review: PlanReview | None) -> None:
        if review is None:
            return
        changes = json.loads(review.changes) or [tr("Sin cambios en los objetivos.")]
        QMessageBox.information(
            self,
            tr("Revisión guardada: versión {v}").format(v=review.plan_version),
            "\n".join(f"• {c}" for c in changes),
        )

    def show_versions(self) -> None:
        if self.plan is not None and self.reviews:
            dialog = VersionsDialog(self.services, self.session, self.plan.id, self.reviews, self)
            self.dialog = dialog
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

    def _edit_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind, record_id = item.data(0, KIND_ROLE), item.data(0, ID_ROLE)
        if kind == "objective":
            self.ask_objective(next(o for o in self.objectives if o.id == record_id))
        elif kind == "activity":
            self.ask_activity(next(a for a in self.activities if a.id == record_id))

    def edit_selected(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._edit_item(item)

    def remove_selected(self) -> None:
        kind, record_id = self.selected()
        if kind is None or record_id is None:
            return
        answer = QMessageBox.question(
            self, tr("Quitar del plan"), tr("¿Quitar lo seleccionado del borrador del plan?")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        plans, actor = self.services.plans, self.session.actor
        try:
            if kind == "objective":
                plans.remove_objective(actor, record_id)
            else:
                plans.remove_activity(actor, record_id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se ha quitado"), str(error))
            return
        self.refresh()
        assert self.participant_id
        self.changed.emit(self.participant_id)

    def print_acuerdo(self) -> None:
        """Create or refresh the acuerdo form of this version and preview it for printing; the
        form stays in Formularios to finalise, sign and attach the signed scan."""
        if self.plan is None:
            return
        try:
            form = self.services.plans.acuerdo_form(self.session.actor, self.plan.id)
            path = self._temporary_pdf()
            self.services.forms.issue_pdf(self.session.actor, form.id, path)
        except UserError as error:
            QMessageBox.warning(self, tr("No se pudo preparar el acuerdo"), str(error))
            return
        assert self.participant_id
        self.changed.emit(self.participant_id)
        from reinsercion_desktop.ui.forms.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(path, tr("Acuerdo de incorporación"), self, temporary=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _temporary_pdf(self) -> Path:
        # As the Formularios tab does: inside the data folder, deleted when the preview closes.
        folder = self.session.scratch_dir
        folder.mkdir(exist_ok=True)
        descriptor, name = tempfile.mkstemp(dir=folder, prefix="acuerdo-", suffix=".pdf")
        os.close(descriptor)
        return Path(name)
