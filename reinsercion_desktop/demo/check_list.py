"""The checker's reading of the waiting list, the houses and Pendientes, as of today.

R-WL-5: no place is free while someone who could take it is waiting (the office's own
`OfficeService.vacancies` says who would get each free place). R-WL-1: since a person
joined the list, nobody of their sex whose protocol was received later has been admitted
or assigned a place before them (unless by readmission priority or court order, or while
they were postponed; a prison referral may be passed over for the 20 % quota). R-WL-3: at
most 20 % of a house's residents referred from prison, today and on sampled days, unless a
court order. And Pendientes: under a tenth overdue, as in a careful centre.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.demo.checker import DemoFacts, Finding
from reinsercion_desktop.domain.referral_rules import list_date
from reinsercion_desktop.services.occupancy import occupancy_board
from reinsercion_desktop.services.office import OfficeService
from reinsercion_desktop.services.pending import pending_items

ASSIGNMENT_LEAD = 5  # days: a place is assigned at most this long before the admission


def check_list(db: Database, facts: DemoFacts, overdue_share: float) -> list[Finding]:
    found = list(_free_places(db))
    found += list(_first_in_first_out(facts))
    found += list(_prison_share(db, facts))
    found += list(_pending(db, facts.today, overdue_share))
    return found


def _free_places(db: Database) -> Iterator[Finding]:
    for vacancy in OfficeService(db).vacancies():
        entry = vacancy.offer.entry
        if entry is not None:
            yield Finding(
                "R-WL-5",
                vacancy.vivienda,
                f"plaza libre ({vacancy.place}) mientras {entry.code or entry.referral_id[:8]} "
                f"espera desde el {entry.list_date}",
            )


def _first_in_first_out(facts: DemoFacts) -> Iterator[Finding]:
    t = facts.tables
    sex = {p.id: p.sex for p in t["participant"]}
    code = {p.id: p.codapel for p in t["participant"]}
    postponed_on: dict[str, date] = {}
    for event in t["referral_event"]:
        if event.status == "postponed":
            first = postponed_on.get(event.referral_id)
            postponed_on[event.referral_id] = min(first, event.on_date) if first else event.on_date
    stays_by_referral = {s.referral_id: s for s in t["stay"]}
    taken: list[tuple[str, date, date, str]] = []  # sex, list date, day the place was given, who
    for r in t["referral"]:
        if r.status not in ("admitted", "assigned") or r.court_order or r.priority_until:
            continue
        received = list_date(r.received_date, r.fixed_date)
        stay = stays_by_referral.get(r.id)
        given = r.assigned_date or (
            stay.admission_date - timedelta(days=ASSIGNMENT_LEAD) if stay else None
        )
        if received and given:
            taken.append((sex[r.participant_id], received, given, code[r.participant_id]))
    by_sex: dict[str, list] = defaultdict(list)
    for item in taken:
        by_sex[item[0]].append(item)
    for r in t["referral"]:
        if r.status not in ("waiting", "postponed") or r.prison or r.priority_until:
            continue
        mine = list_date(r.received_date, r.fixed_date)
        joined = r.included_date or mine
        if mine is None or joined is None:
            continue
        until = postponed_on.get(r.id, facts.today + timedelta(days=1))
        jumped = [
            who
            for _sex, received, given, who in by_sex[sex[r.participant_id]]
            if received > mine and joined <= given < until
        ]
        if jumped:
            yield Finding(
                "R-WL-1",
                f"lista de espera ({code[r.participant_id]})",
                f"en la lista desde el {joined}; antes entraron protocolos posteriores: "
                + ", ".join(jumped[:3]),
            )


def _prison_share(db: Database, facts: DemoFacts) -> Iterator[Finding]:
    court = {s.id for s in facts.tables["stay"] if s.court_order}
    today = facts.today
    days = [today] + [today - timedelta(days=n) for n in (30, 120, 365, 700)]
    for day in days:
        for house in occupancy_board(db, day):
            if house.prison_over_limit and not any(o.stay_id in court for o in house.occupants):
                yield Finding("R-WL-3", house.name, f"más del 20 % de prisión el {day}")


def _pending(db: Database, today: date, share: float) -> Iterator[Finding]:
    items = pending_items(db, today)
    overdue = [item for item in items if item.overdue(today)]
    if items and len(overdue) >= share * len(items):
        yield Finding(
            "Pendientes",
            "Pendientes",
            f"{len(overdue)} de {len(items)} vencidos (el máximo es un {share:.0%})",
        )
