"""The checker's reading of the records: people, protocols, stays and the case work.

Dates in order (birth < protocol ≤ reception ≤ inclusion ≤ assignment ≤ admission <
outings < discharge ≤ today), the programme's age at admission (R-ADM-1), a signed consent
and an Anexo I for every resident (R-ADM-3), justified stays past 9 months (R-STAY-2), 30 to
40 days of outings at most (R-STAY-1), a criterion for each disciplinary discharge
(R-DIS-1), a new protocol after a discharge (R-DIS-2), postponements within 3 months
(R-WL-2), contributions within 20 % of the cost of a place (R-ECO-1), valid identity
documents and phones, a methadone programme only with an opioid profile, and plans whose
objectives read as they stand (never «Descartado» or «No conseguido» at 100 %).
"""

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta

from reinsercion_desktop.demo.check_forms import valid_phone
from reinsercion_desktop.demo.checker import DemoFacts, Finding
from reinsercion_desktop.demo.circuit_model import REFERRING
from reinsercion_desktop.demo.identity import curp_problem
from reinsercion_desktop.demo.people import OPIOIDS
from reinsercion_desktop.domain.dates import add_months, age_on
from reinsercion_desktop.domain.enums import IdKind
from reinsercion_desktop.domain.identity import id_number_problem
from reinsercion_desktop.domain.referral_rules import postponement_limit
from reinsercion_desktop.domain.resource_rules import periods_from_json
from reinsercion_desktop.domain.stay_rules import (
    ADOLESCENT_MIN_AGE,
    ADULT_AGE,
    OUTING_MAX_DAYS,
    REINTEGRATION_KIND,
    max_daily_contribution,
)

STEPS = ("protocol_date", "received_date", "included_date", "assigned_date")


def check_records(facts: DemoFacts) -> list[Finding]:
    return list(_Records(facts).run())


class _Records:
    def __init__(self, facts: DemoFacts):
        t = facts.tables
        self.today, self.t = facts.today, t
        (self.installation,) = [i for i in t["installation"] if i.is_local]
        reintegration = self.installation.programme_kind == REINTEGRATION_KIND
        self.min_age = ADOLESCENT_MIN_AGE if reintegration else ADULT_AGE
        self.people = {p.id: p for p in t["participant"]}
        self.referrals = {r.id: r for r in t["referral"]}
        self.stays_of: dict[str, list] = defaultdict(list)
        for stay in sorted(t["stay"], key=lambda s: s.admission_date):
            self.stays_of[stay.participant_id].append(stay)
        self.staff_names = {u.full_name for u in t["user_account"] if u.role != "administrador"}
        self.centre_kinds = {c.id: c.kind for c in t["referring_centre"]}

    def who(self, participant_id: str) -> str:
        person = self.people.get(participant_id)
        return person.codapel if person else participant_id[:8]

    def run(self) -> Iterator[Finding]:
        yield from self._people()
        yield from self._centres()
        yield from self._referrals()
        yield from self._stays()
        yield from self._stay_life()
        yield from self._residents_papers()
        yield from self._case_work()

    def _people(self) -> Iterator[Finding]:
        for p in self.people.values():
            where = f"ficha {p.codapel}"
            if p.id_kind == IdKind.CURP:
                problem = id_number_problem(IdKind.CURP, p.id_number) or curp_problem(p.id_number)
                if not problem and (
                    p.id_number[4:10] != f"{p.birth_date:%y%m%d}" or p.id_number[10] != p.sex
                ):
                    problem = "la CURP no corresponde a la fecha de nacimiento o al sexo"
            else:
                problem = id_number_problem(IdKind(p.id_kind), p.id_number)
            if problem:
                yield Finding("documento", where, problem)
            for name in ("phone", "family_phone"):
                if getattr(p, name) and not valid_phone(getattr(p, name)):
                    yield Finding("campo", where, f"{name} «{getattr(p, name)}» no es un teléfono")
            if p.ptm and p.addiction_profile not in OPIOIDS:
                yield Finding("campo", where, f"PTM con perfil «{p.addiction_profile}»")
            if p.ptm != (p.methadone_dose_mg is not None):
                yield Finding("campo", where, "dosis de metadona sin PTM, o PTM sin dosis")
            if p.case_manager_id and self._manager_is_demo(p.case_manager_id):
                yield Finding("campo", where, "la cuenta de demostración como gestor/a de caso")

    def _centres(self) -> Iterator[Finding]:
        """The phones a centre would dial, and the professionals it names."""
        for centre in self.t["referring_centre"]:
            for name in ("phone", "fax"):
                if getattr(centre, name) and not valid_phone(getattr(centre, name)):
                    yield Finding("campo", centre.name, f"{name} «{getattr(centre, name)}»")
            if centre.contact_name and len(centre.contact_name.split()) < 2:
                yield Finding("campo", centre.name, f"contacto «{centre.contact_name}»")
        for name in ("phone", "fax"):
            value = getattr(self.installation, name)
            if value and not valid_phone(value):
                yield Finding("campo", self.installation.name, f"{name} «{value}»")

    def _manager_is_demo(self, user_id: str) -> bool:
        return any(u.id == user_id and u.role == "administrador" for u in self.t["user_account"])

    def _referrals(self) -> Iterator[Finding]:
        for r in self.referrals.values():
            person = self.people[r.participant_id]
            where = f"protocolo {r.id[:8]} ({person.codapel})"
            days = [(name, getattr(r, name)) for name in STEPS if getattr(r, name)]
            if r.planned_admission_date and r.status in ("assigned", "admitted"):
                days.append(("planned_admission_date", r.planned_admission_date))
            for (a, first), (b, second) in zip(days, days[1:], strict=False):
                if second < first:
                    yield Finding("fecha", where, f"{b} {second} antes de {a} {first}")
            if r.protocol_date <= person.birth_date or r.protocol_date > self.today:
                yield Finding("fecha", where, f"protocolo del {r.protocol_date}")
            kind = self.centre_kinds.get(r.referring_centre_id or "")
            if r.status == "admitted" and kind not in REFERRING:
                yield Finding("R-ADM-2", where, "ingreso sin derivación de un CTA, CT o EAIIPP")
            if r.priority_until and not self._priority_holds(r):
                yield Finding("R-WL-4", where, "prioridad de reingreso sin alta derivada reciente")
            if r.status == "postponed" and r.postponed_until and r.included_date:
                limit = postponement_limit(r.included_date)
                if r.postponed_until > limit and not r.keep_decision:  # R-WL-2
                    yield Finding("R-WL-2", where, "aplazado más de 3 meses sin decisión")

    def _priority_holds(self, referral) -> bool:  # type: ignore[no-untyped-def]
        """R-WL-4: a derived discharge of that vivienda, re-referred within 4 months."""
        before = [
            s
            for s in self.stays_of[referral.participant_id]
            if s.discharge_date and s.discharge_date <= referral.protocol_date
        ]
        last = before[-1] if before else None
        return (
            last is not None
            and last.discharge_type == "derivada"
            and referral.priority_vivienda_id == last.vivienda_id
            and referral.priority_until == add_months(last.discharge_date, 4)
        )

    def _stays(self) -> Iterator[Finding]:
        for participant_id, stays in self.stays_of.items():
            person = self.people[participant_id]
            for before, stay in zip([None, *stays], stays, strict=False):
                where = f"estancia {stay.id[:8]} ({person.codapel})"
                referral = self.referrals.get(stay.referral_id or "")
                if age_on(person.birth_date, stay.admission_date) < self.min_age:  # R-ADM-1
                    yield Finding(
                        "R-ADM-1",
                        where,
                        f"ingresa con {age_on(person.birth_date, stay.admission_date)} años",
                    )
                if (
                    referral is None
                    or referral.received_date is None
                    or referral.received_date > stay.admission_date
                ):
                    yield Finding("fecha", where, "ingreso sin protocolo recibido antes")
                if (
                    before is not None
                    and referral
                    and referral.protocol_date < (before.discharge_date or self.today)
                ):
                    yield Finding(
                        "R-DIS-2", where, "protocolo anterior al alta de la estancia previa"
                    )
                end = stay.discharge_date or self.today
                if (
                    stay.discharge_date
                    and not stay.admission_date < stay.discharge_date <= self.today
                ):
                    yield Finding("fecha", where, f"alta el {stay.discharge_date}")
                if (
                    end > add_months(stay.admission_date, 9)
                    and not stay.over_9_months_justification
                ):
                    yield Finding("R-STAY-2", where, "más de 9 meses sin justificación")
                if stay.discharge_type == "disciplinaria" and not stay.disciplinary_criterion:
                    yield Finding("R-DIS-1", where, "alta disciplinaria sin criterio")
                planned = stay.planned_discharge_date
                if planned and planned <= stay.admission_date:
                    yield Finding("fecha", where, f"alta prevista el {planned}")
                yield from self._notice(stay, where)

    def _notice(self, stay, where: str) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        """R-STAY-3: the office told of each discharge, 15 days ahead of a therapeutic one."""
        discharged, notice = stay.discharge_date, stay.discharge_notice_date
        if discharged is None:
            return
        if notice is None:
            yield Finding("R-STAY-3", where, "alta sin comunicar a la oficina")
        elif stay.discharge_type == "terapeutica":
            if not stay.admission_date <= notice <= discharged - timedelta(days=15):
                yield Finding("R-STAY-3", where, f"alta terapéutica comunicada el {notice}")
        elif notice != discharged:
            yield Finding("R-STAY-3", where, f"alta {stay.discharge_type} comunicada el {notice}")

    def _stay_life(self) -> Iterator[Finding]:
        stays = {s.id: s for s in self.t["stay"]}
        outings: dict[str, int] = defaultdict(int)
        for outing in self.t["outing"]:
            stay = stays[outing.stay_id]
            where = f"salida de {self.who(stay.participant_id)}"
            if not stay.admission_date <= outing.start_date < outing.end_date:
                yield Finding("fecha", where, f"del {outing.start_date} al {outing.end_date}")
            if stay.discharge_date and outing.end_date > stay.discharge_date:
                yield Finding("fecha", where, "vuelve después del alta")
            if outing.kind == "ordinaria":
                outings[stay.id] += (outing.end_date - outing.start_date).days
        for stay_id, days in outings.items():
            if days > OUTING_MAX_DAYS:  # R-STAY-1
                yield Finding(
                    "R-STAY-1", self.who(stays[stay_id].participant_id), f"{days} días de salidas"
                )
        for kind in ("tox_control", "incident"):
            for record in self.t[kind]:
                stay = stays[record.stay_id]
                if not stay.admission_date <= record.on_date <= (stay.discharge_date or self.today):
                    yield Finding(
                        "fecha",
                        f"{kind} de {self.who(stay.participant_id)}",
                        f"el {record.on_date}",
                    )
        cost = self.installation.cost_per_place_day
        for c in self.t["economic_contribution"]:
            stay, where = (
                stays[c.stay_id],
                f"aportación de {self.who(stays[c.stay_id].participant_id)}",
            )
            person = self.people[stay.participant_id]
            if c.daily_amount > max_daily_contribution(cost) + 1e-9:  # R-ECO-1
                yield Finding("R-ECO-1", where, f"{c.daily_amount} €/día con un coste de {cost} €")
            if not c.authorised_date or c.authorised_date > c.start_date or not c.authorised_by:
                yield Finding("R-ECO-1", where, "sin autorización previa")
            if c.daily_amount * 30 > c.monthly_income or c.start_date < stay.admission_date:
                yield Finding("R-ECO-1", where, "importe o fecha imposibles")
            if c.income_origin.startswith(
                "Contrato"
            ) and not person.employment_situation.startswith("Empleo"):
                yield Finding("campo", where, f"«{c.income_origin}» sin empleo en la ficha")

    def _residents_papers(self) -> Iterator[Finding]:
        """R-ADM-3: every resident has a signed consent of this stay, and an Anexo I."""
        forms: dict[tuple[str, str], list] = defaultdict(list)
        for form in self.t["form_instance"]:
            if form.participant_id:
                forms[(form.participant_id, form.form_id)].append(form)
        for participant_id, stays in self.stays_of.items():
            stay = stays[-1]
            if stay.discharge_date is not None:
                continue
            before = stays[-2].discharge_date if len(stays) > 1 else None
            consents = [
                f
                for f in forms[(participant_id, "consentimiento")]
                if f.status == "signed" and f.signed_at
                and (before is None or f.signed_at.date() >= before)
                and f.signed_at.date() <= stay.admission_date
            ]  # fmt: skip
            if not consents:
                yield Finding(
                    "R-ADM-3",
                    f"residente {self.who(participant_id)}",
                    "sin consentimiento firmado al ingresar",
                )
            if not forms[(participant_id, "anexo-i")]:
                yield Finding("R-ADM-2", f"residente {self.who(participant_id)}", "sin Anexo I")

    def _case_work(self) -> Iterator[Finding]:
        plans = {p.id: p for p in self.t["reintegration_plan"]}
        states = [
            (f"objetivo de {self.who(o.participant_id)}", o.status, o.progress)
            for o in self.t["plan_objective"]
        ]
        for review in self.t["plan_review"]:  # and as each version of the plan kept them
            where = f"versión {review.plan_version} del plan de {self.who(review.participant_id)}"
            states += [(where, o["status"], o["progress"]) for o in json.loads(review.snapshot)]
        for where, status, progress in states:
            if status in ("descartado", "no_conseguido") and progress >= 100:
                yield Finding("R-PLAN-2", where, f"«{status}» al {progress} %")
            if status == "conseguido" and progress != 100:
                yield Finding("R-PLAN-2", where, f"conseguido al {progress} %")
        for o in self.t["plan_objective"]:
            where = f"objetivo de {self.who(o.participant_id)}"
            if o.deadline and o.deadline < plans[o.plan_id].start_date:
                yield Finding("R-PLAN-1", where, "plazo anterior al inicio del plan")
        for plan in plans.values():
            stays = self.stays_of.get(plan.participant_id, [])
            if not any(s.admission_date <= plan.start_date for s in stays):
                yield Finding(
                    "fecha", f"plan de {self.who(plan.participant_id)}", "empieza antes del ingreso"
                )
        for i in self.t["interview"]:
            where = f"entrevista de {self.who(i.participant_id)}"
            if i.staff_name not in self.staff_names:
                yield Finding("campo", where, f"profesional «{i.staff_name}» fuera del equipo")
            if i.next_appointment_date and i.next_appointment_date <= i.on_date:
                yield Finding("R-FU-1", where, "próxima cita antes de la entrevista")
            if i.on_date > self.today:
                yield Finding("fecha", where, f"el {i.on_date}")
        yield from self._resource_referrals()
        placements = {p.id: p for p in self.t["employment_placement"]}
        for placement in placements.values():
            person = self.people[placement.participant_id]
            if age_on(person.birth_date, placement.start_date) < ADULT_AGE:
                yield Finding("campo", f"empleo de {person.codapel}", "contrato de un/a menor")
        for f in self.t["job_follow_up"]:
            if f.on_date < placements[f.placement_id].start_date or f.on_date > self.today:
                yield Finding(
                    "fecha",
                    f"seguimiento laboral de {self.who(f.participant_id)}",
                    f"el {f.on_date}",
                )

    def _resource_referrals(self) -> Iterator[Finding]:
        """R-RES-1: enrolled while enrolment was open; nobody sent to a past edition."""
        resources = {r.id: r for r in self.t["resource"]}
        for referral in self.t["resource_referral"]:
            resource = resources[referral.resource_id]
            where = f"derivación a «{resource.name}» de {self.who(referral.participant_id)}"
            if not resource.active:
                yield Finding("R-RES-1", where, "a un recurso fuera de la oferta")
            enrolled = referral.enrolled_date
            periods = periods_from_json(resource.enrolment_periods)
            if enrolled and not resource.open_all_year and not any(p.contains(enrolled) for p in periods):  # fmt: skip
                yield Finding("R-RES-1", where, f"inscrito/a el {enrolled} fuera de plazo")
            if enrolled and enrolled < referral.proposed_date:
                yield Finding("fecha", where, "inscrito/a antes de proponerse")
