"""The waiting list as its rules need it, read in one session (R-WL-1..5).

Shared by the waiting-list service and the office: the listed protocols as
`WaitingEntry`s, who holds a place in each vivienda (residents, and reservations of the
assigned protocols), the announced discharges and the viviendas in force.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db import queries
from reinsercion_desktop.db import waiting_list_queries as listed
from reinsercion_desktop.db.models import Vivienda
from reinsercion_desktop.domain.enums import ReferralStatus
from reinsercion_desktop.domain.referral_rules import list_date
from reinsercion_desktop.domain.waiting_list import FreePlaces, Occupant, WaitingEntry, free_places


@dataclass
class WaitingState:
    """The list as the rules need it, read in one session."""

    entries: dict[str, WaitingEntry]  # waiting or postponed
    assigned: list[WaitingEntry]
    residents: dict[str, list[Occupant]]  # open stays, by vivienda
    reserved: dict[str, list[Occupant]]  # assigned protocols: places reserved
    leaving: dict[str, int]
    viviendas: list[Vivienda]

    def occupants(self, vivienda_id: str) -> list[Occupant]:
        """Who holds a place, for the prison quota: residents and people assigned."""
        return [*self.residents.get(vivienda_id, ()), *self.reserved.get(vivienda_id, ())]

    def places(self, vivienda: Vivienda) -> FreePlaces:
        return free_places(
            vivienda.id,
            vivienda.name,
            (vivienda.places_men, vivienda.places_women, vivienda.places_mixed),
            self.residents.get(vivienda.id, ()),
            self.leaving[vivienda.id],
            reserved=self.reserved.get(vivienda.id, ()),
        )


def waiting_entry(referral, sex: str = "", code: str = "", centre: str = "") -> WaitingEntry:  # type: ignore[no-untyped-def]
    """A stored referral, or a listed row, as the list rules see it."""
    return WaitingEntry(
        referral_id=referral.id,
        participant_id=referral.participant_id,
        sex=sex,
        code=code,
        centre=centre,
        list_date=list_date(referral.received_date, referral.fixed_date)
        or referral.included_date
        or referral.protocol_date,
        created_at=referral.created_at,
        status=referral.status,
        included_date=referral.included_date,
        postponed_until=referral.postponed_until,
        keep_decision=referral.keep_decision,
        prison=referral.prison,
        court_order=referral.court_order,
        priority_until=referral.priority_until,
        priority_vivienda_id=referral.priority_vivienda_id,
        vivienda_id=referral.vivienda_id,
        assigned_date=referral.assigned_date,
        planned_admission_date=referral.planned_admission_date,
    )


def in_force(viviendas, day: date) -> list[Vivienda]:  # type: ignore[no-untyped-def]
    return [
        v
        for v in viviendas
        if (v.valid_from is None or v.valid_from <= day)
        and (v.valid_to is None or v.valid_to >= day)
    ]


LISTED = (ReferralStatus.WAITING, ReferralStatus.POSTPONED, ReferralStatus.ASSIGNED)


def load_listed(session) -> tuple[list[WaitingEntry], dict[str, WaitingEntry]]:  # type: ignore[no-untyped-def]
    """The listed protocols as the rules see them: the assigned ones, and the queue
    (waiting or postponed) by referral id. One query; what a reading of the list's rows
    alone needs (no places, no residents)."""
    return listed_entries(listed_referrals(session))


def listed_referrals(session) -> list[listed.ListedReferral]:  # type: ignore[no-untyped-def]
    return listed.listed_referrals(session=session, statuses=[s.value for s in LISTED])


def listed_entries(
    rows: list[listed.ListedReferral],
) -> tuple[list[WaitingEntry], dict[str, WaitingEntry]]:
    """`load_listed`'s split of the listed protocols, from their rows."""
    assigned: list[WaitingEntry] = []
    queue: dict[str, WaitingEntry] = {}
    for row in rows:
        entry = waiting_entry(row, row.sex, row.codapel, row.referring_centre)
        if row.status == ReferralStatus.ASSIGNED:
            assigned.append(entry)
        else:
            queue[row.id] = entry
    return assigned, queue


def load_state(session, today: date, *, exclude_stay_id: str | None = None) -> WaitingState:  # type: ignore[no-untyped-def]
    """Everything the list rules need; `exclude_stay_id`: a resident whose place is being
    assigned ahead (announced discharge)."""
    assigned, queue = load_listed(session)
    viviendas = in_force(queries.viviendas(session=session), today)
    state = WaitingState(
        queue, assigned, defaultdict(list), defaultdict(list), defaultdict(int), viviendas
    )
    for stay in listed.open_stays(session=session):
        if stay.id == exclude_stay_id:
            continue
        # An admission recorded ahead holds the place without living there yet.
        held = state.reserved if stay.admission_date > today else state.residents
        held[stay.vivienda_id].append(Occupant(stay.sex, stay.prison))
        state.leaving[stay.vivienda_id] += stay.discharge_notice_date is not None
    for entry in assigned:
        if entry.vivienda_id:  # the place is reserved
            state.reserved[entry.vivienda_id].append(Occupant(entry.sex, entry.prison))
    return state
