"""Rules of the individual reintegration plan (SPEC §6, `003_…` §7–9).

Plain Python, no storage: the plan service checks drafts here before writing, and
Pendientes, the caseload and the timeline ask here what counts as open or overdue.
"""

from datetime import date

from reinsercion_desktop.domain.enums import ObjectiveStatus

OPEN_OBJECTIVE_STATUSES = frozenset({ObjectiveStatus.PENDING, ObjectiveStatus.IN_PROGRESS})


def objective_is_open(status: str) -> bool:
    """Pending or in progress: still being worked on."""
    return status in OPEN_OBJECTIVE_STATUSES


def objective_overdue(deadline: date | None, status: str, today: date) -> bool:
    """An open objective whose deadline has passed (R-PLAN-4)."""
    return deadline is not None and deadline < today and objective_is_open(status)
