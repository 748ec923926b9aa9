"""Records written in bulk (db/bulk.py: the demo, an exchange import at office scale) have
the same audit entries the unit of work would write one by one: the full check finds each
record as its entry says, whatever its values — empty, defaults, booleans, numbers,
repeated dates, times of day from another installation."""

from datetime import UTC, date, datetime, timedelta, timezone

from reinsercion_desktop.db.bulk import bulk_create
from reinsercion_desktop.db.models import Participant
from reinsercion_desktop.services.check import check_workspace


def rows() -> list[dict]:
    madrid = timezone(timedelta(hours=1))
    made = [
        {"first_name": "Rocío", "surname1": "Martín", "birth_date": date(1988, 5, 14)},
        {"first_name": "Ana", "surname1": "Ruiz", "birth_date": date(1988, 5, 14), "ptm": True},
        {"first_name": "Luis", "surname1": "Gil", "birth_date": date(1990, 1, 2), "ptm": False},
        {"first_name": "Eva", "surname1": "Sanz", "birth_date": date(1975, 2, 3),
         "methadone_dose_mg": 1, "prison_origin": True},  # 1 and True side by side
        {"first_name": "Pablo", "surname1": "Ríos", "birth_date": date(1981, 3, 4),
         "methadone_dose_mg": 0, "hiv_status": "desconocido",  # a default written out
         "created_at": datetime(2026, 1, 15, 10, 30, tzinfo=madrid),
         "updated_at": datetime(2026, 1, 15, 9, 30, 0, 5, tzinfo=UTC)},
        {"first_name": "Sara", "surname1": "Vidal", "birth_date": date(2001, 12, 31),
         "surname2": "", "notes": "«comillas» \"dobles\" \\ y\nlíneas", "codapel": "X"},
    ]  # fmt: skip
    for i, row in enumerate(made):
        row.setdefault("sex", "M" if i % 2 else "H")
        row.setdefault("codapel", f"COD{i}")
        row["id"] = f"00000000-0000-4000-8000-00000000000{i}"
    return made


def test_records_written_in_bulk_match_their_audit_entries(workspace, admin) -> None:  # type: ignore[no-untyped-def]
    made = rows()
    with workspace.db.unit_of_work(admin) as work:
        bulk_create(
            session=work.session,
            model=Participant,
            rows=made,
            owners=[row["id"] for row in made],
            actor=admin,
            at=work.clock.now(),
        )
    report = check_workspace(workspace)
    assert report.problems == []
    assert report.counts["participant"] == len(made)
