"""Structure, cost and quality indicators of §12 (seed `003_…`): the pure formulas.

Each formula has a rule id (R-IND-S…), the same text in Spanish in the report table's
note (services/structure_indicators.py) and a hand-computed example in
tests/unit/test_structure_indicators.py. A ratio whose denominator is zero is `None`
(printed «—»), never a division error or a misleading 0.

- R-IND-S1 equivalentes a jornada completa (EJC) = horas semanales de profesionales
  asistenciales / horas de una jornada completa.
- R-IND-S2 ratio plazas por profesional = plazas teóricas / EJC (§12 a.1, «ratio
  profesional/usuario/a» read as places each full-time professional looks after).
- R-IND-S3 estancias potenciales = plazas teóricas × días en vigor de la vivienda dentro
  del período (from `valid_from` to `valid_to`, clipped).
- R-IND-S4 estancias reales = días-plaza ocupados en el período (SPEC §7: alta − ingreso,
  the admission day counts and the discharge day does not, clipped to the period; an
  open stay counts to the end of the period).
- R-IND-S5 presupuesto del período = presupuesto anual × días del período / días del año
  (prorated: a month of a 98,000 € year is 98,000 × 31 / 365).
- R-IND-S6 coste plaza teórica = presupuesto total anual (del período) / estancias
  potenciales.
- R-IND-S7 coste plaza real = presupuesto total real (del período) / estancias reales.
- R-IND-S8 coste alta terapéutica = presupuesto total anual (del período) / altas
  terapéuticas del período.
- R-IND-S9 satisfacción por apartado (Anexo VII) = media de las puntuaciones (1 mal,
  2 regular, 3 bien, as the definition scores each option) de las preguntas contestadas
  del apartado, en todos los cuestionarios del período.
- R-IND-S10 quejas por tipo: número, % sobre el total del período y cuántas se
  respondieron en `COMPLAINT_ANSWER_DAYS` días naturales o menos.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

COMPLAINT_ANSWER_DAYS = 15
"""R-IND-S10: a complaint is answered in time within 15 calendar days of its receipt
(the seed sets no deadline; 15 days is the usual one of a hoja de reclamaciones)."""

DEFAULT_FULL_TIME_HOURS = 37.5
"""Weekly hours of a full-time job (jornada completa) unless the year says otherwise."""


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, or None when the denominator is zero (or less)."""
    return numerator / denominator if denominator > 0 else None


def full_time_equivalents(staff_weekly_hours: float, full_time_weekly_hours: float) -> float | None:
    """R-IND-S1: EJC = horas semanales asistenciales / horas de jornada completa."""
    return ratio(staff_weekly_hours, full_time_weekly_hours)


def places_per_fte(places: int, fte: float | None) -> float | None:
    """R-IND-S2: plazas teóricas / EJC."""
    return None if fte is None else ratio(places, fte)


def days_in_force(valid_from: date | None, valid_to: date | None, start: date, end: date) -> int:
    """Days of [start, end) in which a vivienda is in force (`valid_to` is its last day)."""
    first = max(start, valid_from) if valid_from else start
    after_last = min(end, date.fromordinal(valid_to.toordinal() + 1)) if valid_to else end
    return max(0, (after_last - first).days)


def potential_place_days(places: int, days: int) -> int:
    """R-IND-S3: estancias potenciales = plazas × días en vigor."""
    return places * days


def occupied_place_days(stays: Iterable[tuple[date, date | None]], start: date, end: date) -> int:
    """R-IND-S4: (admission, discharge) pairs → place-days in [start, end) (SPEC §7)."""
    total = 0
    for admission, discharge in stays:
        total += max(0, (min(discharge or end, end) - max(admission, start)).days)
    return total


def prorated_budget(budget: float | None, period_days: int, year_days: int) -> float | None:
    """R-IND-S5: the part of a yearly budget that falls in a period of `period_days`."""
    if budget is None:
        return None
    return budget if period_days >= year_days else budget * period_days / year_days


def cost_per(budget: float | None, units: float) -> float | None:
    """R-IND-S6/S7/S8: a budget over place-days or discharges (None without either)."""
    return None if budget is None else ratio(budget, units)


@dataclass(frozen=True)
class SectionScore:
    """One Anexo VII section over the period's questionnaires."""

    questionnaires: int  # that answered at least one question of the section
    answers: int  # questions answered
    mean: float | None  # R-IND-S9


def section_score(scores_per_questionnaire: Iterable[Iterable[int]]) -> SectionScore:
    """R-IND-S9: the mean of every answered question's score in a section.

    Each item of the input is one questionnaire's scores for the section (the
    questions it answered); a questionnaire that answered none is not counted."""
    questionnaires = answers = total = 0
    for scores in scores_per_questionnaire:
        scores = list(scores)
        if scores:
            questionnaires += 1
            answers += len(scores)
            total += sum(scores)
    return SectionScore(questionnaires, answers, ratio(total, answers))


@dataclass(frozen=True)
class ComplaintFacts:
    kind: str
    received_on: date
    answered_on: date | None


@dataclass(frozen=True)
class ComplaintCount:
    kind: str
    count: int
    share: float | None  # % of the period's complaints
    answered_in_time: int  # within COMPLAINT_ANSWER_DAYS


def answered_in_time(complaint: ComplaintFacts, days: int = COMPLAINT_ANSWER_DAYS) -> bool:
    """R-IND-S10: answered within `days` calendar days of its receipt."""
    return (
        complaint.answered_on is not None
        and (complaint.answered_on - complaint.received_on).days <= days
    )


def complaints_by_kind(
    complaints: Iterable[ComplaintFacts], kinds: Iterable[str]
) -> list[ComplaintCount]:
    """R-IND-S10: one row per kind (in the order given), with count, % and in time."""
    complaints = list(complaints)
    total = len(complaints)
    rows = []
    for kind in kinds:
        own = [complaint for complaint in complaints if complaint.kind == kind]
        rows.append(
            ComplaintCount(
                kind=kind,
                count=len(own),
                share=None if total == 0 else 100 * len(own) / total,
                answered_in_time=sum(answered_in_time(complaint) for complaint in own),
            )
        )
    return rows
