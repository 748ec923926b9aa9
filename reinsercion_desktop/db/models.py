"""Every table of the application (one module, so migrations see them all).

Every synchronised record carries a UUID key, who/when created and updated it, a
version counter and the installation that owns it (SPEC §3): the exchange bundle
relies on these to detect conflicts instead of overwriting.
"""

import uuid
from datetime import date, datetime

from pydantic import ConfigDict
from sqlalchemy import Index, MetaData, UniqueConstraint
from sqlmodel import Field, SQLModel

# Named constraints before the first table: batch migrations on SQLite need them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def new_id() -> str:
    return str(uuid.uuid4())


# Pydantic builds a validator per table class at import (~50 ms for the 31 tables, on the
# start-up's critical path), yet rows read from the database are never validated: it is
# built on first use instead (`model_dump`, a new record).
DEFERRED = ConfigDict(defer_build=True)


class Record(SQLModel):
    """Bookkeeping columns shared by every synchronised record (stamped by the unit of work)."""

    model_config = DEFERRED  # type: ignore[assignment]

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime | None = Field(default=None)
    created_by: str = Field(default="", max_length=40)
    updated_at: datetime | None = Field(default=None)
    updated_by: str = Field(default="", max_length=40)
    version: int = Field(default=0)
    installation_id: str = Field(default="", max_length=36, index=True)


class Installation(Record, table=True):
    """Centro u oficina: this installation (is_local) and the peers it exchanges with."""

    __tablename__ = "installation"

    kind: str = Field(max_length=10)
    name: str = Field(max_length=120)
    code: str = Field(max_length=20)
    entity: str = Field(default="", max_length=120)
    province: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=150)
    phone: str = Field(default="", max_length=20)
    fax: str = Field(default="", max_length=20)
    is_local: bool = Field(default=False)
    idle_lock_minutes: int = Field(default=10)
    # "var" (adults only, R-ADM-1) or "reintegration" (a programme may admit adolescents).
    programme_kind: str = Field(default="var", max_length=15)
    adaptation_days: int = Field(default=30)  # Anexo IV is due after this (R-STAY-3)
    cost_per_place_day: float = Field(default=0.0)  # R-ECO-1: contributions ≤ 20 % of it
    codapel_recipe: str = Field(default="{AP1}{AP2}{DDMMAA}{SEXO}", max_length=60)
    # SPEC §9: a técnico/a opening a file of someone else's caseload says why (audited).
    reason_outside_caseload: bool = Field(default=True)
    # SPEC §10: closed files are kept this many years after discharge, then listed for
    # review (Ley 41/2002 art. 17 asks at least five for clinical documentation).
    retention_years: int = Field(default=5)
    # Automatic backups kept: the last N daily, weekly and monthly copies (migration 0009).
    backup_keep_daily: int = Field(default=7)
    backup_keep_weekly: int = Field(default=4)
    backup_keep_monthly: int = Field(default=12)
    # Days without a copy in the second place (a USB stick) before the reminder shows.
    backup_reminder_days: int = Field(default=7)
    # SPEC §9: counts under this print as «<5» in anything that leaves the installation
    # (migration 0010).
    small_count_threshold: int = Field(default=5)


class Vivienda(Record, table=True):
    """Vivienda de apoyo a la reinserción (VAR): a housing unit with places by sex."""

    __tablename__ = "vivienda"

    name: str = Field(max_length=120)
    code: str = Field(default="", max_length=20)
    municipality: str = Field(default="", max_length=80)
    province: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=150)
    places_men: int = Field(default=0)
    places_women: int = Field(default=0)
    places_mixed: int = Field(default=0)
    valid_from: date | None = Field(default=None)
    valid_to: date | None = Field(default=None)


class ViviendaYear(Record, table=True):
    """Datos anuales de una vivienda: budget and care-staff hours (§12 a.1 and cost indices).

    `budget_actual` (presupuesto total real) stays empty until the year closes.
    """

    __tablename__ = "vivienda_year"
    __table_args__ = (UniqueConstraint("vivienda_id", "year"),)

    vivienda_id: str = Field(foreign_key="vivienda.id", max_length=36, index=True)
    year: int
    budget_planned: float = Field(default=0.0)  # presupuesto total anual (€)
    budget_actual: float | None = Field(default=None)  # presupuesto total real (€)
    staff_weekly_hours: float = Field(default=0.0)  # horas semanales asistenciales
    full_time_weekly_hours: float = Field(default=37.5)  # horas de una jornada completa


class Complaint(Record, table=True):
    """Queja o reclamación: received on a day, of a kind, answered (or not yet).

    `participant_id` is empty for an anonymous complaint.
    """

    __tablename__ = "complaint"

    received_on: date = Field(index=True)
    vivienda_id: str = Field(foreign_key="vivienda.id", max_length=36, index=True)
    participant_id: str | None = Field(
        default=None, foreign_key="participant.id", max_length=36, index=True
    )
    kind: str = Field(max_length=20)
    description: str = Field(max_length=2000)
    answer: str = Field(default="", max_length=2000)
    answered_on: date | None = Field(default=None)


class ReferringCentre(Record, table=True):
    """Centro derivador (CTA, CT, CPD, EAIIPP…): the catalogue referrals come from."""

    __tablename__ = "referring_centre"

    kind: str = Field(max_length=10)
    name: str = Field(max_length=120)
    code: str = Field(default="", max_length=20)
    province: str = Field(default="", max_length=40)
    municipality: str = Field(default="", max_length=80)
    phone: str = Field(default="", max_length=20)
    fax: str = Field(default="", max_length=20)
    email: str = Field(default="", max_length=120)
    contact_name: str = Field(default="", max_length=120)
    active: bool = Field(default=True)


class UserAccount(Record, table=True):
    """Cuenta de usuario/a: staff who log in; the password is kept as an Argon2 hash."""

    __tablename__ = "user_account"

    login: str = Field(max_length=40, unique=True)
    full_name: str = Field(max_length=120)
    role: str = Field(max_length=20)
    password_hash: str = Field(max_length=200)
    active: bool = Field(default=True)
    last_login_at: datetime | None = Field(default=None)


class Participant(Record, table=True):
    """Participante: the person's file (ficha)."""

    __tablename__ = "participant"

    first_name: str = Field(max_length=60)
    surname1: str = Field(max_length=60)
    surname2: str = Field(default="", max_length=60)
    birth_date: date = Field(index=True)
    sex: str = Field(max_length=1)
    gender_identity: str = Field(default="", max_length=40)
    id_kind: str = Field(default="dni", max_length=10)
    id_number: str = Field(default="", max_length=20, index=True)
    address: str = Field(default="", max_length=150)
    municipality: str = Field(default="", max_length=80)
    province: str = Field(default="", max_length=40)
    phone: str = Field(default="", max_length=20)
    family_contact: str = Field(default="", max_length=100)
    family_phone: str = Field(default="", max_length=20)
    addiction_profile: str = Field(default="", max_length=60)
    ptm: bool = Field(default=False)
    methadone_dose_mg: int | None = Field(default=None)
    hiv_status: str = Field(default="desconocido", max_length=12)
    prison_origin: bool = Field(default=False)
    court_order: bool = Field(default=False)
    pending_judicial: bool = Field(default=False)
    alternative_sentence: bool = Field(default=False)
    education_level: str = Field(default="", max_length=60)
    employment_situation: str = Field(default="", max_length=60)
    notes: str = Field(default="", max_length=4000)
    status: str = Field(default="derivado", max_length=12)
    codapel: str = Field(max_length=30, index=True)
    search_key: str = Field(default="", max_length=400)
    referring_centre_id: str | None = Field(
        default=None, foreign_key="referring_centre.id", max_length=36
    )
    # Indexed: a caseload starts from a case manager's files (migration 0008).
    case_manager_id: str | None = Field(
        default=None, foreign_key="user_account.id", max_length=36, index=True
    )
    vivienda_id: str | None = Field(default=None, foreign_key="vivienda.id", max_length=36)
    archived_at: datetime | None = Field(default=None)
    archive_reason: str = Field(default="", max_length=400)
    # Set when the identifying fields were removed on request (GDPR art. 17, migration 0009).
    anonymised_at: datetime | None = Field(default=None)


class Attachment(Record, table=True):
    """Documento adjunto: a scan or file kept in the data folder, checked by its SHA-256."""

    __tablename__ = "attachment"

    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    # Set when the file is the scan of a signed paper form.
    form_instance_id: str | None = Field(
        default=None, foreign_key="form_instance.id", max_length=36, index=True
    )
    original_name: str = Field(max_length=255)
    stored_name: str = Field(max_length=255)
    description: str = Field(default="", max_length=200)
    content_type: str = Field(default="", max_length=100)
    size_bytes: int = Field(default=0)
    sha256: str = Field(max_length=64)


class ConsentRecord(Record, table=True):
    """Consentimiento: what the person agreed to (scope), when, and its revocation.

    `scope` holds the codes of what was consented, comma-separated; the signed
    `consentimiento` form, when there is one, is the paper it rests on.
    """

    __tablename__ = "consent_record"

    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    form_instance_id: str | None = Field(
        default=None, foreign_key="form_instance.id", max_length=36
    )
    scope: str = Field(max_length=200)
    granted_on: date
    revoked_on: date | None = Field(default=None)
    revocation_note: str = Field(default="", max_length=400)


class FormInstance(Record, table=True):
    """Formulario rellenado: one form, filled with one definition version, draft → final → signed.

    A signed form is never edited: an amendment is a new instance pointing at it.
    """

    __tablename__ = "form_instance"
    # Pendientes asks "has this person an Anexo IV since their admission?" for thousands
    # of people at once; this index answers it without reading every form.
    __table_args__ = (
        Index("ix_form_instance_person_form_created", "participant_id", "form_id", "created_at"),
    )

    form_id: str = Field(max_length=40, index=True)
    definition_version: int
    participant_id: str | None = Field(
        default=None, foreign_key="participant.id", max_length=36, index=True
    )
    vivienda_id: str | None = Field(default=None, foreign_key="vivienda.id", max_length=36)
    period: str = Field(default="", max_length=7)  # YYYY-MM for monthly forms
    data: str = Field(default="{}")  # JSON of the values, keyed by field id
    status: str = Field(default="draft", max_length=10)
    finalized_at: datetime | None = Field(default=None)
    finalized_by: str = Field(default="", max_length=40)
    signed_at: datetime | None = Field(default=None)
    signed_by: str = Field(default="", max_length=40)
    signed_by_name: str = Field(default="", max_length=120)
    signed_hash: str = Field(default="", max_length=64)  # content hash when signed
    amends_id: str | None = Field(default=None, foreign_key="form_instance.id", max_length=36)
    amendment_reason: str = Field(default="", max_length=400)


class IssuedPdf(Record, table=True):
    """PDF emitido: every PDF handed out, by its SHA-256, so a paper copy finds its record."""

    __tablename__ = "issued_pdf"

    form_instance_id: str = Field(foreign_key="form_instance.id", max_length=36, index=True)
    sha256: str = Field(max_length=64, index=True)
    content_hash: str = Field(max_length=64)
    status_at_issue: str = Field(max_length=10)
    definition_version: int


class Referral(Record, table=True):
    """Protocolo de derivación (Anexo I) and its way through the waiting list."""

    __tablename__ = "referral"

    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    referring_centre_id: str | None = Field(
        default=None, foreign_key="referring_centre.id", max_length=36
    )
    origin_centre_id: str | None = Field(
        default=None, foreign_key="referring_centre.id", max_length=36
    )
    form_instance_id: str | None = Field(
        default=None, foreign_key="form_instance.id", max_length=36
    )
    protocol_date: date
    received_date: date | None = Field(default=None)
    included_date: date | None = Field(default=None)  # entered the waiting list
    status: str = Field(default="draft", max_length=20, index=True)
    incomplete_cause: str = Field(default="", max_length=400)
    fixed_date: date | None = Field(default=None)
    fix_note: str = Field(default="", max_length=400)
    consensus: str = Field(default="no_procede", max_length=15)  # R-REF-4
    exclusion_criteria: str = Field(default="[]", max_length=400)  # JSON list (R-ADM-4)
    exclusion_override: str = Field(default="", max_length=400)
    voluntary: bool = Field(default=False)
    prison: bool = Field(default=False)
    court_order: bool = Field(default=False)
    court_order_note: str = Field(default="", max_length=400)
    postponed_reason: str = Field(default="", max_length=20)
    postponed_note: str = Field(default="", max_length=400)
    postponed_until: date | None = Field(default=None)
    keep_decision: str = Field(default="", max_length=400)  # R-WL-2: kept past 3 months, why
    priority_until: date | None = Field(default=None)  # R-WL-4: readmission priority
    priority_vivienda_id: str | None = Field(default=None, foreign_key="vivienda.id", max_length=36)
    vivienda_id: str | None = Field(default=None, foreign_key="vivienda.id", max_length=36)
    assigned_date: date | None = Field(default=None)
    planned_admission_date: date | None = Field(default=None)
    centre_consulted_note: str = Field(default="", max_length=400)  # R-WL-1
    closed_date: date | None = Field(default=None)
    closed_reason: str = Field(default="", max_length=400)


class ReferralEvent(Record, table=True):
    """One step of a referral's history (status, date, note)."""

    __tablename__ = "referral_event"

    referral_id: str = Field(foreign_key="referral.id", max_length=36, index=True)
    on_date: date
    status: str = Field(max_length=20)
    note: str = Field(default="", max_length=400)


class Stay(Record, table=True):
    """Estancia en una VAR: from admission to discharge."""

    __tablename__ = "stay"

    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    referral_id: str | None = Field(default=None, foreign_key="referral.id", max_length=36)
    vivienda_id: str = Field(foreign_key="vivienda.id", max_length=36, index=True)
    admission_date: date = Field(index=True)
    programme: str = Field(default="libre_drogas", max_length=15)
    prison: bool = Field(default=False)
    court_order: bool = Field(default=False)
    planned_discharge_date: date | None = Field(default=None)
    discharge_date: date | None = Field(default=None, index=True)
    discharge_type: str = Field(default="", max_length=15)
    discharge_reason: str = Field(default="", max_length=400)
    disciplinary_criterion: str = Field(default="", max_length=20)
    abandonment_reason: str = Field(default="", max_length=400)
    over_9_months_justification: str = Field(default="", max_length=2000)
    discharge_notice_date: date | None = Field(default=None)


class Outing(Record, table=True):
    """Salida terapéutica (ordinary or exceptional)."""

    __tablename__ = "outing"

    stay_id: str = Field(foreign_key="stay.id", max_length=36, index=True)
    start_date: date
    end_date: date
    kind: str = Field(default="ordinaria", max_length=12)
    purpose: str = Field(default="", max_length=400)


class ToxControl(Record, table=True):
    """Control toxicológico."""

    __tablename__ = "tox_control"

    stay_id: str = Field(foreign_key="stay.id", max_length=36, index=True)
    on_date: date
    result: str = Field(max_length=10)
    substances: str = Field(default="", max_length=100)
    after_outing: bool = Field(default=False)


class Incident(Record, table=True):
    """Incidencia during a stay."""

    __tablename__ = "incident"

    stay_id: str = Field(foreign_key="stay.id", max_length=36, index=True)
    on_date: date
    description: str = Field(max_length=2000)
    severity: str = Field(default="leve", max_length=10)


class EconomicContribution(Record, table=True):
    """Aportación económica (R-ECO-1): with prior authorisation and its documentation."""

    __tablename__ = "economic_contribution"

    stay_id: str = Field(foreign_key="stay.id", max_length=36, index=True)
    start_date: date
    monthly_income: float
    income_origin: str = Field(max_length=100)
    duration_months: int
    family_circumstances: str = Field(default="", max_length=1000)
    daily_amount: float
    authorised_by: str = Field(default="", max_length=120)
    authorised_date: date | None = Field(default=None)


# -- Reintegration plan and case management (SPEC §6) ---------------------------------
# Every table below carries `participant_id` itself, so the audit log, the caseload
# and the timeline find the person without a join.


class ReintegrationPlan(Record, table=True):
    """Itinerario individual de reinserción: what the acuerdo de incorporación prints.

    `current_version` goes up at each review; the review keeps a snapshot of the
    objectives as they were left, so every earlier version can be shown again.
    """

    __tablename__ = "reintegration_plan"

    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    start_date: date
    status: str = Field(default="borrador", max_length=10)
    current_version: int = Field(default=1)
    general_goal: str = Field(default="", max_length=1000)
    commitments: str = Field(default="", max_length=2000)
    agreed_date: date | None = Field(default=None)
    next_review_date: date | None = Field(default=None)
    closed_date: date | None = Field(default=None)
    closed_reason: str = Field(default="", max_length=400)


class PlanObjective(Record, table=True):
    """Objetivo del plan: measurable (indicator, target, deadline), with status and progress."""

    __tablename__ = "plan_objective"

    plan_id: str = Field(foreign_key="reintegration_plan.id", max_length=36, index=True)
    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    area: str = Field(max_length=20)
    template_code: str = Field(default="", max_length=40)
    title: str = Field(max_length=300)
    indicator: str = Field(default="", max_length=300)
    target: str = Field(default="", max_length=200)
    deadline: date | None = Field(default=None, index=True)
    priority: str = Field(default="media", max_length=5)
    status: str = Field(default="pendiente", max_length=15, index=True)
    progress: int = Field(default=0)  # 0–100 %
    position: int = Field(default=0)
    achieved_date: date | None = Field(default=None)
    note: str = Field(default="", max_length=1000)


class PlanActivity(Record, table=True):
    """Actividad de un objetivo (templates from `003_…` §8)."""

    __tablename__ = "plan_activity"

    objective_id: str = Field(foreign_key="plan_objective.id", max_length=36, index=True)
    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    description: str = Field(max_length=300)
    template_code: str = Field(default="", max_length=40)
    status: str = Field(default="prevista", max_length=10)
    due_date: date | None = Field(default=None)
    done_date: date | None = Field(default=None)


class PlanReview(Record, table=True):
    """Revisión del plan: dated, who, what changed, and the objectives as they were left."""

    __tablename__ = "plan_review"

    plan_id: str = Field(foreign_key="reintegration_plan.id", max_length=36, index=True)
    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    on_date: date
    reviewer_name: str = Field(max_length=120)
    plan_version: int  # the version this review produced
    summary: str = Field(default="", max_length=2000)
    changes: str = Field(default="[]")  # JSON list of Spanish sentences
    snapshot: str = Field(default="[]")  # JSON list of the objectives after the review
    next_review_date: date | None = Field(default=None)


class Interview(Record, table=True):
    """Entrevista de seguimiento, with the next appointment it set."""

    __tablename__ = "interview"
    __table_args__ = (
        # Each person's latest interview and the appointment it set, read from the index
        # alone (Pendientes, R-FU-1): 100,000 interviews at office scale.
        Index(
            "ix_interview_person_latest",
            "participant_id",
            "on_date",
            "created_at",
            "next_appointment_date",
            "next_appointment_time",
        ),
    )

    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    on_date: date = Field(index=True)
    kind: str = Field(default="individual", max_length=12)
    staff_name: str = Field(default="", max_length=120)
    notes: str = Field(default="", max_length=4000)
    next_appointment_date: date | None = Field(default=None, index=True)
    next_appointment_time: str = Field(default="", max_length=5)  # HH:MM


class CoordinationContact(Record, table=True):
    """Contacto con otro servicio (salud, empleo, justicia…)."""

    __tablename__ = "coordination_contact"

    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    on_date: date
    service_kind: str = Field(max_length=20)
    entity: str = Field(max_length=150)
    contact_person: str = Field(default="", max_length=120)
    channel: str = Field(default="", max_length=40)
    notes: str = Field(default="", max_length=2000)


class CaseConference(Record, table=True):
    """Mesa técnica de casos: who from which entity, the decisions, tasks with owners."""

    __tablename__ = "case_conference"

    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    on_date: date
    attendees: str = Field(default="[]")  # JSON list of {"name", "entity"}
    topic: str = Field(default="", max_length=300)
    decisions: str = Field(default="", max_length=4000)
    tasks: str = Field(default="[]")  # JSON list of {"task", "owner", "due", "done"}


class EmploymentPlacement(Record, table=True):
    """Inserción laboral: employer, insertion company or not, contract, dates."""

    __tablename__ = "employment_placement"

    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    employer: str = Field(max_length=150)
    insertion_company: bool = Field(default=False)
    position: str = Field(default="", max_length=120)
    contract_type: str = Field(max_length=15)
    hours_per_week: int | None = Field(default=None)
    start_date: date
    end_date: date | None = Field(default=None)
    end_reason: str = Field(default="", max_length=400)
    notes: str = Field(default="", max_length=2000)


class JobFollowUp(Record, table=True):
    """Seguimiento del mantenimiento del puesto de trabajo."""

    __tablename__ = "job_follow_up"

    placement_id: str = Field(foreign_key="employment_placement.id", max_length=36, index=True)
    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    on_date: date
    still_employed: bool = Field(default=True)
    notes: str = Field(default="", max_length=2000)


class Resource(Record, table=True):
    """Recurso de la oferta mensual (`000_…`): a course, service or activity people are sent to."""

    __tablename__ = "resource"

    category: str = Field(max_length=25, index=True)
    name: str = Field(max_length=150)
    provider: str = Field(default="", max_length=150)
    description: str = Field(default="", max_length=2000)
    requirements: str = Field(default="", max_length=1000)
    duration: str = Field(default="", max_length=100)
    schedule: str = Field(default="", max_length=150)
    cost: str = Field(default="", max_length=60)
    contact: str = Field(default="", max_length=200)
    open_all_year: bool = Field(default=False)
    enrolment_periods: str = Field(default="[]")  # JSON list of {"start", "end"} ISO dates
    starts_on: date | None = Field(default=None)
    ends_on: date | None = Field(default=None)
    active: bool = Field(default=True)


class ResourceReferral(Record, table=True):
    """Derivación de una persona a un recurso, optionally for one objective of the plan."""

    __tablename__ = "resource_referral"

    participant_id: str = Field(foreign_key="participant.id", max_length=36, index=True)
    resource_id: str = Field(foreign_key="resource.id", max_length=36, index=True)
    objective_id: str | None = Field(default=None, foreign_key="plan_objective.id", max_length=36)
    status: str = Field(default="propuesto", max_length=12)
    proposed_date: date
    enrolled_date: date | None = Field(default=None)
    finished_date: date | None = Field(default=None)
    note: str = Field(default="", max_length=1000)


class AuditEntry(SQLModel, table=True):
    """Registro de auditoría: append-only, each entry chained to the previous one's hash."""

    __tablename__ = "audit_log"
    model_config = DEFERRED  # type: ignore[assignment]

    seq: int | None = Field(default=None, primary_key=True)
    at: datetime
    actor_id: str = Field(default="", max_length=36)
    actor_login: str = Field(max_length=40)
    installation_id: str = Field(default="", max_length=36)
    action: str = Field(max_length=20)
    entity: str = Field(max_length=40)
    record_id: str = Field(default="", max_length=36, index=True)
    participant_id: str = Field(default="", max_length=36, index=True)
    changes: str = Field(default="")
    reason: str = Field(default="", max_length=400)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


SYNCED_TABLES: tuple[type[Record], ...] = (
    Installation,
    Vivienda,
    ViviendaYear,
    Complaint,
    ReferringCentre,
    UserAccount,
    Participant,
    Attachment,
    ConsentRecord,
    FormInstance,
    IssuedPdf,
    Referral,
    ReferralEvent,
    Stay,
    Outing,
    ToxControl,
    Incident,
    EconomicContribution,
    ReintegrationPlan,
    PlanObjective,
    PlanActivity,
    PlanReview,
    Interview,
    CoordinationContact,
    CaseConference,
    EmploymentPlacement,
    JobFollowUp,
    Resource,
    ResourceReferral,
)
