"""Small dialogs of the plan tab: the plan's data, an objective, an activity, the agreement,
closing. Each is an `ActionDialog` whose Save calls one `PlanService` method; the rules
(R-PLAN-1, R-PLAN-2) stay in the service and their messages appear beside each field."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from reinsercion_desktop.domain.dates import add_months
from reinsercion_desktop.domain.enums import ActivityStatus, ObjectiveStatus, PlanArea, Priority
from reinsercion_desktop.domain.plan_rules import ActivityDraft, ObjectiveDraft, PlanDraft
from reinsercion_desktop.domain.plan_templates import (
    GENERAL_GOAL,
    ObjectiveTemplate,
    activity_template,
    activity_templates_for,
    objective_template,
    objective_templates_for,
)
from reinsercion_desktop.services.plan_views import ActivityView, ObjectiveView, PlanView
from reinsercion_desktop.services.plans import PlanService
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, combo, long_text
from reinsercion_desktop.ui.widgets.inputs import ComboBox, SpinBox

OWN_OBJECTIVE = ""  # the template combo's first entry: an objective written by hand
REVIEW_MONTHS = 3  # a first review suggested three months after the start


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _template_combo() -> QComboBox:
    """Long template titles must not push the labels out of the dialog."""
    box = ComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(30)
    return box


def plan_dialog(
    plans: PlanService,
    session: Session,
    participant_id: str,
    parent: QWidget,
    plan: PlanView | None,
) -> ActionDialog:
    """Start a plan (plan None) or change its own data."""
    today = session.today()
    start = plan.start_date if plan else today
    dialog = ActionDialog(
        tr("Datos del plan") if plan else tr("Empezar plan"),
        parent,
        intro=tr(
            "El plan se prepara con la persona; cuando lo acuerden, se imprime el acuerdo "
            "de incorporación para firmarlo."
        ),
        save_text=tr("Guardar") if plan else tr("Empezar plan"),
        width=600,
    )
    dialog.add_date("start_date", tr("Inicio del plan"), start)
    dialog.add(
        "general_goal",
        tr("Objetivo general"),
        long_text(plan.general_goal if plan else GENERAL_GOAL),
    )
    dialog.add("commitments", tr("Compromisos"), long_text(plan.commitments if plan else ""))
    suggested = plan.next_review_date if plan else add_months(start, REVIEW_MONTHS)
    dialog.add_date("next_review_date", tr("Próxima revisión"), suggested)

    def save(d: ActionDialog):  # type: ignore[no-untyped-def]
        draft = PlanDraft(
            d.date("start_date", required=False),
            d.text("general_goal"),
            d.text("commitments"),
            d.date("next_review_date", required=False),
        )
        if plan is None:
            return plans.start_plan(session.actor, participant_id, draft)
        return plans.update_plan(session.actor, plan.id, draft)

    dialog.action = save
    return dialog


class ObjectiveDialog(ActionDialog):
    """An objective: area → template (fills title, indicator, target) → measures and state."""

    def __init__(
        self,
        plans: PlanService,
        session: Session,
        plan: PlanView,
        parent: QWidget,
        objective: ObjectiveView | None = None,
        proposed: list[ObjectiveTemplate] | None = None,
    ):
        super().__init__(
            tr("Objetivo del plan") if objective else tr("Añadir objetivo"),
            parent,
            intro=tr(
                "Elija el área y, si quiere, uno de los objetivos del programa; "
                "todo se puede cambiar. Un objetivo se mide con su indicador y su meta."
            ),
            width=640,
        )
        self.proposed = {t.code for t in (proposed or [])}
        first_area = objective.area if objective else (proposed[0].area if proposed else None)
        self.area_combo = self.add("area", tr("Área"), combo(PlanArea.choices(), first_area))
        self.template_combo = self.add("template", tr("Plantilla"), _template_combo())
        self.title_edit = self.add("title", tr("Objetivo"), long_text(height=56))
        self.indicator_edit = self.add("indicator", tr("Indicador"), QLineEdit())
        self.target_edit = self.add("target", tr("Meta"), QLineEdit())
        self.deadline_edit = self.add_date(
            "deadline", tr("Plazo"), objective.deadline if objective else None
        )
        self.priority_combo = self.add(
            "priority",
            tr("Prioridad"),
            combo(Priority.choices(), objective.priority if objective else "media"),
        )
        self.status_combo = self.add(
            "status",
            tr("Estado"),
            combo(ObjectiveStatus.choices(), objective.status if objective else "pendiente"),
        )
        self.progress_spin = SpinBox()
        self.progress_spin.setRange(0, 100)
        self.progress_spin.setSuffix(" %")
        self.progress_spin.setValue(objective.progress if objective else 0)
        self.progress_spin.setMaximumWidth(100)
        self.add("progress", tr("Progreso"), self.progress_spin)
        self.template_code = objective.template_code if objective else ""
        self._fill_templates()
        if objective is not None:
            self.title_edit.setPlainText(objective.title)
            self.indicator_edit.setText(objective.indicator)
            self.target_edit.setText(objective.target)
        self.area_combo.currentIndexChanged.connect(self._fill_templates)
        self.template_combo.currentIndexChanged.connect(self._template_chosen)
        self.action = lambda d: self._save(plans, session, plan, objective)

    def _fill_templates(self) -> None:
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        self.template_combo.addItem(tr("Objetivo propio…"), OWN_OBJECTIVE)
        for template in objective_templates_for(self.area_combo.currentData()):
            mark = tr(" (propuesto por la valoración)") if template.code in self.proposed else ""
            self.template_combo.addItem(_short(template.title) + mark, template.code)
            self.template_combo.setItemData(
                self.template_combo.count() - 1, template.title, Qt.ItemDataRole.ToolTipRole
            )
        index = self.template_combo.findData(self.template_code)
        self.template_combo.setCurrentIndex(max(index, 0))
        self.template_combo.blockSignals(False)

    def _template_chosen(self) -> None:
        code = self.template_combo.currentData() or ""
        self.template_code = code
        template = objective_template(code)
        if template is None:
            return
        self.title_edit.setPlainText(template.title)
        self.indicator_edit.setText(template.indicator)
        self.target_edit.setText(template.target)

    def draft(self) -> ObjectiveDraft:
        template = objective_template(self.template_code)
        # A template whose title was rewritten is no longer that template.
        kept = template is not None and template.title == self.title_edit.toPlainText().strip()
        return ObjectiveDraft(
            area=self.area_combo.currentData(),
            title=self.title_edit.toPlainText(),
            indicator=self.indicator_edit.text(),
            target=self.target_edit.text(),
            deadline=self.date("deadline"),
            priority=self.priority_combo.currentData(),
            status=self.status_combo.currentData(),
            progress=self.progress_spin.value(),
            template_code=self.template_code if kept else "",
        )

    def _save(
        self,
        plans: PlanService,
        session: Session,
        plan: PlanView,
        objective: ObjectiveView | None,
    ) -> ObjectiveView:
        draft = self.draft()
        if objective is None:
            return plans.add_objective(session.actor, plan.id, draft)
        return plans.update_objective(session.actor, objective.id, draft)


class ActivityDialog(ActionDialog):
    """An activity of one of the plan's objectives (templates of §8 for its area)."""

    def __init__(
        self,
        plans: PlanService,
        session: Session,
        objectives: list[ObjectiveView],
        parent: QWidget,
        *,
        objective_id: str | None = None,
        activity: ActivityView | None = None,
    ):
        super().__init__(tr("Actividad") if activity else tr("Añadir actividad"), parent, width=600)
        self.objectives = {o.id: o for o in objectives}
        chosen = activity.objective_id if activity else objective_id
        self.objective_combo = self.add(
            "objective",
            tr("Para el objetivo"),
            combo([(o.id, _short(o.title, 70)) for o in objectives], chosen),
        )
        self.objective_combo.setEnabled(activity is None)
        self.template_combo = self.add("template", tr("Plantilla"), _template_combo())
        self.description_edit = self.add("description", tr("Actividad"), QLineEdit())
        self.due_edit = self.add_date(
            "due_date", tr("Fecha prevista"), activity.due_date if activity else None
        )
        self.status_combo = self.add(
            "status",
            tr("Estado"),
            combo(ActivityStatus.choices(), activity.status if activity else "prevista"),
        )
        self.template_code = activity.template_code if activity else ""
        if activity is not None:
            self.description_edit.setText(activity.description)
        self._fill_templates()
        self.objective_combo.currentIndexChanged.connect(self._fill_templates)
        self.template_combo.currentIndexChanged.connect(self._template_chosen)

        def save(d: ActionDialog):  # type: ignore[no-untyped-def]
            draft = ActivityDraft(
                self.description_edit.text(),
                d.date("due_date", required=False),
                self.status_combo.currentData(),
                self._kept_template(),
            )
            if activity is None:
                return plans.add_activity(session.actor, self.objective_combo.currentData(), draft)
            return plans.update_activity(session.actor, activity.id, draft)

        self.action = save

    def _fill_templates(self) -> None:
        objective = self.objectives.get(self.objective_combo.currentData())
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        self.template_combo.addItem(tr("Actividad propia…"), "")
        for template in activity_templates_for(objective.area if objective else ""):
            self.template_combo.addItem(_short(template.description), template.code)
        self.template_combo.setCurrentIndex(
            max(self.template_combo.findData(self.template_code), 0)
        )
        self.template_combo.blockSignals(False)

    def _template_chosen(self) -> None:
        self.template_code = self.template_combo.currentData() or ""
        template = activity_template(self.template_code)
        if template is not None:
            self.description_edit.setText(template.description)

    def _kept_template(self) -> str:
        template = activity_template(self.template_code)
        same = template is not None and template.description == self.description_edit.text().strip()
        return self.template_code if same else ""


def agree_dialog(
    plans: PlanService, session: Session, plan: PlanView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(
        tr("Acordar plan"),
        parent,
        intro=tr(
            "El plan queda vigente como versión 1. A partir de ahora los cambios se hacen "
            "revisándolo, y cada revisión queda registrada."
        ),
        save_text=tr("Acordar plan"),
    )
    dialog.add_date("on_date", tr("Fecha del acuerdo"), session.today())
    dialog.action = lambda d: plans.agree_plan(session.actor, plan.id, d.date("on_date"))
    return dialog


def close_dialog(
    plans: PlanService, session: Session, plan: PlanView, parent: QWidget
) -> ActionDialog:
    dialog = ActionDialog(tr("Cerrar plan"), parent, save_text=tr("Cerrar plan"))
    today: date = session.today()
    dialog.add_date("on_date", tr("Fecha de cierre"), today)
    dialog.add("reason", tr("Motivo"), QLineEdit())
    dialog.action = lambda d: plans.close_plan(
        session.actor, plan.id, d.date("on_date"), d.text("reason")
    )
    return dialog
