"""What a refused command must leave as it was: the data folder's files and their hashes.

The database and the key file may change under a refusal (the login is audited, and the
audit head anchored), so only their presence is compared; the log and the scratch folder
are not compared at all.
"""

import hashlib
from pathlib import Path

MOVING = (
    "reinsercion.sqlite",
    "reinsercion.sqlite-wal",
    "reinsercion.sqlite-shm",
    "reinsercion.claves",
)


def data_folder_hashes(data: Path) -> dict[str, str]:
    """Every file of the data folder but the log and scratch, with the hash of those a
    refused command must not touch ("" for the database and key file)."""
    found = {}
    for path in sorted(data.rglob("*")):
        relative = path.relative_to(data)
        if path.is_file() and relative.parts[0] not in ("registro", "tmp"):
            moving = str(relative) in MOVING
            found[str(relative)] = "" if moving else hashlib.sha256(path.read_bytes()).hexdigest()
    return found
