"""What encryption costs: the same reads on the encrypted database and on a plain SQLite
copy of it, side by side, through the application's own services (issue 10's ≤ 1.3×).

The plain copy is made with SQLCipher's own export and lives only in the benchmark's
scratch folder, which is deleted afterwards; it is opened through an engine without a
key, which only the benchmark builds (`Database.plain_for_benchmark`).
"""

import random
import statistics
import tempfile
import time
from contextlib import closing
from pathlib import Path

from reinsercion_desktop.db.engine import Database, connect
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.participants import ParticipantService
from reinsercion_desktop.services.setup import DEMO_LOGIN

RUNS = 7
OPENS = 40


def _exported_copy(encrypted: Path, cipher_key: str, target: Path, *, key: str = "''") -> None:
    """A copy of the database: plain (no key), or encrypted with `key`."""
    with closing(connect(encrypted, cipher_key)) as connection:
        connection.execute(f"ATTACH DATABASE ? AS copy KEY {key}", (str(target),))
        connection.execute("SELECT sqlcipher_export('copy')")
        connection.execute("DETACH DATABASE copy")


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def _figures(db: Database) -> tuple[float, float, float]:
    from reinsercion_desktop.services.accounts import logged_in
    from reinsercion_desktop.services.participants import draft_of

    service = ParticipantService(db)
    lists = []
    for _ in range(RUNS):
        started = time.perf_counter()
        rows = service.list_rows()
        lists.append(time.perf_counter() - started)
    actor = logged_in(db, DEMO_LOGIN)
    opens = []
    for row in random.Random(7).sample(rows, min(OPENS, len(rows))):
        started = time.perf_counter()
        service.open(actor, row.id)  # a read, audited: a write too
        opens.append(time.perf_counter() - started)
    # The list's search box filters rows already in memory (the same with or without
    # encryption); the search that reads the database is the one for a person already
    # on file, run while a new file is typed in.
    searches = []
    for row in random.Random(11).sample(rows, min(OPENS, len(rows))):
        draft = draft_of(service.open(actor, row.id))
        started = time.perf_counter()
        service.find_similar(draft)
        searches.append(time.perf_counter() - started)
    return statistics.median(lists), _p95(opens), _p95(searches)


def encryption_figures(folder: Path, keys: DataKeys) -> dict[str, float]:
    database = folder / "reinsercion.sqlite"
    with tempfile.TemporaryDirectory(prefix="reinsercion-bench-plano-") as scratch:
        plain_path = Path(scratch) / "plano.sqlite"
        _exported_copy(database, keys.sqlcipher, plain_path)
        # Both sides are copies made the same way, so the bench's folder is left as it was
        # (opening a file is an audited read: a write its audit anchor would not know of,
        # and the backup measured next refused the folder).
        encrypted_path = Path(scratch) / "cifrado.sqlite"
        _exported_copy(database, keys.sqlcipher, encrypted_path, key=keys.sqlcipher)
        encrypted = Database(encrypted_path, cipher_key=keys.sqlcipher, audit_key=keys.audit)
        plain = Database.plain_for_benchmark(plain_path, audit_key=keys.audit)
        try:
            # Alternated, so neither side gets a warmer cache or a quieter machine.
            list_enc, open_enc, search_enc = _figures(encrypted)
            list_plain, open_plain, search_plain = _figures(plain)
            list_enc2, open_enc2, search_enc2 = _figures(encrypted)
            list_plain2, open_plain2, search_plain2 = _figures(plain)
        finally:
            encrypted.dispose()
            plain.dispose()
    return {
        "list_encrypted": min(list_enc, list_enc2),
        "list_plain": min(list_plain, list_plain2),
        "open_encrypted": min(open_enc, open_enc2),
        "open_plain": min(open_plain, open_plain2),
        "search_encrypted": min(search_enc, search_enc2),
        "search_plain": min(search_plain, search_plain2),
    }
