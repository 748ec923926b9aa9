"""What the resource screens read: frozen views of the catalogue and of people's referrals.

`ResourceService` hands these to the window instead of ORM rows. A `ResourceView` holds
its enrolment periods already read from their JSON and the one-line summary of when one
can enrol, as of the day it was read; a `ReferralView` carries the resource's name and
category and the objective's title the list shows beside it.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from reinsercion_desktop.domain.enums import ResourceCategory
from reinsercion_desktop.domain.resource_rules import (
    Period,
    ResourceFacts,
    enrolment_summary,
)


@dataclass(frozen=True)
class ResourceView:
    """Recurso de la oferta mensual, with `enrolment`: "Abierta hasta el …", "Próxima: …"."""

    id: str
    category: str
    name: str
    provider: str
    description: str
    requirements: str
    duration: str
    schedule: str
    cost: str
    contact: str
    open_all_year: bool
    periods: tuple[Period, ...]
    starts_on: date | None
    ends_on: date | None
    active: bool
    version: int
    enrolment: str

    @property
    def category_label(self) -> str:
        known = self.category in set(ResourceCategory)
        return ResourceCategory(self.category).label if known else self.category

    @property
    def facts(self) -> ResourceFacts:
        return ResourceFacts(
            name=self.name,
            category=self.category,
            open_all_year=self.open_all_year,
            periods=self.periods,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            id=self.id,
        )


@dataclass(frozen=True)
class ReferralView:
    """Derivación de una persona a un recurso, with what the list shows beside it."""

    id: str
    participant_id: str
    resource_id: str
    objective_id: str | None
    status: str
    proposed_date: date
    enrolled_date: date | None
    finished_date: date | None
    note: str
    version: int
    resource_name: str
    category: str
    objective_title: str


class ObjectiveChoice(NamedTuple):
    """An open objective of the person's plan a referral may be linked to."""

    id: str
    title: str


# -- from stored rows (duck-typed: the service passes ORM rows) ---------------------------------


def resource_view(row: Any, today: date) -> ResourceView:
    facts = ResourceFacts.of(row)
    return ResourceView(
        id=row.id,
        category=row.category,
        name=row.name,
        provider=row.provider,
        description=row.description,
        requirements=row.requirements,
        duration=row.duration,
        schedule=row.schedule,
        cost=row.cost,
        contact=row.contact,
        open_all_year=facts.open_all_year,
        periods=facts.periods,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        active=bool(row.active),
        version=row.version,
        enrolment=enrolment_summary(facts, today),
    )


def referral_view(
    row: Any, resource_name: str, category: str, objective_title: str
) -> ReferralView:
    return ReferralView(
        id=row.id,
        participant_id=row.participant_id,
        resource_id=row.resource_id,
        objective_id=row.objective_id,
        status=row.status,
        proposed_date=row.proposed_date,
        enrolled_date=row.enrolled_date,
        finished_date=row.finished_date,
        note=row.note,
        version=row.version,
        resource_name=resource_name,
        category=category,
        objective_title=objective_title,
    )
