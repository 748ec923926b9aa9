"""Demo circuit data: referrals with their history, the waiting list and the stays.

The participants' statuses are made true by records: an open stay for each resident (en
estancia), past stays for the people discharged (alta) and for many others, the waiting
list for the people waiting (en espera) and a protocol on its way for the others
(derivado). Every place of every vivienda has a timeline of residents back to the start
of the demo's history, so occupancy, discharge types and waiting times look real at any
scale; at office scale (20,000 people, 100 viviendas) that is about 50,000 stays.

Rules kept while generating (the services would refuse otherwise): a resident's sex fits
the place, a vivienda is never over capacity, prison referrals are at most 20 % of the
occupants on every day (R-WL-3; the only exception is the court order of the list), a
person is old enough at admission for the programme (R-ADM-1), a new stay has a new
protocol dated after the previous discharge (R-DIS-2), the list is served first in,
first out (R-WL-1) and today's free places are assigned from it (R-WL-5), stays over 9
months carry their justification (R-STAY-2; one reaches 9 months in a few days and still
needs it), disciplinary discharges name a criterion (R-DIS-1), contributions stay within
20 % of the cost per place and day (R-ECO-1), and a referral's history follows the
allowed status steps. The signed consent of each resident (R-ADM-3) is among the
documents of demo/paperwork.py.

Planned in memory (circuit_planner.py with circuit_timelines.py and circuit_protocols.py),
then written in bulk (circuit_writer.py, circuit_life.py: a few units of work, each
audited record by record), since the services, one unit of work per step, would take
hours at office scale. Everything is drawn from `random.Random(seed)`, so the same seed
gives the same circuit (ids aside).
"""

import random
from collections.abc import Sequence
from datetime import date

from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.demo.circuit_model import (
    CircuitSummary,
    DemoCentre,
    DemoPerson,
    DemoVivienda,
    history_start,
)
from reinsercion_desktop.demo.circuit_planner import Planner
from reinsercion_desktop.demo.circuit_writer import Writer
from reinsercion_desktop.demo.profiles import ANDALUCIA, Profile
from reinsercion_desktop.domain.actor import Actor

__all__ = [
    "CircuitSummary",
    "DemoCentre",
    "DemoPerson",
    "DemoVivienda",
    "add_circuit",
    "history_start",
]


def add_circuit(
    db: Database,
    actor: Actor,
    *,
    people: Sequence[DemoPerson],
    viviendas: Sequence[DemoVivienda],
    centres: Sequence[DemoCentre],
    start: date,
    seed: int,
    profile: Profile = ANDALUCIA,
    avoid: set[str] = frozenset(),  # type: ignore[assignment]
) -> CircuitSummary:
    """Plan and store the whole circuit for the demo people (see the module's docstring)."""
    if not people:
        return CircuitSummary()
    rng = random.Random(f"circuit-{seed}")
    planner = Planner(rng, db.clock.today(), start, people, viviendas, centres, profile, set(avoid))
    planner.plan()
    return Writer(db, actor, planner).write()
