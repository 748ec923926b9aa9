"""Tab "Plan" of a participant's file: the reintegration plan (itinerario) by area, its
objectives and activities, the overdue ones in red (R-PLAN-4), and its reviews below.

It reads one `PlanView` (the plan with its objectives, activities and reviews) when in
sight; every dialog saves through `PlanService` and, once saved, the tab reads again and
emits `changed`. Built to fit a central area of 760 × 430: the buttons that do not fit go
in «Más acciones», the tree and the reviews share a splitter and scroll.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import PlanStatus
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.plan_views import (
    ActivityView,
    ObjectiveView,
    PlanView,
    ReviewView,
)
from reinsercion_desktop.services.plans import PlanService
from reinsercion_desktop.ui.plan import plan_dialogs
from reinsercion_desktop.ui.plan.plan_tree import ID_ROLE, KIND_ROLE, fill_plan_tree, make_plan_tree
from reinsercion_desktop.ui.plan.review_dialog import ReviewDialog
from reinsercion_desktop.ui.plan.versions_dialog import VersionsDialog
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_bar import ActionBar
from reinsercion_desktop.ui.widgets.lazy import LazyTab
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

REVIEW_COLUMNS = (
    Column[ReviewView](
        tr("Fecha"), lambda r: format_date_es(r.on_date), sort_key=lambda r: r.on_date
    ),
    Column[ReviewView](tr("Revisa"), lambda r: r.reviewer_name, max_width=180),
    Column[ReviewView](tr("Versión"), lambda r: f"v{r.plan_version}"),
    Column[ReviewView](tr("Cambios"), lambda r: r.text, prose=True),
)


class PlanTab(LazyTab):
    """Plan: start it, add objectives and activities, agree it, review it, print the acuerdo."""

    changed = Signal(str)  # the participant id, after any write

    def __init__(
        self,
        plans: PlanService,
        forms: FormService,
        session: Session,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.plans = plans
        self.forms = forms
        self.session = session
        self.plan: PlanView | None = None
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
        self.overdue_label.setWordWrap(True)
        set_role(self.overdue_label, "error")
        self.bar = ActionBar()
        self.objective_button = self.bar.add_button(
            tr("Añadir objetivo"), lambda: self.ask_objective(), name="plan_add_objective"
        )
        self.activity_button = self.bar.add_button(
            tr("Añadir actividad"), lambda: self.ask_activity(), name="plan_add_activity"
        )
        self.agree_button = self.bar.add_button(
            tr("Acordar plan"), self.ask_agree, name="plan_agree", primary=True
        )
        self.review_button = self.bar.add_button(
            tr("Revisar plan…"), self.ask_review, name="plan_review"
        )
        self.acuerdo_button = self.bar.add_button(
            tr("Acuerdo de incorporación (PDF)"), self.print_acuerdo, name="plan_acuerdo"
        )
        self.versions_button = self.bar.add_button(
            tr("Versiones…"), self.show_versions, name="plan_versions"
        )
        self.actions = self._make_actions()

        self.tree = make_plan_tree()
        self.tree.itemDoubleClicked.connect(self._edit_item)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.reviews_model = RowsTableModel(REVIEW_COLUMNS)
        self.reviews_table = RowsTableView(self.reviews_model, "plan_reviews")
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setObjectName("plan_lower_tabs")
        self.lower_tabs.setUsesScrollButtons(True)
        self.lower_tabs.addTab(self.reviews_table, tr("Revisiones"))

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
        page_layout.addWidget(self.bar)
        page_layout.addWidget(splitter, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(empty)
        self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def _make_actions(self) -> dict[str, QAction]:
        """The less frequent actions: only in «Más acciones»."""
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
            self.bar.add_menu_action(action)
        return actions

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.participant_id:
            return
        self.stale = False
        self.plan = self.plans.plan_of(self.participant_id)
        self.pages.setCurrentIndex(1 if self.plan else 0)
        if self.plan is None:
            self.reviews_model.set_rows([])
            return
        self._show_header(self.plan)
        fill_plan_tree(self.tree, self.plan)
        self.reviews_model.set_rows(reversed(self.plan.reviews))  # newest first
        self._update_buttons()

    def _show_header(self, plan: PlanView) -> None:
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
        overdue = len(plan.overdue_objectives)
        self.overdue_label.setText(
            tr("{n} objetivo(s) vencido(s): revise sus plazos.").format(n=overdue)
            if overdue
            else ""
        )
        self.overdue_label.setVisible(bool(overdue))

    def _update_buttons(self) -> None:
        plan = self.plan
        draft = plan is not None and plan.is_draft
        has_objectives = plan is not None and bool(plan.objectives)
        self.agree_button.action.setVisible(draft)
        self.agree_button.action.setEnabled(has_objectives)
        self.review_button.action.setVisible(not draft)
        self.review_button.action.setEnabled(plan is not None and plan.is_agreed)
        self.activity_button.action.setEnabled(has_objectives)
        self.acuerdo_button.action.setEnabled(has_objectives)
        self.versions_button.action.setEnabled(plan is not None and bool(plan.reviews))
        kind, _ = self.selected()
        self.actions["edit_item"].setEnabled(kind is not None)
        self.actions["remove_item"].setEnabled(kind is not None and draft)

    def selected(self) -> tuple[str | None, str | None]:
        item = self.tree.currentItem()
        if item is None:
            return None, None
        return item.data(0, KIND_ROLE), item.data(0, ID_ROLE)

    # -- actions ---------------------------------------------------------------------------

    def _open(self, dialog: QWidget, on_saved: Callable[[Any], None] | None = None) -> None:
        """Non-modal for the event loop (`open()`), refreshed and announced when saved."""
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._saved(dialog, on_saved))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _saved(self, dialog: QWidget, on_saved: Callable[[Any], None] | None) -> None:
        self.refresh()
        assert self.participant_id
        self.changed.emit(self.participant_id)
        if on_saved is not None:
            on_saved(dialog.outcome)

    def ask_start(self) -> None:
        assert self.participant_id
        self._open(
            plan_dialogs.plan_dialog(self.plans, self.session, self.participant_id, self, None)
        )

    def ask_edit_plan(self) -> None:
        if self.plan and self.participant_id:
            self._open(
                plan_dialogs.plan_dialog(
                    self.plans, self.session, self.participant_id, self, self.plan
                )
            )

    def ask_objective(self, objective: ObjectiveView | None = None) -> None:
        if self.plan is None or self.participant_id is None:
            return
        proposed = self.plans.proposals_for(self.participant_id) if objective is None else []
        self._open(
            plan_dialogs.ObjectiveDialog(
                self.plans, self.session, self.plan, self, objective, proposed
            )
        )

    def ask_activity(self, activity: ActivityView | None = None) -> None:
        if self.plan is None:
            return
        kind, record_id = self.selected()
        objective_id = record_id if kind == "objective" else None
        if kind == "activity" and record_id:
            chosen = self.plan.activity(record_id)
            objective_id = chosen.objective_id if chosen else None
        self._open(
            plan_dialogs.ActivityDialog(
                self.plans,
                self.session,
                list(self.plan.objectives),
                self,
                objective_id=objective_id,
                activity=activity,
            )
        )

    def ask_agree(self) -> None:
        if self.plan is not None:
            self._open(plan_dialogs.agree_dialog(self.plans, self.session, self.plan, self))

    def ask_close(self) -> None:
        if self.plan is not None:
            self._open(plan_dialogs.close_dialog(self.plans, self.session, self.plan, self))

    def ask_review(self) -> None:
        if self.plan is not None:
            self._open(ReviewDialog(self.plans, self.session, self.plan, self), self._show_review)

    def _show_review(self, review: ReviewView | None) -> None:
        if review is None:
            return
        changes = list(review.changes) or [tr("Sin cambios en los objetivos.")]
        QMessageBox.information(
            self,
            tr("Revisión guardada: versión {v}").format(v=review.plan_version),
            "\n".join(f"• {c}" for c in changes),
        )

    def show_versions(self) -> None:
        if self.plan is not None and self.plan.reviews:
            dialog = VersionsDialog(self.plans, self.plan.id, list(self.plan.reviews), self)
            self.dialog = dialog
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

    def _edit_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if self.plan is None:
            return
        kind, record_id = item.data(0, KIND_ROLE), item.data(0, ID_ROLE)
        if kind == "objective":
            self.ask_objective(self.plan.objective(record_id))
        elif kind == "activity":
            self.ask_activity(self.plan.activity(record_id))

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
        try:
            if kind == "objective":
                self.plans.remove_objective(self.session.actor, record_id)
            else:
                self.plans.remove_activity(self.session.actor, record_id)
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
        actor = self.session.actor
        try:
            form_id = self.plans.acuerdo_form_id(actor, self.plan.id)
            data = self.forms.issue_pdf_bytes(actor, form_id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se pudo preparar el acuerdo"), str(error))
            return
        assert self.participant_id
        self.changed.emit(self.participant_id)
        from reinsercion_desktop.ui.forms.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(data, tr("Acuerdo de incorporación"), self)  # from memory
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
