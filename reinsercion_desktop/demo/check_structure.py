"""The checker's reading of the §12 structure data: year figures and complaints.

Year figures: one record for every vivienda and every year of the demo's history (from
the year the house opened to today's), a planned budget near places × 365 × the cost
per place and day, an actual budget for closed years only and within ±5 % of the
planned one, the weekly hours of a team of 1 to 4 full-time people.
Complaints: received while the house was open and not after today, a kind of the list,
a description; answered on or after the day received and not after today, with the
answer's text exactly when dated; a complaint with a person was made by someone who
lived in that vivienda that day. Satisfaction: Anexo VII questionnaires after the
discharges of the last months.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta

from reinsercion_desktop.demo.checker import DemoFacts, Finding
from reinsercion_desktop.demo.structure import FALLBACK_COST_PER_PLACE_DAY, cost_in
from reinsercion_desktop.domain.enums import ComplaintKind

PLANNED_TOLERANCE = 0.05
ACTUAL_TOLERANCE = 0.05
MAX_TEAM = 4
RECENT_DAYS = 90  # Anexo VII questionnaires expected after the discharges of this window


def check_structure(facts: DemoFacts) -> list[Finding]:
    return [*_year_figures(facts), *_complaints(facts), *_satisfaction(facts)]


def _year_figures(facts: DemoFacts) -> Iterator[Finding]:
    t, today = facts.tables, facts.today
    (installation,) = [i for i in t["installation"] if i.is_local]
    cost = installation.cost_per_place_day or FALLBACK_COST_PER_PLACE_DAY
    recorded = {(row.vivienda_id, row.year): row for row in t["vivienda_year"]}
    for vivienda in t["vivienda"]:
        opened = vivienda.valid_from or today
        places = vivienda.places_men + vivienda.places_women + vivienda.places_mixed
        for year in range(opened.year, today.year + 1):
            where = f"datos anuales de {vivienda.name} {year}"
            row = recorded.get((vivienda.id, year))
            if row is None:
                yield Finding("estructura", where, "faltan el presupuesto y las horas del año")
                continue
            expected = cost_in(year, today.year, cost) * places * 365
            if abs(row.budget_planned - expected) > PLANNED_TOLERANCE * expected:
                yield Finding(
                    "estructura",
                    where,
                    f"presupuesto {row.budget_planned:.0f} € lejos de {expected:.0f} € "
                    "(plazas × 365 × coste por plaza y día)",
                )
            if year >= today.year and row.budget_actual is not None:
                yield Finding("estructura", where, "presupuesto real de un año sin cerrar")
            if year < today.year and (
                row.budget_actual is None
                or abs(row.budget_actual - row.budget_planned)
                > ACTUAL_TOLERANCE * row.budget_planned
            ):
                yield Finding(
                    "estructura", where, "el presupuesto real falta o se aparta más de un 5 %"
                )
            full = row.full_time_weekly_hours
            if not full <= row.staff_weekly_hours <= MAX_TEAM * full:
                yield Finding(
                    "estructura",
                    where,
                    f"{row.staff_weekly_hours} h semanales: no es un equipo de 1 a 4 personas",
                )


def _complaints(facts: DemoFacts) -> Iterator[Finding]:
    t, today = facts.tables, facts.today
    viviendas = {v.id: v for v in t["vivienda"]}
    people = {p.id: p.codapel for p in t["participant"]}
    stays = defaultdict(list)
    for stay in t["stay"]:
        stays[(stay.participant_id, stay.vivienda_id)].append(stay)
    kinds = {kind.value for kind in ComplaintKind}
    for complaint in t["complaint"]:
        vivienda = viviendas.get(complaint.vivienda_id)
        day = complaint.received_on
        where = f"queja del {day:%d/%m/%Y}" + (
            f" de {people.get(complaint.participant_id, '?')}" if complaint.participant_id else ""
        )
        if vivienda is None:
            yield Finding("queja", where, "la vivienda no existe")
            continue
        if day > today or (vivienda.valid_from and day < vivienda.valid_from):
            yield Finding("fecha", where, "recibida después de hoy o antes de abrir la vivienda")
        if complaint.kind not in kinds or not complaint.description.strip():
            yield Finding("queja", where, "sin tipo válido o sin descripción")
        answered = complaint.answered_on
        if answered is not None and not day <= answered <= today:
            yield Finding("fecha", where, "contestada antes de recibirla o después de hoy")
        if (answered is None) != (not complaint.answer.strip()):
            yield Finding("queja", where, "la respuesta y su fecha no van juntas")
        if complaint.participant_id and not any(
            s.admission_date <= day and (s.discharge_date is None or day <= s.discharge_date)
            for s in stays[(complaint.participant_id, complaint.vivienda_id)]
        ):
            yield Finding("queja", where, f"la persona no vivía en {vivienda.name} ese día")


def _satisfaction(facts: DemoFacts) -> Iterator[Finding]:
    """Most people leave a questionnaire: some Anexo VII after the recent discharges."""
    t, today = facts.tables, facts.today
    since = today - timedelta(days=RECENT_DAYS)
    recent = [
        s
        for s in t["stay"]
        if s.discharge_date and since <= s.discharge_date <= today - timedelta(days=7)
    ]
    questionnaires = [
        f
        for f in t["form_instance"]
        if f.form_id == "anexo-vii" and f.created_at and f.created_at.date() >= since
    ]
    if len(recent) >= 5 and not questionnaires:
        yield Finding(
            "satisfacción",
            f"{len(recent)} altas de los últimos {RECENT_DAYS} días",
            "ningún cuestionario de satisfacción (Anexo VII)",
        )
