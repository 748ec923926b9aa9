"""The acuerdo de incorporación of a plan: the form filled from the plan's current version,
for the Plan tab to print and for the person to sign (a part of `PlanService`)."""

import json
from collections.abc import Callable, Sequence

from reinsercion_desktop.db import plan_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import FormStatus, ObjectiveStatus
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.forms import FormInstanceView, FormService
from reinsercion_desktop.services.plan_views import ActivityView, ObjectiveView, PlanView

ACUERDO_FORM_ID = "acuerdo-incorporacion"


class PlanAcuerdo:
    """Mixed into `PlanService`: needs `self.db`, `self.forms` and `self.get_plan`."""

    db: Database
    forms: FormService
    get_plan: Callable[[str], PlanView]

    def acuerdo_form(self, actor: Actor, plan_id: str) -> FormInstanceView:
        """The acuerdo form of the plan's current version: a new draft, or the draft refreshed;
        a finalised or signed one of this same version is returned as it is."""
        authorize(actor, PermissionAction.PLAN_EDIT)
        plan = self.get_plan(plan_id)
        values = acuerdo_values(plan, plan.objectives, plan.activities)
        with self.db.read() as session:
            latest = plan_queries.latest_form_of(
                session=session, participant_id=plan.participant_id, form_id=ACUERDO_FORM_ID
            )
        newest = self.forms.catalogue.latest(ACUERDO_FORM_ID).version
        if latest is not None and latest.definition_version == newest:
            data = json.loads(latest.data or "{}")
            same = all(data.get(k) == values[k] for k in ("version_plan", "fecha_inicio"))
            if latest.status != FormStatus.DRAFT and same:
                return self.forms.view(latest.id)
            if latest.status == FormStatus.DRAFT:
                return self.forms.save_draft(
                    actor, latest.id, data | values, expected_version=latest.version
                )
        created = self.forms.create(actor, ACUERDO_FORM_ID, plan.participant_id)
        data = json.loads(created.data or "{}")
        return self.forms.save_draft(
            actor, created.id, data | values, expected_version=created.version
        )

    def acuerdo_form_id(self, actor: Actor, plan_id: str) -> str:
        """The id of the acuerdo form to print (see `acuerdo_form`), for the Plan tab."""
        return self.acuerdo_form(actor, plan_id).id


def acuerdo_values(
    plan: PlanView,
    objectives: Sequence[ObjectiveView],
    activities: Sequence[ActivityView],
) -> dict:
    """The acuerdo form's values that come from the plan (dropped objectives left out)."""
    kept = [o for o in objectives if o.status != ObjectiveStatus.DROPPED]
    titles = {o.id: o.title for o in kept}
    return {
        "version_plan": f"v{plan.current_version}",
        "fecha_inicio": plan.start_date.isoformat(),
        "proxima_revision": plan.next_review_date.isoformat() if plan.next_review_date else "",
        "objetivo_general": plan.general_goal,
        "compromisos": plan.commitments,
        "objetivos": [
            {
                "area": o.area,
                "objetivo": o.title,
                "indicador": o.indicator,
                "meta": o.target,
                "plazo": o.deadline.isoformat() if o.deadline else "",
                "prioridad": o.priority,
            }
            for o in kept
        ],
        "actividades": [
            {
                "actividad": a.description,
                "objetivo": titles[a.objective_id],
                "fecha": a.due_date.isoformat() if a.due_date else "",
                "estado": a.status,
            }
            for a in activities
            if a.objective_id in titles
        ],
    }
