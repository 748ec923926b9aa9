"""Pendientes: what needs doing, soonest first. The circuit adds its deadlines here."""

from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database


@dataclass(frozen=True)
class PendingItem:
    participant_id: str
    who: str
    what: str
    due: date | None = None

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


def pending_items(db: Database) -> list[PendingItem]:
    """Open files that lack a case manager, a referring centre or an ID number."""
    items = []
    with db.read() as session:
        rows = queries.incomplete_files(session=session)
    for participant_id, first, surname, codapel, no_manager, no_centre, no_id in rows:
        missing = [
            text
            for flag, text in (
                (no_manager, "gestor/a de caso"),
                (no_centre, "centro derivador"),
                (no_id, "documento de identidad"),
            )
            if flag
        ]
        items.append(
            PendingItem(
                participant_id, f"{surname}, {first} ({codapel})", "Falta: " + ", ".join(missing)
            )
        )
    return sorted(items, key=lambda item: (item.due or date.max, item.who))
