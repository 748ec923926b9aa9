"""What anonymising a closed file removes (GDPR art. 17, SPEC §10), and what it keeps.

One table says, for every text column of every table, whether it may name the person:
`IDENTIFYING_FIELDS` are emptied when the file is anonymised, `KEPT_FIELDS` stay (with
why), and `NON_PERSONAL_TABLES` hold no participant's data at all. A test walks every
text column of `db/models.py`, so a column added later must be placed here.

Decisions, and why:

- Names become «Anonimizada» + the first characters of the record's id, so lists still
  tell files apart; DNI/NIE, address, municipality, phones, family contact and notes go.
- The birth date becomes 1 July of the same year: reports group ages (Anexo II, the
  office's indicators) and 1 July is off by at most half a year for any birthday.
- Sex, gender identity, addiction profile, HIV status, education, employment, dates of
  referrals, stays and discharges, discharge types: kept, the Anexo II statistics and the
  monthly reports of past years count them and none names the person alone.
- CODAPEL is kept: it is the pseudonymous code the region's reports and the office use
  to count a person once across centres. It is not anonymous (it is made of initials
  and the birth date), and the record says so; a centre that must go further asks the
  office, which holds the other half of the pseudonym.
- Every free text a person of the team typed about the person (notes of interviews,
  incidents, plans, contacts, referrals, reasons) is emptied: any of them may name the
  person or a relative, and none is counted by a report.
- Form values: fields prefilled from an identifying source (`IDENTIFYING_SOURCES`) and
  every typed text field are emptied; codes, dates, numbers and yes/no answers stay.
- The audit log is kept whole: it holds keyed hashes of values, never the values
  (db/audit.py), so the chain stays intact.
"""

from dataclasses import dataclass
from datetime import date, datetime

ANONYMISED_NAME = "Anonimizada"
BACKUPS_NOTE = (
    "Las copias de seguridad hechas antes de hoy conservan los datos anteriores hasta que "
    "la rotación las elimine; las copias que se hagan desde ahora ya no los contienen."
)
SHORT_ID_CHARS = 8

# Bookkeeping columns every synchronised record has: ids and the staff logins that wrote.
COMMON_KEPT = ("id", "created_by", "updated_by", "installation_id")

IDENTIFYING_FIELDS: dict[str, tuple[str, ...]] = {
    "participant": (
        "first_name",
        "surname1",
        "surname2",
        "id_number",
        "address",
        "municipality",
        "phone",
        "family_contact",
        "family_phone",
        "notes",
        "search_key",
        "archive_reason",
    ),
    "attachment": ("original_name", "description"),  # the rows go with their files
    "consent_record": ("revocation_note",),
    "form_instance": ("amendment_reason",),  # `data`: per field, see `form_value_removed`
    "referral": (
        "incomplete_cause",
        "fix_note",
        "exclusion_override",
        "court_order_note",
        "postponed_note",
        "keep_decision",
        "centre_consulted_note",
        "closed_reason",
    ),
    "referral_event": ("note",),
    "stay": ("discharge_reason", "abandonment_reason", "over_9_months_justification"),
    "outing": ("purpose",),
    "incident": ("description",),
    "economic_contribution": ("income_origin", "family_circumstances"),
    "reintegration_plan": ("general_goal", "commitments", "closed_reason"),
    "plan_objective": ("title", "indicator", "target", "note"),
    "plan_activity": ("description",),
    "plan_review": ("summary", "changes", "snapshot"),
    "interview": ("notes",),
    "coordination_contact": ("contact_person", "notes"),
    "case_conference": ("attendees", "topic", "decisions", "tasks"),
    "employment_placement": ("employer", "position", "end_reason", "notes"),
    "job_follow_up": ("notes",),
    "resource_referral": ("note",),
    "complaint": ("description", "answer"),  # what the person told, and the reply
    # A conflict keeps both values of one of the person's fields until someone chooses.
    "sync_conflict": ("local_value", "incoming_value"),
}

KEPT_FIELDS: dict[str, tuple[str, ...]] = {
    # Categories the statistics count, and the pseudonymous CODAPEL (see above).
    "participant": (
        "sex",
        "gender_identity",
        "id_kind",
        "province",
        "addiction_profile",
        "hiv_status",
        "education_level",
        "employment_situation",
        "status",
        "codapel",
        "referring_centre_id",
        "case_manager_id",
        "vivienda_id",
    ),
    "attachment": ("participant_id", "form_instance_id", "stored_name", "content_type", "sha256"),
    "consent_record": ("participant_id", "form_instance_id", "scope"),
    # `data` is a JSON document: its fields are judged one by one (form_value_removed).
    "form_instance": (
        "form_id",
        "participant_id",
        "vivienda_id",
        "period",
        "data",
        "status",
        "finalized_by",
        "signed_by",
        "signed_by_name",
        "signed_hash",
        "amends_id",
    ),
    "issued_pdf": ("form_instance_id", "sha256", "content_hash", "status_at_issue"),
    "referral": (
        "participant_id",
        "referring_centre_id",
        "origin_centre_id",
        "form_instance_id",
        "status",
        "consensus",
        "exclusion_criteria",  # a JSON list of codes
        "postponed_reason",  # a code
        "priority_vivienda_id",
        "vivienda_id",
    ),
    "referral_event": ("referral_id", "status"),
    "stay": (
        "participant_id",
        "referral_id",
        "vivienda_id",
        "programme",
        "discharge_type",
        "disciplinary_criterion",
    ),
    "outing": ("stay_id", "kind"),
    "tox_control": ("stay_id", "result", "substances"),
    "incident": ("stay_id", "severity"),
    "economic_contribution": ("stay_id", "authorised_by"),  # a member of the team
    "reintegration_plan": ("participant_id", "status"),
    "plan_objective": (
        "plan_id",
        "participant_id",
        "area",
        "template_code",
        "priority",
        "status",
    ),
    "plan_activity": ("objective_id", "participant_id", "template_code", "status"),
    "plan_review": ("plan_id", "participant_id", "reviewer_name"),  # a member of the team
    "interview": ("participant_id", "kind", "staff_name", "next_appointment_time"),
    "coordination_contact": ("participant_id", "service_kind", "entity", "channel"),
    "case_conference": ("participant_id",),
    "employment_placement": ("participant_id", "contract_type"),
    "job_follow_up": ("placement_id", "participant_id"),
    "resource_referral": ("participant_id", "resource_id", "objective_id", "status"),
    "complaint": ("participant_id", "vivienda_id", "kind"),  # counted by kind (§12)
    "sync_conflict": (
        "peer_id",
        "table_name",
        "record_id",
        "field",
        "bundle_id",
        "resolved_by",
    ),  # fmt: skip
}

NON_PERSONAL_TABLES: dict[str, str] = {
    "installation": "the centre's own data",
    "vivienda": "the housing units",
    "vivienda_year": "the housing units' budgets and staff hours",
    "referring_centre": "the catalogue of referring centres",
    "user_account": "the team's accounts",
    "resource": "the catalogue of resources",
    # Kept whole: keyed hashes, never values (db/audit.py); a `reason` is what the team
    # typed to justify a reading or a change, and changing it would break the chain.
    "audit_log": "the audit chain",
    # The exchange (issue 13): other installations' public keys, the bundles' history
    # (sequences, counts, a file name with a date) and version pairs by record id.
    "peer": "the other installations' public keys",
    "exchange_bundle": "the history of bundles in and out",
    "sync_stamp": "where each shared record stands with each peer",
}

# Form fields prefilled from these sources hold the person's identifying data.
IDENTIFYING_SOURCES = frozenset(
    {
        "participant.first_name",
        "participant.surnames",
        "participant.full_name",
        "participant.id_number",
        "participant.address",
        "participant.municipality",
        "participant.phone",
        "participant.family_contact",
        "participant.family_phone",
        "participant.birth_date",
    }
)
TYPED_TEXT_KINDS = frozenset({"text", "long_text", "free_table"})


def anonymised_names(record_id: str) -> tuple[str, str, str]:
    """(first name, first surname, second surname) of an anonymised file."""
    return ANONYMISED_NAME, record_id[:SHORT_ID_CHARS], ""


def reduced_birth_date(birth: date) -> date:
    """1 July of the birth year: ages stay right within half a year (see above)."""
    return date(birth.year, 7, 1)


def form_value_removed(kind: str, source: str) -> bool:
    """Whether a form field's value goes: prefilled from an identifying source, or text the
    team typed (it may name the person). Codes, dates, numbers, yes/no stay."""
    if source:
        return source in IDENTIFYING_SOURCES
    return kind in TYPED_TEXT_KINDS


def emptied_value(table: str, column: str) -> str:
    """What an identifying column holds after anonymisation: JSON lists stay JSON."""
    if (table, column) in {
        ("plan_review", "changes"),
        ("plan_review", "snapshot"),
        ("case_conference", "attendees"),
        ("case_conference", "tasks"),
    }:
        return "[]"
    if table == "sync_conflict":
        return "null"  # JSON of the stored value
    return ""


# -- retention: when a closed file is due for review --------------------------------------


def closed_on(
    archived_on: date | None, last_discharge: date | None, *, still_open: bool
) -> date | None:
    """When a file was closed: archived, or its last stay ended with nothing open after it
    (no stay without discharge, no referral still on its way). The later of the two dates
    counts: a file archived after its discharge was closed when archived, and one discharged
    again after a restore was closed at that discharge. None: the file is not closed."""
    if archived_on is None and (still_open or last_discharge is None):
        return None
    dates = [day for day in (archived_on, last_discharge) if day is not None]
    return max(dates)


def years_between(start: date, end: date) -> int:
    """Whole years from `start` to `end` (a 29 February counts from 28 February)."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return max(years, 0)


def review_due(closed: date | None, today: date, retention_years: int) -> bool:
    """Closed at least `retention_years` whole years ago."""
    return closed is not None and years_between(closed, today) >= retention_years


@dataclass(frozen=True)
class AnonymisationRecord:
    """What was removed, when, by whom and why: kinds and counts, never the values."""

    participant_id: str
    label: str  # «Anonimizada 1a2b3c4d»: how lists show the file from now on
    codapel: str
    at: datetime
    by_login: str
    by_name: str
    reason: str
    fields_by_kind: tuple[tuple[str, int, int], ...]  # (kind of record, records, fields)
    form_values: int
    forms: int
    signed_forms: int
    attachments: int
    files_removed: int
    files_left: int  # could not be deleted from documentos/ (named in the log by id)
    issued_pdfs: int  # PDFs handed out earlier: only their fingerprints are kept here

    @property
    def short_id(self) -> str:
        return self.participant_id[:8]
