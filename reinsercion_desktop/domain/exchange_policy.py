"""What may flow between a centre and its coordinating office, field by field (SPEC §8,
issue 13): the one place that says it. A bundle carries, of each record, only the
fields listed here for its direction; an incoming record with any other field is refused
(a peer cannot write what it was never meant to send).

Centre → office: the circuit as the office runs it — the installation and its
viviendas (the office's registry), the referring centres it added, the people referred with the fields of their
protocol (the circuit sends the protocol by name: Anexo I has name, birth date, address,
phone, family contact, addiction profile, PTM and dose, HIV status, prison origin and
court order), their referrals and the referral's history, admissions, outings,
discharges and resignations, the monthly Anexo III, the reports IV–VI and the
questionnaires (Anexo VII), these without the person. Everything else about a person —
the DNI, notes, plan, interviews, gender identity, education, employment — stays in the
centre: elsewhere a person is named by CODAPEL.

Office → centre: the protocols it assigned to the centre's viviendas (the person by
name, the referral with the place, the planned admission and the waiting list's
decisions, its history and its Anexo I), and the catalogues it keeps (referring
centres, resources).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

BOOKKEEPING = ("id", "version", "installation_id", "created_at", "updated_at")


class Direction(StrEnum):
    TO_OFFICE = "centre→office"
    TO_CENTRE = "office→centre"


@dataclass(frozen=True)
class Flow:
    """The fields of one table that flow one way; `forms` limits form instances to these
    forms; `without` are fields sent empty (the questionnaires go without the person)."""

    fields: tuple[str, ...]
    forms: frozenset[str] | None = None
    without: Mapping[str, tuple[str, ...]] | None = None  # form id → fields sent as None

    def carries(self, row: Mapping[str, Any]) -> bool:
        return self.forms is None or row.get("form_id") in self.forms

    def fields_of(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """The row as it travels: the listed fields only, the withheld ones emptied."""
        sent = {name: row.get(name) for name in (*BOOKKEEPING, *self.fields)}
        for name in (self.without or {}).get(str(row.get("form_id")), ()):
            sent[name] = None
        return sent


# The person as Anexo I names them (forms/anexo-i), plus what the office's counts need
# (SPEC §7, §12: sex, age, addiction, province, referring centre, alternative sentence).
PROTOCOL_PERSON = (
    "first_name", "surname1", "surname2", "birth_date", "sex", "address", "municipality",
    "province", "phone", "family_contact", "family_phone", "addiction_profile", "ptm",
    "methadone_dose_mg", "hiv_status", "prison_origin", "court_order",
    "alternative_sentence", "status", "codapel", "referring_centre_id", "vivienda_id",
)  # fmt: skip

# What the office decides on a referral: the waiting list, the place, the dates.
OFFICE_DECISIONS = (
    "status", "received_date", "included_date", "incomplete_cause", "fixed_date",
    "fix_note", "postponed_reason", "postponed_note", "postponed_until", "keep_decision",
    "priority_until", "priority_vivienda_id", "vivienda_id", "assigned_date",
    "planned_admission_date", "centre_consulted_note", "closed_date", "closed_reason",
)  # fmt: skip

REFERRAL = (
    "participant_id", "referring_centre_id", "origin_centre_id", "form_instance_id",
    "protocol_date", "consensus", "exclusion_criteria", "exclusion_override", "voluntary",
    "prison", "court_order", "court_order_note", *OFFICE_DECISIONS,
)  # fmt: skip

REFERRING_CENTRE = (
    "kind", "name", "code", "province", "municipality", "phone", "fax", "email",
    "contact_name", "active",
)  # fmt: skip

CIRCUIT_FORMS = frozenset({"anexo-i", "anexo-iii", "anexo-iv", "anexo-v", "anexo-vi", "anexo-vii"})
FORM = (
    "form_id", "definition_version", "participant_id", "vivienda_id", "period", "data",
    "status", "finalized_at", "signed_at", "signed_hash", "amends_id", "amendment_reason",
)  # fmt: skip

INSTALLATION = (
    "kind", "name", "code", "entity", "province", "address", "phone", "fax",
    "programme_kind",
)  # fmt: skip
VIVIENDA = (
    "name", "code", "municipality", "province", "address", "places_men", "places_women",
    "places_mixed", "valid_from", "valid_to",
)  # fmt: skip
REFERRAL_EVENT = ("referral_id", "on_date", "status", "note")
STAY = (
    "participant_id", "referral_id", "vivienda_id", "admission_date", "programme", "prison",
    "court_order", "planned_discharge_date", "discharge_date", "discharge_type",
    "discharge_reason", "disciplinary_criterion", "abandonment_reason",
    "over_9_months_justification", "discharge_notice_date",
)  # fmt: skip
OUTING = ("stay_id", "start_date", "end_date", "kind", "purpose")
RESOURCE = (
    "category", "name", "provider", "description", "requirements", "duration", "schedule",
    "cost", "contact", "open_all_year", "enrolment_periods", "starts_on", "ends_on",
    "active",
)  # fmt: skip

POLICY: Mapping[Direction, Mapping[str, Flow]] = {
    Direction.TO_OFFICE: {
        "installation": Flow(INSTALLATION),
        "vivienda": Flow(VIVIENDA),
        # A centre may add a referring centre the office's catalogue lacks: its people
        # and referrals point at it, so it travels with them.
        "referring_centre": Flow(REFERRING_CENTRE),
        "participant": Flow(PROTOCOL_PERSON),
        "referral": Flow(REFERRAL),
        "referral_event": Flow(REFERRAL_EVENT),
        "stay": Flow(STAY),
        "outing": Flow(OUTING),
        "form_instance": Flow(
            FORM, forms=CIRCUIT_FORMS, without={"anexo-vii": ("participant_id",)}
        ),
    },
    Direction.TO_CENTRE: {
        # A protocol the office received or assigned goes to the centre of the vivienda
        # with its person (by name, as the circuit sends it) and its Anexo I.
        "participant": Flow(PROTOCOL_PERSON),
        "form_instance": Flow(FORM, forms=frozenset({"anexo-i"})),
        "referral": Flow(REFERRAL),
        "referral_event": Flow(REFERRAL_EVENT),
        "referring_centre": Flow(REFERRING_CENTRE),
        "resource": Flow(RESOURCE),
    },
}


class NotAllowed(ValueError):
    """An incoming record carries a table or a field its direction does not allow."""


def flow(direction: Direction, table: str) -> Flow | None:
    return POLICY[direction].get(table)


def check_incoming(direction: Direction, table: str, fields: Mapping[str, Any]) -> None:
    """Refuse a record a peer had no business sending: another table, another field."""
    allowed = flow(direction, table)
    if allowed is None:
        raise NotAllowed(f"{table}: no viaja en sentido {direction.value}")
    extra = set(fields) - set(allowed.fields) - set(BOOKKEEPING)
    if extra:
        raise NotAllowed(f"{table}: campos que no viajan en sentido {direction.value}")
