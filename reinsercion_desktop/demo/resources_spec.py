"""The shape of a demo catalogue entry (one tuple per resource, written like a table)."""

from reinsercion_desktop.domain.enums import ResourceCategory

# (category, name, provider, requirements, duration, schedule, cost, contact,
#  open all year, enrolment periods as (from, to) days after today, course (from, to) days)
Spec = tuple[
    ResourceCategory,
    str,
    str,
    str,
    str,
    str,
    str,
    str,
    bool,
    tuple[tuple[int, int], ...],
    tuple[int, int] | None,
]
