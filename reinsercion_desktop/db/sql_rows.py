"""The raw DB-API path of the set-based reads: rows fetched in C, dates read from their text.

SQLAlchemy's per-value processing costs more than the query on tens of thousands of rows;
the reads that return many light tuples go through the driver connection instead.
"""

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime

from sqlmodel import Session


def driver_connection(session: Session):  # type: ignore[no-untyped-def]
    """The session's sqlite3 connection, inside the session's transaction."""
    return session.connection().connection.driver_connection  # type: ignore[union-attr]


IN_LIST = 500  # ids per IN list: well under SQLite's limit on bound parameters


def id_chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    """The ids in lists short enough for one `IN (…)` each."""
    wanted = list(ids)
    for first in range(0, len(wanted), IN_LIST):
        yield wanted[first : first + IN_LIST]


def batched_rows(cursor) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    """A cursor's rows, fetched 1,000 at a time: a batch is fetched in C without a turn
    for other threads (the window, while a backup is checked), ~10 ms here where 5,000
    took ~55 ms; and a large read never holds every row at once."""
    while batch := cursor.fetchmany(1000):
        yield from batch


def iso_day(text: str | None) -> date | None:
    """A date column as SQLite stores it ("2026-01-15", or with a time after it)."""
    return date.fromisoformat(text[:10]) if text else None


def iso_moment(text: str | None) -> datetime | None:
    """A timestamp column as the ORM returns it: aware, in UTC (stored with "+00:00", or
    naive from an older writer, which meant UTC)."""
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
