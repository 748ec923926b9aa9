"""§12 structure, cost and quality indicators as report tables (issue 12, part 3).

`structure_sections(db, period)` is the one entry point: the Informes dock, the
`indicadores` report and its PDF/CSV/XLSX read the sections it returns. The formulas
are in domain/structure_indicators.py (R-IND-S1…S10); each table's note says its formula
in Spanish. Viviendas: every vivienda of the database in force some day of the period
(a centre's folder holds its own; the office's, those of its centres).
"""

import json
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import Any

from reinsercion_desktop.db import queries, structure_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Vivienda
from reinsercion_desktop.domain import structure_indicators as rules
from reinsercion_desktop.domain.enums import ComplaintKind, DischargeType
from reinsercion_desktop.domain.periods import Period, PeriodKind
from reinsercion_desktop.domain.report_table import (
    ChartSpec,
    Column,
    ColumnKind,
    ReportSection,
    ReportTable,
)
from reinsercion_desktop.forms.schema import FormDefinition

QUESTIONNAIRE_FORM = "anexo-vii"


@cache
def _questionnaire_definition() -> FormDefinition:
    from reinsercion_desktop.forms.loader import load_catalogue
    from reinsercion_desktop.paths import forms_dir

    return load_catalogue(forms_dir()).latest(QUESTIONNAIRE_FORM)


def structure_sections(db: Database, period: Period) -> tuple[ReportSection, ...]:
    """The §12 structure (a.1), cost, satisfaction and complaint tables of a period."""
    start, end = period.start, period.end
    with db.read() as session:
        viviendas = [
            v
            for v in queries.viviendas(session=session)
            if rules.days_in_force(v.valid_from, v.valid_to, start, end) > 0
        ]
        figures = {
            row.vivienda_id: row
            for row in structure_queries.year_rows(session=session, year=period.year)
        }
        stays = structure_queries.stays_between(session=session, start=start, end=end)
        questionnaires = structure_queries.questionnaire_rows(
            session=session, form_id=QUESTIONNAIRE_FORM
        )
        complaints = structure_queries.complaint_rows(session=session, start=start, end=end)
    return (
        ReportSection(
            "Indicadores de estructura: recursos humanos (a.1)",
            (staff_table(viviendas, figures),),
        ),
        ReportSection(
            "Índice de rentabilidad",
            (cost_table(viviendas, figures, stays, period),),
        ),
        ReportSection(
            "Satisfacción de las personas usuarias (Anexo VII)",
            (satisfaction_table(questionnaires, period),),
        ),
        ReportSection("Quejas y reclamaciones", (complaints_table(complaints),)),
    )


def _places(vivienda: Vivienda) -> int:
    return vivienda.places_men + vivienda.places_women + vivienda.places_mixed


def _sum(values: Iterable[float | None]) -> float | None:
    """The sum of the known values; None when none is known."""
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def staff_table(viviendas: list[Vivienda], figures: dict[str, Any]) -> ReportTable:
    """§12 a.1: weekly care-staff hours, FTE, theoretical places and places per FTE."""
    rows = []
    for vivienda in viviendas:
        row = figures.get(vivienda.id)
        hours = None if row is None else row.staff_weekly_hours
        full_time = rules.DEFAULT_FULL_TIME_HOURS if row is None else row.full_time_weekly_hours
        fte = None if hours is None else rules.full_time_equivalents(hours, full_time)
        places = _places(vivienda)
        rows.append(
            (vivienda.name, hours, full_time, fte, places, rules.places_per_fte(places, fte))
        )
    total_hours = _sum(row[1] for row in rows)
    total_fte = _sum(row[3] for row in rows)
    total_places = sum(row[4] for row in rows)
    total = (
        "Total",
        total_hours,
        None,
        total_fte,
        total_places,
        rules.places_per_fte(total_places, total_fte),
    )
    return ReportTable(
        key="estructura_personal",
        title="Horas semanales de profesionales asistenciales y plazas teóricas por VAR",
        columns=(
            Column("vivienda", "Vivienda"),
            Column("horas", "Horas semanales asistenciales", ColumnKind.NUMBER),
            Column("jornada", "Horas de jornada completa", ColumnKind.NUMBER),
            Column("ejc", "Equivalentes a jornada completa", ColumnKind.NUMBER),
            Column("plazas", "Plazas teóricas", ColumnKind.NUMBER),
            Column("plazas_ejc", "Plazas por profesional (EJC)", ColumnKind.NUMBER),
        ),
        rows=tuple(rows),
        total=total,
        note=(
            "Equivalentes a jornada completa = horas semanales de profesionales asistenciales "
            "/ horas de una jornada completa. Plazas por profesional = plazas teóricas / "
            "equivalentes a jornada completa. «—»: horas del año sin registrar "
            "(Administración → Datos anuales de las viviendas)."
        ),
        chart=ChartSpec(
            "bars", "vivienda", ("plazas_ejc",), "Plazas por profesional", "plazas/EJC"
        ),
    )


def cost_table(
    viviendas: list[Vivienda],
    figures: dict[str, Any],
    stays: list[structure_queries.StayDays],
    period: Period,
) -> ReportTable:
    """Índice de rentabilidad: cost per theoretical place-day, real place-day, discharge."""
    start, end = period.start, period.end
    year_days = (date(period.year + 1, 1, 1) - date(period.year, 1, 1)).days
    period_days = (end - start).days
    by_vivienda: dict[str, list[structure_queries.StayDays]] = {}
    for stay in stays:
        by_vivienda.setdefault(stay.vivienda_id, []).append(stay)
    rows = []
    for vivienda in viviendas:
        row = figures.get(vivienda.id)
        planned = rules.prorated_budget(
            None if row is None else row.budget_planned, period_days, year_days
        )
        actual = rules.prorated_budget(
            None if row is None else row.budget_actual, period_days, year_days
        )
        days = rules.days_in_force(vivienda.valid_from, vivienda.valid_to, start, end)
        potential = rules.potential_place_days(_places(vivienda), days)
        own = by_vivienda.get(vivienda.id, [])
        occupied = rules.occupied_place_days(
            ((stay.admission_date, stay.discharge_date) for stay in own), start, end
        )
        therapeutic = sum(
            1
            for stay in own
            if stay.discharge_type == DischargeType.THERAPEUTIC
            and stay.discharge_date is not None
            and start <= stay.discharge_date < end
        )
        rows.append(_cost_row(vivienda.name, planned, potential, actual, occupied, therapeutic))
    total = _cost_row(
        "Total",
        _sum(row[1] for row in rows),
        sum(row[2] for row in rows),
        _sum(row[4] for row in rows),
        sum(row[5] for row in rows),
        sum(row[7] for row in rows),
    )
    prorated = (
        ""
        if period.kind == PeriodKind.YEAR
        else f" Período menor que un año: el presupuesto anual se prorratea por días "
        f"({period_days} de {year_days})."
    )
    return ReportTable(
        key="costes",
        title="Coste plaza teórica, coste plaza real y coste alta terapéutica por VAR",
        columns=(
            Column("vivienda", "Vivienda"),
            Column("presupuesto", "Presupuesto total anual", ColumnKind.MONEY),
            Column("estancias_potenciales", "Estancias potenciales", ColumnKind.NUMBER),
            Column("coste_teorico", "Coste plaza teórica", ColumnKind.MONEY),
            Column("presupuesto_real", "Presupuesto total real", ColumnKind.MONEY),
            Column("estancias_reales", "Estancias reales", ColumnKind.NUMBER),
            Column("coste_real", "Coste plaza real", ColumnKind.MONEY),
            Column("altas_terapeuticas", "Altas terapéuticas", ColumnKind.COUNT),
            Column(
                "coste_alta", "Coste alta terapéutica", ColumnKind.MONEY, of="altas_terapeuticas"
            ),
        ),
        rows=tuple(rows),
        total=total,
        note=(
            "Coste plaza teórica = presupuesto total anual / estancias potenciales (plazas × "
            "días en vigor). Coste plaza real = presupuesto total real / estancias reales "
            "(días-plaza ocupados: alta − ingreso, recortados al período; una estancia abierta "
            "cuenta hasta el final del período). Coste alta terapéutica = presupuesto total "
            "anual / altas terapéuticas del período. «—»: presupuesto sin registrar (el real, "
            "hasta que se cierra el año) o nada que dividir." + prorated
        ),
        chart=ChartSpec(
            "bars", "vivienda", ("coste_teorico", "coste_real"), "Coste por plaza y día", "€"
        ),
    )


def _cost_row(
    name: str,
    planned: float | None,
    potential: int,
    actual: float | None,
    occupied: int,
    therapeutic: int,
) -> tuple[Any, ...]:
    return (
        name,
        planned,
        potential,
        rules.cost_per(planned, potential),
        actual,
        occupied,
        rules.cost_per(actual, occupied),
        therapeutic,
        rules.cost_per(planned, therapeutic),
    )


def questionnaire_day(data: dict[str, Any], finalized_at: object) -> date | None:
    """A questionnaire's date: its discharge date (it is filled at discharge), else the
    day it was finalised."""
    text = data.get("fecha_alta")
    if isinstance(text, str) and text:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    if isinstance(finalized_at, datetime):
        return finalized_at.date()
    if isinstance(finalized_at, str) and finalized_at:
        return date.fromisoformat(finalized_at[:10])
    return None


def _item_score(field: Any, value: object) -> int | None:
    """An answered item's score: the form stores the score itself (forms/values.py: a
    scale item is «stored as the score, shown as the answer»); an option's code is read
    too. None when unanswered or not one of the item's answers."""
    for option in field.options:
        if option.score is not None and (
            (isinstance(value, int) and not isinstance(value, bool) and value == option.score)
            or value == option.code
        ):
            return int(option.score)
    return None


def satisfaction_table(
    questionnaires: list[structure_queries.QuestionnaireRow], period: Period
) -> ReportTable:
    """R-IND-S9: the mean score of each Anexo VII section over the period's questionnaires."""
    definition = _questionnaire_definition()
    answers = []
    for row in questionnaires:
        try:
            data = json.loads(row.data)
        except ValueError:
            continue
        if isinstance(data, dict) and period.contains(
            questionnaire_day(data, row.finalized_at) or date.min
        ):
            answers.append(data)
    rows = []
    for section in definition.sections:
        items = [field for field in section.fields if field.kind == "scale_item"]
        if not items:
            continue
        per_questionnaire = [
            [
                score
                for field in items
                if (score := _item_score(field, data.get(field.id))) is not None
            ]
            for data in answers
        ]
        score = rules.section_score(per_questionnaire)
        rows.append((section.title, score.questionnaires, score.answers, score.mean))
    every = rules.section_score(
        [
            [
                score
                for section in definition.sections
                for field in section.fields
                if field.kind == "scale_item"
                and (score := _item_score(field, data.get(field.id))) is not None
            ]
            for data in answers
        ]
    )
    return ReportTable(
        key="satisfaccion",
        title="Grado de satisfacción por apartado del cuestionario",
        columns=(
            Column("apartado", "Apartado"),
            Column("cuestionarios", "Cuestionarios", ColumnKind.COUNT),
            Column("respuestas", "Respuestas", ColumnKind.NUMBER),
            Column("media", "Puntuación media (1–3)", ColumnKind.NUMBER, of="cuestionarios"),
        ),
        rows=tuple(rows),
        total=("Total", every.questionnaires, every.answers, every.mean),
        note=(
            "Media de las puntuaciones de las preguntas contestadas del apartado (3 bien, "
            "2 regular, 1 mal), en los cuestionarios definitivos o firmados cuya fecha de alta "
            "cae en el período (sin ella, el día en que se pasaron a definitivo)."
        ),
        chart=ChartSpec("bars", "apartado", ("media",), "Satisfacción por apartado", "1–3"),
    )


def complaints_table(complaints: list[structure_queries.ComplaintRow]) -> ReportTable:
    """R-IND-S10: complaints by kind, % of the period's, answered within 15 days."""
    facts = [rules.ComplaintFacts(row.kind, row.received_on, row.answered_on) for row in complaints]
    counts = rules.complaints_by_kind(facts, [kind.value for kind in ComplaintKind])
    rows = tuple(
        (ComplaintKind(count.kind).label, count.count, count.share, count.answered_in_time)
        for count in counts
    )
    total_in_time = sum(count.answered_in_time for count in counts)
    return ReportTable(
        key="quejas",
        title="Quejas y reclamaciones por tipo",
        columns=(
            Column("tipo", "Tipo"),
            Column("quejas", "Quejas", ColumnKind.COUNT),
            Column("porcentaje", "% del total", ColumnKind.PERCENT, of="quejas"),
            Column(
                "en_plazo",
                f"Respondidas en {rules.COMPLAINT_ANSWER_DAYS} días o menos",
                ColumnKind.COUNT,
            ),
        ),
        rows=rows,
        total=("Total", len(facts), 100.0 if facts else None, total_in_time),
        note=(
            "Quejas recibidas en el período por tipo; % = quejas del tipo / quejas del período "
            f"× 100. En plazo: respondidas como mucho {rules.COMPLAINT_ANSWER_DAYS} días "
            "naturales después de recibirlas."
        ),
        chart=ChartSpec("bars", "tipo", ("quejas",), "Quejas por tipo", "quejas"),
    )
