"""The tables of the application: here those the window's start-up reads and writes (the
files, the circuit, the audit log), the others in `models_later`, loaded on first use.

Every synchronised record carries a UUID key, who/when created and updated it, a
version counter and the installation that owns it (SPEC §3): the exchange bundle
relies on these to detect conflicts instead of overwriting.
"""

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import ConfigDict
from sqlalchemy import Index, MetaData
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


# The other tables (the plan, the follow-up, the resources, the stay's controls, the
# consents, the structure figures, the exchange) are defined in `models_later`, loaded the
# first time one of them is named here: their classes and mappers cost ~0.1 s of start-up
# that the window's first screen never uses. Whatever needs every table (the list of
# synced tables, the audit's check, Alembic) asks for `all_tables()`.
if TYPE_CHECKING:
    from reinsercion_desktop.db.models_later import *  # noqa: F403


def __getattr__(name: str) -> Any:
    """A name this module lacks is looked for in `models_later` (loading it)."""
    if not name.startswith("__"):  # import machinery probing dunders loads nothing
        from reinsercion_desktop.db import models_later

        found = getattr(models_later, name, None)
        if found is not None:
            return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def all_tables() -> MetaData:
    """The metadata with every table in it (the later ones loaded)."""
    import reinsercion_desktop.db.models_later  # noqa: F401

    return metadata
