"""A demo cut short (kill -9, a power cut) is recognised and made again.

`reinsercion demo` writes a marker in the new folder before anything else and removes it
once the key file, written last, is there. A folder with the marker and no key file holds
only what an unfinished demo wrote (its data key died with the process): the next `demo`
clears it and starts over. A folder with a key file is an installation and is never
cleared; nor is a folder without the marker.
"""

import contextlib
import os
from pathlib import Path

from reinsercion_desktop.paths import DataPaths
from reinsercion_desktop.security.keyfile import KeyFile


def begin_demo(root: Path) -> None:
    """Before `demo` opens the folder: clear an unfinished demo, then mark this one."""
    paths = DataPaths(root)
    if is_unfinished_demo(root):
        _clear(paths)
    if paths.database.exists() or KeyFile.exists_in(root):
        return  # not a new folder: the command refuses it as before, and nothing is marked
    paths.ensure()
    with open(paths.unfinished_demo, "wb") as handle:  # on disk before the database is
        handle.write(b"reinsercion demo\n")
        handle.flush()
        os.fsync(handle.fileno())


def finish_demo(root: Path) -> None:
    """The demo is whole (its key file written): it is an installation like any other."""
    DataPaths(root).unfinished_demo.unlink(missing_ok=True)


def abandon_demo(root: Path) -> None:
    """A demo refused or failed inside the process (bad input, a full disk): its database
    was discarded, so the folder is new again and keeps no mark."""
    if not KeyFile.exists_in(root):
        DataPaths(root).unfinished_demo.unlink(missing_ok=True)


def is_unfinished_demo(root: Path) -> bool:
    return DataPaths(root).unfinished_demo.exists() and not KeyFile.exists_in(root)


def _clear(paths: DataPaths) -> None:
    database = paths.database
    for part in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        part.unlink(missing_ok=True)
    if paths.attachments.is_dir():  # encrypted under the lost key: nobody can read them
        for path in paths.attachments.rglob("*"):
            if path.is_file():
                with contextlib.suppress(OSError):
                    path.unlink()
    paths.unfinished_demo.unlink(missing_ok=True)
