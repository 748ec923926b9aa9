"""The demo's resource catalogue (deterministic, dates around `today`).

Each profile brings its own catalogue: the Andalusian one (Junta de Andalucía, SAE,
formación profesional para el empleo, ayuntamientos, entidades del tercer sector:
resources_andalucia.py) and the Álvaro Obregón one of the seed's monthly offer
(`000_…`: INEA/MEVyT, Preparatoria Abierta, Prepa en Línea, STyFE, CURBA, PILARES…:
resources_cdmx.py). Enrolment periods and course dates are set relative to `today`, so the
bulletin of this month and the next always has dates. `CATALOGUE`, the seed's own offer,
is what `seed_resources` adds when no catalogue is named (the bulletin's tests print it).
"""

from datetime import date, timedelta

from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Resource
from reinsercion_desktop.demo.resources_cdmx import CDMX_CATALOGUE
from reinsercion_desktop.demo.resources_spec import Spec
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.resource_rules import ResourceDraft
from reinsercion_desktop.services.resources import ResourceService

CATALOGUE = CDMX_CATALOGUE


def _day(today: date, offset: int) -> date:
    return today + timedelta(days=offset)


def draft_of(spec: Spec, today: date) -> ResourceDraft:
    category, name, provider, requirements, duration, schedule, cost, contact = spec[:8]
    open_all_year, periods, course = spec[8:]
    return ResourceDraft(
        category=category.value,
        name=name,
        provider=provider,
        requirements=requirements,
        duration=duration,
        schedule=schedule,
        cost=cost,
        contact=contact,
        open_all_year=open_all_year,
        enrolment_periods=tuple((_day(today, a), _day(today, b)) for a, b in periods),
        starts_on=_day(today, course[0]) if course else None,
        ends_on=_day(today, course[1]) if course else None,
    )


def seed_resources(
    db: Database, actor: Actor, today: date, catalogue: tuple[Spec, ...] = CATALOGUE
) -> list[Resource]:
    """Add a catalogue; its last resource (a past edition) is kept but deactivated."""
    service = ResourceService(db)
    added = [service.add_resource(actor, draft_of(spec, today)) for spec in catalogue]
    added[-1] = service.deactivate(actor, added[-1].id)  # as it stands: out of the offer
    return added
