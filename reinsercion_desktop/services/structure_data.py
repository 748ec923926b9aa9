"""Datos anuales de las viviendas and quejas y reclamaciones: the data §12 needs.

Who does what (domain/permissions.py):
- a vivienda's year figures (budget, care-staff hours): responsables and administrators,
  who hold the centre's accounts;
- a complaint is recorded by whoever receives it (any staff member: complaints are
  often made to the técnico/a on duty), and answered by a responsable, because the
  answer speaks in the centre's name. Recording and answering are separate steps.
"""

from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db import queries, structure_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Complaint, Participant, Vivienda, ViviendaYear
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.dates import DateInputError, parse_date_es
from reinsercion_desktop.domain.enums import ComplaintKind
from reinsercion_desktop.domain.errors import NotFoundError, StaleRecordError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.structure_indicators import DEFAULT_FULL_TIME_HOURS
from reinsercion_desktop.security.actors import authorize

YEAR_RANGE = (1900, 2100)
MAX_BUDGET = 100_000_000.0  # a typing slip (an extra zero or three) rather than a budget
MAX_WEEKLY_HOURS = 10_000.0  # ≈ 270 full-time people in one vivienda
TEXT_LIMIT = 2000


@dataclass(frozen=True)
class YearFiguresView:
    """One vivienda's figures for one year (the empty ones when nothing is recorded)."""

    vivienda_id: str
    vivienda_name: str
    places: int
    year: int
    budget_planned: float | None
    budget_actual: float | None
    staff_weekly_hours: float | None
    full_time_weekly_hours: float
    version: int | None  # None: nothing recorded yet
    updated_by: str


@dataclass
class YearFiguresDraft:
    budget_planned: float
    staff_weekly_hours: float
    budget_actual: float | None = None
    full_time_weekly_hours: float = DEFAULT_FULL_TIME_HOURS


@dataclass(frozen=True)
class ComplaintView:
    id: str
    received_on: date
    vivienda_id: str
    vivienda_name: str
    participant_id: str | None
    codapel: str  # "" when anonymous (the list shows the code, never the name)
    kind: ComplaintKind
    description: str
    answer: str
    answered_on: date | None
    version: int

    @property
    def answered(self) -> bool:
        return self.answered_on is not None


@dataclass
class ComplaintDraft:
    received_on: date | str
    vivienda_id: str
    kind: str
    description: str
    participant_id: str | None = None


def check_year(year: int) -> str | None:
    low, high = YEAR_RANGE
    return None if low <= year <= high else f"El año va de {low} a {high}."


def check_year_figures(draft: YearFiguresDraft) -> dict[str, str]:
    """{field: Spanish message}; empty when the figures can be saved."""
    problems: dict[str, str] = {}
    for name in ("budget_planned", "budget_actual"):
        value = getattr(draft, name)
        if value is not None and not 0 <= value <= MAX_BUDGET:
            problems[name] = "El presupuesto va de 0 a 100.000.000 €: revise la cifra."
    if not 0 <= draft.staff_weekly_hours <= MAX_WEEKLY_HOURS:
        problems["staff_weekly_hours"] = (
            "Las horas semanales no pueden ser negativas ni pasar de 10.000."
        )
    if not 1 <= draft.full_time_weekly_hours <= 60:
        problems["full_time_weekly_hours"] = (
            "La jornada completa va de 1 a 60 horas semanales (lo habitual, 37,5)."
        )
    return problems


def parse_figure(text: str) -> float | None:
    """A figure typed the Spanish way («98.000», «37,5», «1.234,50 €») or the plain one
    («98000.5»); None when blank; ValueError when it is not a number."""
    cleaned = text.strip().replace("€", "").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1 or (cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3):
        cleaned = cleaned.replace(".", "")  # «98.000»: a thousands separator
    return float(cleaned)


def _as_date(value: date | str, field: str, problems: dict[str, str]) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return parse_date_es(value)
    except DateInputError as error:
        problems[field] = str(error)
        return None


class StructureDataService:
    """A vivienda's year figures and the complaints of users."""

    def __init__(self, db: Database):
        self.db = db

    # -- year figures ------------------------------------------------------------------

    def year_figures(self, year: int) -> list[YearFiguresView]:
        """One row per vivienda of this installation in force some day of the year."""
        problem = check_year(year)
        if problem:
            raise ValidationError({"year": problem})
        with self.db.read() as session:
            local = queries.local_installation(session=session)
            viviendas = [
                v
                for v in queries.viviendas(session=session)
                if local is None or v.installation_id == local.id
            ]
            recorded = {
                row.vivienda_id: row
                for row in structure_queries.year_rows(session=session, year=year)
            }
        return [
            _year_view(vivienda, year, recorded.get(vivienda.id))
            for vivienda in viviendas
            if _in_force(vivienda, year)
        ]

    def save_year_figures(
        self,
        actor: Actor,
        vivienda_id: str,
        year: int,
        draft: YearFiguresDraft,
        *,
        expected_version: int | None = None,
    ) -> YearFiguresView:
        """Record or change a vivienda's figures for a year (one record per pair)."""
        authorize(actor, PermissionAction.STRUCTURE_DATA_EDIT)
        problems = check_year_figures(draft)
        year_problem = check_year(year)
        if year_problem:
            problems["year"] = year_problem
        if problems:
            raise ValidationError(problems)
        with self.db.unit_of_work(actor) as work:
            vivienda = work.get(Vivienda, vivienda_id)
            if vivienda is None:
                raise NotFoundError("La vivienda ya no existe.")
            record = structure_queries.year_record(
                session=work.session, vivienda_id=vivienda_id, year=year
            )
            if record is None:
                record = ViviendaYear(vivienda_id=vivienda_id, year=year)
            elif expected_version is not None and record.version != expected_version:
                raise StaleRecordError(
                    f"{record.updated_by} guardó los datos de {vivienda.name} de {year} "
                    "mientras usted los editaba. Vuelva a abrir la ventana y repita sus cambios."
                )
            for name, value in draft.__dict__.items():
                setattr(record, name, value)
            work.add(record)
        return _year_view(vivienda, year, record)

    # -- complaints --------------------------------------------------------------------

    def complaints(self, actor: Actor, start: date, end: date) -> list[ComplaintView]:
        """Complaints received in [start, end), oldest first."""
        authorize(actor, PermissionAction.COMPLAINT_RECORD)
        with self.db.read() as session:
            names = {v.id: v.name for v in queries.viviendas(session=session)}
            rows = structure_queries.complaint_rows(session=session, start=start, end=end)
        return [_complaint_view(row, names) for row in rows]

    def record_complaint(self, actor: Actor, draft: ComplaintDraft) -> ComplaintView:
        authorize(actor, PermissionAction.COMPLAINT_RECORD)
        problems: dict[str, str] = {}
        received = _as_date(draft.received_on, "received_on", problems)
        if received is not None and received > self.db.clock.today():
            problems["received_on"] = "La fecha de recepción no puede ser posterior a hoy."
        if draft.kind not in {kind.value for kind in ComplaintKind}:
            problems["kind"] = "Elija el tipo de queja."
        description = draft.description.strip()
        if not description:
            problems["description"] = "Escriba en qué consiste la queja."
        elif len(description) > TEXT_LIMIT:
            problems["description"] = f"Demasiado largo: el máximo es {TEXT_LIMIT} caracteres."
        if problems:
            raise ValidationError(problems)
        with self.db.unit_of_work(actor) as work:
            vivienda = work.get(Vivienda, draft.vivienda_id)
            if vivienda is None:
                raise ValidationError({"vivienda_id": "Elija la vivienda de la queja."})
            if draft.participant_id and work.get(Participant, draft.participant_id) is None:
                raise NotFoundError("La persona ya no existe.")
            complaint = work.add(
                Complaint(
                    received_on=received,
                    vivienda_id=vivienda.id,
                    participant_id=draft.participant_id or None,
                    kind=draft.kind,
                    description=description,
                )
            )
        return self._one(complaint.id)

    def answer_complaint(
        self,
        actor: Actor,
        complaint_id: str,
        answer: str,
        answered_on: date | str,
        *,
        expected_version: int | None = None,
    ) -> ComplaintView:
        """Record (or correct) the centre's answer to a complaint."""
        authorize(actor, PermissionAction.COMPLAINT_ANSWER)
        problems: dict[str, str] = {}
        answered = _as_date(answered_on, "answered_on", problems)
        text = answer.strip()
        if not text:
            problems["answer"] = "Escriba la respuesta que se dio."
        elif len(text) > TEXT_LIMIT:
            problems["answer"] = f"Demasiado largo: el máximo es {TEXT_LIMIT} caracteres."
        if answered is not None and answered > self.db.clock.today():
            problems["answered_on"] = "La fecha de respuesta no puede ser posterior a hoy."
        if problems:
            raise ValidationError(problems)
        with self.db.unit_of_work(actor) as work:
            complaint = work.get(Complaint, complaint_id)
            if complaint is None:
                raise NotFoundError("La queja ya no existe.")
            if answered is not None and answered < complaint.received_on:
                raise ValidationError(
                    {
                        "answered_on": "La respuesta no puede ser anterior a la recepción de la queja."
                    }
                )
            if expected_version is not None and complaint.version != expected_version:
                raise StaleRecordError(
                    f"{complaint.updated_by} cambió esta queja mientras usted la respondía. "
                    "Vuelva a abrirla y repita la respuesta."
                )
            complaint.answer = text
            complaint.answered_on = answered
            work.add(complaint)
        return self._one(complaint_id)

    def _one(self, complaint_id: str) -> ComplaintView:
        with self.db.read() as session:
            complaint = session.get(Complaint, complaint_id)
            assert complaint is not None
            day = complaint.received_on
            names = {v.id: v.name for v in queries.viviendas(session=session)}
            rows = structure_queries.complaint_rows(
                session=session, start=day, end=date.fromordinal(day.toordinal() + 1)
            )
        [row] = [row for row in rows if row.id == complaint_id]
        return _complaint_view(row, names)


def _in_force(vivienda: Vivienda, year: int) -> bool:
    return (vivienda.valid_from is None or vivienda.valid_from.year <= year) and (
        vivienda.valid_to is None or vivienda.valid_to.year >= year
    )


def _places(vivienda: Vivienda) -> int:
    return vivienda.places_men + vivienda.places_women + vivienda.places_mixed


def _year_view(
    vivienda: Vivienda, year: int, row: structure_queries.YearRow | ViviendaYear | None
) -> YearFiguresView:
    return YearFiguresView(
        vivienda_id=vivienda.id,
        vivienda_name=vivienda.name,
        places=_places(vivienda),
        year=year,
        budget_planned=None if row is None else row.budget_planned,
        budget_actual=None if row is None else row.budget_actual,
        staff_weekly_hours=None if row is None else row.staff_weekly_hours,
        full_time_weekly_hours=(
            DEFAULT_FULL_TIME_HOURS if row is None else row.full_time_weekly_hours
        ),
        version=None if row is None else row.version,
        updated_by="" if row is None else row.updated_by,
    )


def _complaint_view(row: structure_queries.ComplaintRow, names: dict[str, str]) -> ComplaintView:
    return ComplaintView(
        id=row.id,
        received_on=row.received_on,
        vivienda_id=row.vivienda_id,
        vivienda_name=names.get(row.vivienda_id, ""),
        participant_id=row.participant_id,
        codapel=row.codapel,
        kind=ComplaintKind(row.kind),
        description=row.description,
        answer=row.answer,
        answered_on=row.answered_on,
        version=row.version,
    )
