"""The tables the window's start-up does not touch, loaded the first time one is named
(`from reinsercion_desktop.db.models import Interview` loads them through the models
module's `__getattr__`): the reintegration plan and the case's follow-up, the resources,
the stay's controls and contributions, the consents, the structure figures and the
complaints, and the exchange's peers and bookkeeping.
"""

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from reinsercion_desktop.db.models import (
    DEFERRED,
    Attachment,
    FormInstance,
    Installation,
    IssuedPdf,
    Outing,
    Participant,
    Record,
    Referral,
    ReferralEvent,
    ReferringCentre,
    Stay,
    UserAccount,
    Vivienda,
    new_id,
)


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


class Peer(Record, table=True):
    """Centro u oficina de confianza: another installation whose public keys were imported
    and whose fingerprint was confirmed (read by phone). Bundles are encrypted to its age
    recipient and checked against its signing key (issue 13). Never deleted: forgetting a
    peer deactivates it, so the history of what came from it keeps its name."""

    __tablename__ = "peer"

    name: str = Field(max_length=120)  # as this installation calls it
    kind: str = Field(max_length=10)  # InstallationKind: centre | office
    peer_installation_id: str = Field(max_length=36, index=True)
    code: str = Field(default="", max_length=20)
    signing_public: str = Field(max_length=64)  # Ed25519, base64 of the raw 32 bytes
    age_recipient: str = Field(max_length=100)  # "age1…"
    fingerprint: str = Field(max_length=19)  # «K7QD 2M4X PA9R T3WC»
    confirmed_at: datetime | None = Field(default=None)
    confirmed_by: str = Field(default="", max_length=40)
    active: bool = Field(default=True)


# -- The exchange with the office's peers: bookkeeping, not synchronised (issue 13) -------


class ExchangeBundle(SQLModel, table=True):
    """A bundle made for a peer or taken from one: the history the Intercambio view shows,
    and what the next bundle needs (sequences, acknowledgements, audit ranges)."""

    __tablename__ = "exchange_bundle"
    __table_args__ = (UniqueConstraint("peer_id", "direction", "sequence"),)
    model_config = DEFERRED  # type: ignore[assignment]

    id: str = Field(primary_key=True, max_length=36)  # the bundle id of its manifest
    peer_id: str = Field(foreign_key="peer.id", max_length=36, index=True)
    direction: str = Field(max_length=3)  # "out" made here, "in" taken from the peer
    sequence: int  # its number between the two, in its direction (1, 2, 3…)
    # out: the audit log's entries it carries the changes of; in: the entries its import
    # wrote here (so the next bundle out does not send them back as local changes)
    audit_from: int = Field(default=0)
    audit_to: int = Field(default=0)
    acknowledged: int = Field(default=0)  # the other direction's last sequence it confirms
    state: str = Field(max_length=10)  # out: made | confirmed; in: applied | held
    counts: str = Field(default="{}")  # JSON: records by table, or the import's outcomes
    made_at: datetime
    applied_at: datetime | None = Field(default=None)
    file_name: str = Field(default="", max_length=120)
    sender_audit_seq: int | None = Field(default=None)  # in: the sender's signed audit head
    note: str = Field(default="", max_length=400)


class SyncStamp(SQLModel, table=True):
    """Where one record stands with one peer: the version pairs of domain/sync_merge.py
    (the record's and each field's) and whether its last change was sent, confirmed or is
    in conflict."""

    __tablename__ = "sync_stamp"
    model_config = DEFERRED  # type: ignore[assignment]

    peer_id: str = Field(primary_key=True, foreign_key="peer.id", max_length=36)
    record_id: str = Field(primary_key=True, max_length=36)
    table_name: str = Field(max_length=40)
    mine: int = Field(default=0)
    theirs: int = Field(default=0)
    stamps: str = Field(default="{}")  # JSON: field → [mine, theirs]
    sent_in: int | None = Field(default=None)  # the sequence of the last bundle out with it
    state: str = Field(default="sent", max_length=10)  # sent | confirmed | conflict
    # The audit entry up to which this side's changes to the record are in its stamps: an
    # import folds the changes not yet sent in before it merges (so they are not
    # overwritten), and the next bundle out must not count them a second time.
    folded_to: int = Field(default=0)


class SyncConflict(SQLModel, table=True):
    """A field changed here and at the peer to different values: both kept until a person
    chooses (R-SYNC-3, R-SYNC-4)."""

    __tablename__ = "sync_conflict"
    model_config = DEFERRED  # type: ignore[assignment]

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    peer_id: str = Field(foreign_key="peer.id", max_length=36, index=True)
    table_name: str = Field(max_length=40)
    record_id: str = Field(max_length=36, index=True)
    field: str = Field(max_length=60)
    local_value: str = Field(default="null")  # JSON of the stored value
    incoming_value: str = Field(default="null")
    incoming_mine: int
    incoming_theirs: int
    bundle_id: str = Field(max_length=36)
    found_at: datetime
    resolved_at: datetime | None = Field(default=None)
    resolved_by: str = Field(default="", max_length=40)


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
    Peer,
)
