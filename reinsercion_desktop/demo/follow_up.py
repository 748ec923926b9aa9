"""The follow-up side of the demo's case work (a mixin of plans.CaseWriter): fortnightly
interviews with the next appointment (R-FU-1), contacts with other services, case
conferences with owned tasks (R-FU-2), job placements followed monthly, and referrals to
the resource catalogue that respect enrolment windows (R-RES-1). Kept up to date, as a
careful centre does: a missed appointment, a late task or follow-up now and then."""

import json
from dataclasses import dataclass
from datetime import date, timedelta

from reinsercion_desktop.db.models import (
    CaseConference,
    CoordinationContact,
    EmploymentPlacement,
    Interview,
    JobFollowUp,
    ResourceReferral,
)
from reinsercion_desktop.domain.dates import age_on
from reinsercion_desktop.domain.enums import (
    ContractType,
    DischargeType,
    InterviewKind,
    ObjectiveStatus,
    PlanArea,
    ResourceCategory,
    ResourceReferralStatus,
)
from reinsercion_desktop.domain.stay_rules import ADULT_AGE

# Which catalogue a plan area sends people to.
_CATEGORIES = {
    PlanArea.TRAINING_WORK: (
        ResourceCategory.ACADEMIC,
        ResourceCategory.JOB_TRAINING,
        ResourceCategory.JOB_BOARD,
    ),
    PlanArea.LEISURE: (ResourceCategory.LEISURE,),
    PlanArea.SOCIAL: (ResourceCategory.LEISURE, ResourceCategory.OTHER_SERVICES),
    PlanArea.HEALTH: (ResourceCategory.OTHER_SERVICES,),
    PlanArea.LEGAL: (ResourceCategory.OTHER_SERVICES,),
}
INTERVIEW_EVERY = 14


@dataclass(slots=True)
class Case:
    participant_id: str
    manager: str
    ptm: bool
    admission: date
    discharge: date | None
    discharge_type: str
    birth_date: date = date.min

    @property
    def end(self) -> date:  # the last day of case work so far
        return self.discharge or date.max


class FollowUpSteps:
    """Needs the writer's rng, today, texts, names, by_category, summary and `add`."""

    def _staff_name(self, case: Case) -> str:  # type: ignore[misc]
        """The case manager, or the team's first técnico/a for a file without one."""
        return self.names.get(case.manager) or self.fallback_name

    def _interviews(self, case: Case, end: date) -> None:
        rng = self.rng
        on = case.admission + timedelta(days=rng.randint(2, 5))
        every = INTERVIEW_EVERY if case.discharge is None else INTERVIEW_EVERY * 2
        last = None
        while on <= end:
            kind = InterviewKind.FAMILY if rng.random() < 0.12 else InterviewKind.INDIVIDUAL
            self.summary.interviews += 1
            last = self.add(
                Interview, case.participant_id, participant_id=case.participant_id, on_date=on,
                kind=kind.value, staff_name=self._staff_name(case),
                notes=rng.choice(self.texts.interview_notes), next_appointment_date=None,
                next_appointment_time="",
            )  # fmt: skip
            on += timedelta(days=every + rng.randint(-2, 3))
        if last is not None and case.discharge is None:
            row = self.rows[Interview][-1]
            # One open case in forty missed the last appointment (overdue in Pendientes).
            self.open_cases += 1
            missed = self.open_cases % 40 == 39 and row["on_date"] < end - timedelta(days=2)
            ahead = -1 if missed else rng.randint(1, 14)
            row["next_appointment_date"] = end + timedelta(days=ahead)
            row["next_appointment_time"] = rng.choice(
                ("09:30", "10:00", "11:00", "12:30", "13:00", "17:00")
            )

    def _contacts(self, case: Case, end: date) -> None:
        rng = self.rng
        span = (end - case.admission).days
        for _ in range(min(3, 1 + span // 90)):
            kind = rng.choice(list(self.texts.contact_entities))
            entity, person = rng.choice(self.texts.contact_entities[kind])
            self.add(
                CoordinationContact, case.participant_id, participant_id=case.participant_id,
                on_date=case.admission + timedelta(days=rng.randint(0, max(span, 0))),
                service_kind=kind.value, entity=entity, contact_person=person,
                channel=rng.choice(("Teléfono", "Correo electrónico", "Reunión", "Informe")),
                notes="Coordinación del caso: se comparte la evolución y se acuerdan los siguientes pasos.",
            )  # fmt: skip

    def _conference(self, case: Case, end: date) -> None:
        rng = self.rng
        on = end - timedelta(days=rng.randint(10, 40))
        manager = self._staff_name(case)
        guests = self.texts.conference_guests
        attendees = [{"name": manager, "entity": "Gestor/a de caso"}]
        attendees += [{"name": n, "entity": e} for n, e in guests[: 2 + (rng.random() < 0.4)]]
        done_task, open_task = rng.sample(self.texts.conference_tasks, 2)
        # One open task in twelve is late (Pendientes shows it overdue); the others are ahead.
        late = -2 if self.summary.conferences % 12 == 11 else rng.randint(3, 20)
        tasks = [
            {"task": done_task[0], "owner": done_task[1], "due": (on + timedelta(days=7)).isoformat(),
             "done": (on + timedelta(days=6)).isoformat()},
            {"task": open_task[0], "owner": open_task[1],
             "due": (end + timedelta(days=late)).isoformat(), "done": ""},
        ]  # fmt: skip
        self.add(
            CaseConference, case.participant_id, participant_id=case.participant_id, on_date=on,
            attendees=json.dumps(attendees, ensure_ascii=False), topic="Revisión del itinerario",
            decisions=rng.choice(self.texts.conference_decisions), tasks=json.dumps(tasks, ensure_ascii=False),
        )  # fmt: skip
        self.summary.conferences += 1

    def _employment(self, case: Case, end: date) -> None:
        rng = self.rng
        if age_on(case.birth_date, end) < ADULT_AGE:
            return  # an adolescent studies: no job placement
        if case.discharge is None:
            eligible = (end - case.admission).days > 120 and rng.random() < 0.3
        else:
            eligible = case.discharge_type == DischargeType.THERAPEUTIC and rng.random() < 0.5
        if not eligible:
            return
        start = case.admission + timedelta(
            days=rng.randint(90, max(91, (end - case.admission).days - 10))
        )
        if start > self.today:
            return
        insertion, texts = rng.random() < 0.4, self.texts
        placement = self.add(
            EmploymentPlacement, case.participant_id, participant_id=case.participant_id,
            employer=rng.choice(texts.insertion_companies if insertion else texts.employers),
            insertion_company=insertion, position=rng.choice(texts.positions),
            contract_type=rng.choice((ContractType.TEMPORARY, ContractType.TEMPORARY,
                                      ContractType.PERMANENT, ContractType.TRAINING)).value,
            hours_per_week=rng.choice((20, 30, 40)), start_date=start, end_date=None,
        )  # fmt: skip
        on = start + timedelta(days=30)
        # Followed monthly up to today; one placement in twenty is a follow-up behind.
        self.placements += 1
        last = self.today - timedelta(days=35 if self.placements % 20 == 19 else 0)
        while on <= last:
            self.add(
                JobFollowUp, case.participant_id, participant_id=case.participant_id,
                placement_id=placement, on_date=on, still_employed=True, notes=rng.choice(texts.job_notes),
            )  # fmt: skip
            on += timedelta(days=30)
        self.summary.placements += 1

    def _resource_referrals(self, case: Case, objectives: list, end: date) -> None:
        rng = self.rng
        for objective_id, state in objectives:
            categories = _CATEGORIES.get(PlanArea(state.area))
            if not categories or rng.random() < 0.4:
                continue
            choices = [r for c in categories for r in self.by_category.get(c.value, ())]
            open_ones = [r for r in choices if r.open_all_year]
            status = {
                ObjectiveStatus.ACHIEVED: ResourceReferralStatus.FINISHED,
                ObjectiveStatus.IN_PROGRESS: rng.choice(
                    (ResourceReferralStatus.ENROLLED, ResourceReferralStatus.ONGOING)
                ),
                ObjectiveStatus.NOT_ACHIEVED: ResourceReferralStatus.ABANDONED,
                ObjectiveStatus.DROPPED: ResourceReferralStatus.ABANDONED,
            }.get(ObjectiveStatus(state.status), ResourceReferralStatus.PROPOSED)
            if status != ResourceReferralStatus.PROPOSED:
                choices = open_ones  # enrolled: only where enrolment is always open (R-RES-1)
            if not choices:
                continue
            resource = rng.choice(choices)
            proposed = min(end, case.admission + timedelta(days=rng.randint(15, 40)))
            enrolled = (
                None
                if status == ResourceReferralStatus.PROPOSED
                else min(end, proposed + timedelta(days=7))
            )
            finished = (
                min(end, (state.deadline or end))
                if status in (ResourceReferralStatus.FINISHED, ResourceReferralStatus.ABANDONED)
                else None
            )
            self.add(
                ResourceReferral, case.participant_id, participant_id=case.participant_id,
                resource_id=resource.id, objective_id=objective_id, status=status.value,
                proposed_date=proposed, enrolled_date=enrolled, finished_date=finished,
            )  # fmt: skip
            self.summary.resource_referrals += 1
