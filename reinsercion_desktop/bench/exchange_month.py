"""The exchange bench's two in-process figures: the raw `executemany` baseline of a full
import, and one month of a centre's work sent to its office (bench/exchange.py)."""

import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlmodel import select

from reinsercion_desktop.db.engine import make_engine
from reinsercion_desktop.db.models import Participant, Stay, all_tables
from reinsercion_desktop.db.sql_rows import driver_connection
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.exchange_records import TABLE_ORDER

MONTH_EDITS = 250  # people whose phone or address changed in a month (a busy centre)
MONTH_STAYS = 60  # stays given a planned discharge


def open_as(root: Path, login: str, password: str):  # type: ignore[no-untyped-def]
    """A folder opened as the window opens it: the login, the workspace and the actor."""
    from reinsercion_desktop.services.gate import Gate

    opened = Gate(root).login(login, password)
    return opened.workspace, opened.actor


def raw_insert_seconds(office_root: Path, login: str, password: str) -> dict[str, float]:
    """Seconds to write the rows a full import wrote at the office into an empty encrypted
    database of the same schema, one executemany per table and a commit, with no merge and
    no check: `raw` the centre's records alone; `raw_all` every row the import must write
    — the records, their audit entries (SPEC: every write is audited) and their stamps
    with the peer (what sent / confirmed / in conflict is kept in)."""
    workspace, _ = open_as(office_root, login, password)
    records: list[tuple[str, list[str], list[tuple]]] = []
    with workspace.db.read() as session:
        connection = driver_connection(session)
        own = connection.execute("SELECT id FROM installation WHERE is_local = 1").fetchone()[0]
        for table in TABLE_ORDER:  # the tables a bundle carries
            cursor = connection.execute(
                f'SELECT * FROM "{table}" WHERE installation_id != ?', (own,)
            )
            records.append((table, [c[0] for c in cursor.description], cursor.fetchall()))
        first, last = connection.execute(
            "SELECT audit_from, audit_to FROM exchange_bundle WHERE direction = 'in'"
        ).fetchone()
        bookkeeping = []
        for sql, parameters in (
            ("SELECT * FROM audit_log WHERE seq BETWEEN ? AND ?", (first, last)),
            ("SELECT * FROM sync_stamp", ()),
        ):
            cursor = connection.execute(sql, parameters)
            table = "audit_log" if "audit_log" in sql else "sync_stamp"
            bookkeeping.append((table, [c[0] for c in cursor.description], cursor.fetchall()))
    workspace.close()
    return {
        "raw": _raw_write(records),
        "raw_all": _raw_write([*records, *bookkeeping]),
    }


def _raw_write(tables: list[tuple[str, list[str], list[tuple]]]) -> float:
    """One executemany per table into a new encrypted database, in one transaction, on a
    connection as the application makes them (WAL, its synchronous level) with the page
    cache a large import takes (exchange_queries.large_cache): the same conditions, no
    merge, no check, nothing computed. Foreign keys unchecked."""
    with tempfile.TemporaryDirectory(prefix="reinsercion-crudo-") as scratch:
        path = Path(scratch) / "crudo.sqlite"
        key = DataKeys.generate().sqlcipher
        engine = make_engine(path, cipher_key=key, foreign_keys=False)
        all_tables().create_all(engine)
        pooled = engine.raw_connection()
        connection = pooled.driver_connection  # the sqlcipher3 connection itself
        try:
            connection.execute("PRAGMA cache_size=-262144")
            started = time.perf_counter()
            connection.execute("BEGIN")
            for table, names, rows in tables:
                marks = ", ".join("?" for _ in names)
                columns = ", ".join(f'"{name}"' for name in names)
                connection.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', rows)
            connection.execute("COMMIT")
            return time.perf_counter() - started
        finally:
            pooled.close()
            engine.dispose()


def month_figures(
    centre_root: Path, keys, office_root: Path, outbox: Path, login: str, password: str
) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """A month at the centre (edits to people, planned discharges), then its bundle made at
    the centre and taken at the office: the seconds of both, and the records carried."""
    from reinsercion_desktop.services.accounts import logged_in
    from reinsercion_desktop.services.exchange_export import export_bundle
    from reinsercion_desktop.services.exchange_import import import_bundle
    from reinsercion_desktop.services.setup import DEMO_LOGIN
    from reinsercion_desktop.services.workspace import Workspace

    centre = Workspace.open(centre_root, keys)
    actor = logged_in(centre.db, DEMO_LOGIN)
    with centre.db.unit_of_work(actor) as work:
        people = work.session.exec(select(Participant).limit(MONTH_EDITS)).all()
        for index, person in enumerate(people):
            person.phone = f"6{index:08d}"
        stays = work.session.exec(
            select(Stay).where(Stay.discharge_date == None).limit(MONTH_STAYS)  # noqa: E711
        ).all()
        for stay in stays:
            stay.planned_discharge_date = stay.admission_date + timedelta(days=200)
    from reinsercion_desktop.db import peer_queries

    with centre.db.read() as session:
        (peer,) = peer_queries.peers(session=session)
    started = time.perf_counter()
    made = export_bundle(centre, actor, peer.id, outbox)
    exported = time.perf_counter() - started
    centre.close()
    office, office_actor = open_as(office_root, login, password)
    started = time.perf_counter()
    taken = import_bundle(office, office_actor, made.path)
    imported = time.perf_counter() - started
    office.close()
    assert taken.state == "applied", taken.state
    return {
        "month": exported + imported,
        "month_export": exported,
        "month_import": imported,
        "month_records": made.records,
    }
