"""What the bundle's export and import share (issue 13): the order the tables travel in,
which way a bundle goes between two installations, the records a peer is sent (an
office sends each centre only what concerns its viviendas), and the conversion of
values as stored into what the models take.
"""

from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from reinsercion_desktop.db import exchange_queries
from reinsercion_desktop.db.exchange_state_queries import StampRow
from reinsercion_desktop.db.models import Record
from reinsercion_desktop.domain.enums import InstallationKind
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.exchange_policy import BOOKKEEPING, POLICY, Direction, Flow
from reinsercion_desktop.domain.participant import search_key
from reinsercion_desktop.domain.sync_merge import Copy, Stamp, with_local_changes

# Parents before children: a bundle lists its events in this order (foreign keys are
# also checked only at the commit of an import, so the order is for readers, not SQLite).
TABLE_ORDER = (
    "installation",
    "vivienda",
    "referring_centre",
    "resource",
    "participant",
    "form_instance",
    "referral",
    "referral_event",
    "stay",
    "outing",
)
# What the exchange leaves to each side: the bookkeeping of a record is local.
LOCAL_ONLY = frozenset(BOOKKEEPING)
EVENTS_PART = "events"


class NotAPeerPair(UserError):
    pass


class ExchangeCancelled(UserError):
    def __init__(self, what: str) -> None:
        super().__init__(f"{what} se ha cancelado: no se ha cambiado nada.")


def local_copy(
    values: Mapping[str, Any], stamp: StampRow | None, changed: Mapping[str, int]
) -> Copy:
    """This side's copy of a record, its changes not yet sent folded into its stamps (so
    an incoming change never overwrites them unseen, and they travel in the next bundle):
    the fields `changed` names after the entry the stamp already folded. A record never
    exchanged with the peer counts whole as a change of ours."""
    if stamp is None:
        return with_local_changes(Copy(values, {}, Stamp()), values, values)
    names = [name for name, seq in changed.items() if seq > stamp.folded_to and name in values]
    return with_local_changes(Copy(values, stamp.copy.stamps, stamp.copy.counts), names, values)


def direction_between(own_kind: str, other_kind: str, *, sending: bool) -> Direction:
    """The way a bundle travels: centre → office or office → centre; two centres (or two
    offices) exchange nothing."""
    if own_kind == other_kind:
        both = "dos centros" if own_kind == InstallationKind.CENTRE.value else "dos oficinas"
        raise NotAPeerPair(
            f"El intercambio es entre un centro y su oficina coordinadora, no entre {both}: "
            "elija la oficina (o el centro) con que se intercambian paquetes."
        )
    from_kind = own_kind if sending else other_kind
    return (
        Direction.TO_OFFICE if from_kind == InstallationKind.CENTRE.value else Direction.TO_CENTRE
    )


def tables_of(direction: Direction) -> list[tuple[str, Flow]]:
    flows = POLICY[direction]
    return [(table, flows[table]) for table in TABLE_ORDER if table in flows]


def travelling_columns(flow: Flow) -> list[str]:
    """What is read of a record to send it: its fields and the installation it came from."""
    return ["installation_id", *flow.fields]


def event_fields(flow: Flow, row: Mapping[str, Any]) -> dict[str, Any]:
    """The record as it travels: the id and the policy's fields (the withheld ones empty);
    the bookkeeping stays here (the origin travels as the event's own field)."""
    sent = flow.fields_of(row)
    return {name: value for name, value in sent.items() if name not in LOCAL_ONLY or name == "id"}


@cache
def shared_fields(table: str) -> tuple[str, ...]:
    """Every field of `table` that travels either way (what a stamp's common pair covers)."""
    names: set[str] = set()
    for flows in POLICY.values():
        if table in flows:
            names.update(flows[table].fields)
    return tuple(sorted(names))


@cache
def models_by_table() -> dict[str, type[Record]]:
    from reinsercion_desktop.db.models_later import SYNCED_TABLES

    return {model.__tablename__: model for model in SYNCED_TABLES}  # type: ignore[misc]


# -- the records a peer is sent -------------------------------------------------------------


class Scope:
    """The records of each table a peer may be sent. A centre sends its office every record
    the policy lets travel; the office sends a centre the protocols of its viviendas (and
    their people, history and Anexo I) and the catalogues whole."""

    WHOLE = ("referring_centre", "resource")

    def __init__(self, session: Any, direction: Direction, peer_installation_id: str):
        self.everything = direction is Direction.TO_OFFICE
        self.ids: dict[str, set[str]] = {}
        if not self.everything:
            referrals = exchange_queries.centre_referrals(session, peer_installation_id)
            self.ids["referral"] = set(referrals)
            self.ids["participant"] = {person for person, _ in referrals.values()}
            self.ids["form_instance"] = {form for _, form in referrals.values() if form}
            self.ids["referral_event"] = exchange_queries.ids_where(
                session, "referral_event", "referral_id", referrals
            )

    def allows(self, table: str, record_id: str) -> bool:
        if self.everything or table in self.WHOLE:
            return True
        return record_id in self.ids.get(table, ())

    def all_ids(self, table: str) -> set[str] | None:
        """Every id of `table` in scope, None for the whole table."""
        if self.everything or table in self.WHOLE:
            return None
        return self.ids.get(table, set())


# -- values as stored → as the models take them ---------------------------------------------


class BadValue(UserError):
    def __init__(self) -> None:
        super().__init__(
            "El paquete trae un valor que no es válido para este programa (una fecha, un "
            "número). No se ha importado nada: avise a quien lo envió."
        )


def model_values(table: str, stored: Mapping[str, Any]) -> dict[str, Any]:
    """A record's values as stored (what an event carries) in the models' Python types."""
    try:
        return exchange_queries.as_model_values(_tables()[table], stored)
    except ValueError:
        raise BadValue() from None


@cache
def _tables() -> dict[str, Any]:
    """Each synchronised table's SQLAlchemy Table (`__table__` goes through a getattr that
    costs a microsecond, 300,000 times an import)."""
    return {name: model.__table__ for name, model in models_by_table().items()}  # type: ignore[attr-defined]


def derived(table: str, values: dict[str, Any], id_number: str = "") -> None:
    """Columns this side derives from what travels (the list's search key)."""
    if table == "participant" and "surname1" in values:
        values["search_key"] = search_key(
            values.get("first_name") or "",
            values.get("surname1") or "",
            values.get("surname2"),
            id_number,
            values.get("codapel") or "",
        )


def owners_of(session: Any, table: str, rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """The person each record belongs to, for the audit's `participant_id` (as the unit of
    work finds it: outings through their stay, a referral's history through it)."""
    rows = list(rows)
    if table == "participant":
        yield from (str(row["id"]) for row in rows)
        return
    link = {"outing": ("stay_id", "stay"), "referral_event": ("referral_id", "referral")}.get(table)
    if link is None:
        yield from (str(row.get("participant_id") or "") for row in rows)
        return
    column, parent = link
    found = exchange_queries.participants_of(
        session, parent, {row[column] for row in rows if row.get(column)}
    )
    yield from (found.get(row.get(column) or "", "") for row in rows)
