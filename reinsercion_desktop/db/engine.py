"""The SQLite engine: encrypted (SQLCipher), WAL, foreign keys, real transactions, and the
session makers.

The database is an SQLCipher file opened with a raw 256-bit key (`PRAGMA key` first on
every connection; a raw key costs nothing per connection, a passphrase ~0.1 s). A wrong
key is only noticed at the first query (TECH-NOTES trap 8), so the key is checked right
after opening. Statements' parameters are never put in error messages or logs
(`hide_parameters`): they hold names and health data.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

# connect, apply_key and WrongKeyError live apart, free of SQLAlchemy (db/cipher.py), and
# are re-exported here where the rest of the program has always found them.
from reinsercion_desktop.db.cipher import WrongKeyError, apply_key, connect  # noqa: F401
from reinsercion_desktop.db.damage import DamagedDatabaseError, damaged_message, is_damage
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.clock import Clock

if TYPE_CHECKING:
    from reinsercion_desktop.db.audit import ChainWitness
    from reinsercion_desktop.db.unit_of_work import UnitOfWork

# Re-exported so services can type their arguments without importing SQLModel.
ReadSession = Session


PAGE_CACHE_KIB = 20_000


def make_engine(path: Path, *, cipher_key: str | None, foreign_keys: bool = True) -> Engine:
    """An engine on one encrypted SQLite file.

    pysqlite's own transaction handling is switched off and BEGIN is emitted by
    hand, so DDL is transactional and a write takes the lock at its first
    statement (BEGIN IMMEDIATE) instead of failing half-way on a busy database.
    """
    import sqlcipher3

    # No key only for the benchmark's plain copy (`Database.plain_for_benchmark`): opened
    # by the same SQLite build (SQLCipher's, without a key), so the two differ only by
    # the encryption, not by the SQLite version and its query planner.
    engine = create_engine(
        f"sqlite:///{path}",
        module=sqlcipher3.dbapi2,
        connect_args={"check_same_thread": False},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        if cipher_key is not None:
            apply_key(dbapi_connection, cipher_key)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Every page read from the file is decrypted: a 20 MB page cache keeps what the
        # list and searches read at office scale, as fast as on a plain file (find_similar
        # p95 59 ms → 25 ms, plain 26 ms; 32 MB took the window over its 300 MB). Pages are
        # cached as they are read, so a small centre's database uses a few MB of it.
        cursor.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "handle_error")
    def _on_error(context):  # type: ignore[no-untyped-def]
        # A page that fails SQLCipher's check, met by any query: said with the way back.
        if is_damage(context.original_exception):
            raise DamagedDatabaseError(damaged_message(path)) from context.original_exception

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        immediate = connection.get_execution_options().get("immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """One data file: short read sessions and units of work for writes."""

    def __init__(
        self,
        path: Path,
        clock: Clock | None = None,
        *,
        cipher_key: str,
        audit_key: bytes = b"",
    ):
        self.path = path
        self.clock = clock or Clock()
        self.cipher_key = cipher_key
        self.audit_key = audit_key  # keys the audit log's hashes of changed values
        # Anchors the audit chain's head outside the database (services/audit_anchor.py).
        self.audit_witness: ChainWitness | None = None
        self.engine = make_engine(path, cipher_key=cipher_key)
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
            work = UnitOfWork(
                session,
                actor,
                self.clock,
                reason=reason,
                audit_key=self.audit_key,
                witness=self.audit_witness,
            )
            try:
                yield work
                work.seal()
                session.commit()
            except BaseException:
                session.rollback()
                work.rolled_back()
                raise
            work.committed()

    def dispose(self) -> None:
        self.engine.dispose()

    @classmethod
    def plain_for_benchmark(cls, path: Path, *, audit_key: bytes = b"") -> "Database":
        """A plain SQLite copy, opened only by `reinsercion bench` to measure what the
        encryption costs; the application itself never opens a file without its key."""
        database = cls.__new__(cls)
        database.path = path
        database.clock = Clock()
        database.cipher_key = ""
        database.audit_key = audit_key
        database.audit_witness = None  # as the encrypted side it is compared with
        database.engine = make_engine(path, cipher_key=None)
        database._write_engine = database.engine.execution_options(immediate=True)
        return database
