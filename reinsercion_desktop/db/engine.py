"""The SQLite engine: WAL, foreign keys, real transactions, and the session makers."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.clock import Clock

if TYPE_CHECKING:
    from reinsercion_desktop.db.unit_of_work import UnitOfWork

# Re-exported so services can type their arguments without importing SQLModel.
ReadSession = Session


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine on one SQLite file.

    pysqlite's own transaction handling is switched off and BEGIN is emitted by
    hand, so DDL is transactional and a write takes the lock at its first
    statement (BEGIN IMMEDIATE) instead of failing half-way on a busy database.
    """
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        immediate = connection.get_execution_options().get("immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """One data file: short read sessions and units of work for writes."""

    def __init__(self, path: Path, clock: Clock | None = None):
        self.path = path
        self.clock = clock or Clock()
        self.engine = make_engine(path)
        self._write_engine = self.engine.execution_options(immediate=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short session for reading; closing it discards anything changed in it.

        Objects read stay usable after it closes (detached with their loaded values).
        """
        with Session(self.engine, expire_on_commit=False, autoflush=False) as session:
            yield session

    @contextmanager
    def unit_of_work(self, actor: Actor, *, reason: str = "") -> Iterator["UnitOfWork"]:
        """The one transaction boundary of every write; it also writes the audit log."""
        from reinsercion_desktop.db.unit_of_work import UnitOfWork

        with Session(self._write_engine, expire_on_commit=False) as session:
            work = UnitOfWork(session, actor, self.clock, reason=reason)
            try:
                yield work
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
