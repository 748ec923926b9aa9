"""The database side of a backup: SQLite's online backup into a file encrypted with the
same key, and the checks made on a copy before it is trusted (integrity, the audit
chain, what it holds).

Only this module (and the rest of db/) knows SQL; `services/backups.py` packs the
result with `documentos/` and the key file into one `.rdcopia` file.
"""

from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from reinsercion_desktop.db import audit_queries, queries
from reinsercion_desktop.db.audit import ChainPoint
from reinsercion_desktop.db.engine import connect, make_engine


@dataclass(frozen=True)
class CopyFacts:
    """What a database copy holds, as its checks found it."""

    integrity: list[str]  # PRAGMA integrity_check's lines other than "ok" (empty: sound)
    revision: str | None
    counts: dict[str, int] = field(default_factory=dict)
    tail: ChainPoint | None = None
    broken: list[int] = field(default_factory=list)  # audit entries whose link breaks
    chain_checked: bool = True  # False: an older schema this code cannot scan (pre-migration)


def online_backup(source: Path, target: Path, cipher_key: str) -> None:
    """A consistent copy of the live database (one snapshot, while other connections go on
    reading and writing), encrypted with the same key, as one self-contained file."""
    with (
        closing(connect(source, cipher_key)) as live,
        closing(connect(target, cipher_key)) as copy,
    ):
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # no -wal beside it: one file to carry


def examine(path: Path, cipher_key: str) -> CopyFacts:
    """Open a copy with the key (WrongKeyError: another installation's, or not a database)
    and check it: integrity first; the chain and the counts only when that is sound."""
    with closing(connect(path, cipher_key)) as connection:
        lines = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if lines != ["ok"]:
            return CopyFacts(integrity=[str(line) for line in lines] or ["?"], revision=None)
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except Exception:  # noqa: BLE001 - sqlcipher3.OperationalError: no version table
            row = None
    revision = row[0] if row else None
    if revision is None:
        return CopyFacts(integrity=[], revision=None)
    engine = make_engine(path, cipher_key=cipher_key)
    try:
        with Session(engine) as session:
            try:
                counts = queries.record_counts(session=session)
            except OperationalError:  # an older schema lacks a newer table: counted after
                counts = {}  # the restore migrates it
            try:
                scan = audit_queries.scan_chain(session=session)
            except OperationalError:  # the audit log of a schema older than this code's
                return CopyFacts(
                    integrity=[], revision=revision, counts=counts, chain_checked=False
                )
    finally:
        engine.dispose()
    return CopyFacts(
        integrity=[], revision=revision, counts=counts, tail=scan.tail, broken=scan.broken
    )
