"""One program at a time on a data folder: an exclusive lock held while it is open.

Two windows (or a window and a command) writing the same SQLite file over a network
share corrupt it: SMB and NFS do not honour SQLite's own locks reliably. So the folder
is locked as a whole, by two means:

* an OS lock on `reinsercion.en-uso` (`fcntl.flock` on POSIX, `msvcrt.locking` on
  Windows), released by the OS however the process ends (even `kill -9`);
* a small JSON note in the same file (host name, process id, since when, last refreshed;
  nothing about any person), refreshed every minute by a background thread while the
  folder is open. Because OS locks are unreliable over network shares, a note from
  another host refreshed in the last `STALE_AFTER` counts as open even when the OS lock
  was granted; a note from this host whose lock was granted (its process is gone) or
  from another host not refreshed for `STALE_AFTER` is stale and taken over (logged).

Every opening is exclusive, read-only commands too: each login writes (the audit log
records it, the key file keeps the login throttle), and `check`/`audit` log in.
"""

import contextlib
import json
import logging
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from reinsercion_desktop.domain.errors import UserError, describe_os_error

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "reinsercion.en-uso"
HEARTBEAT_SECONDS = 60
NOTE_WAIT_SECONDS = 1.0  # a holder's note, written just after its lock (see _holders_note)
STALE_AFTER = timedelta(minutes=5)
# Windows locks are mandatory: the locked byte lies far beyond the note, so others can
# still read who holds the folder.
_WINDOWS_LOCK_OFFSET = 1 << 30


class FolderInUse(UserError):
    """The folder is open in another window or command, here or on another PC."""


class FolderNotWritable(UserError):
    """The data folder (or a file in it) cannot be written."""


@dataclass(frozen=True)
class Note:
    host: str
    pid: int
    since: datetime
    refreshed: datetime

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": 1,
                "host": self.host,
                "pid": self.pid,
                "since": self.since.isoformat(timespec="seconds"),
                "refreshed": self.refreshed.isoformat(timespec="seconds"),
            }
        )

    @classmethod
    def parse(cls, text: str) -> "Note | None":
        try:
            raw = json.loads(text)
            return cls(
                host=str(raw["host"]),
                pid=int(raw["pid"]),
                since=datetime.fromisoformat(raw["since"]),
                refreshed=datetime.fromisoformat(raw["refreshed"]),
            )
        except (ValueError, KeyError, TypeError):
            return None  # empty (closed cleanly), half written, or not ours: no holder


def this_host() -> str:
    return socket.gethostname() or "este equipo"


def _now() -> datetime:
    return datetime.now().astimezone()


def not_writable_message(root: Path, error: OSError | None = None) -> str:
    why = f" ({describe_os_error(error)})" if error is not None else ""
    return (
        f"No se puede escribir en la carpeta de datos {root}{why}; no se ha cambiado nada. "
        "Pida permiso de escritura en ella (o quite «solo lectura») y vuelva a abrirla."
    )


def in_use_message(note: Note | None) -> str:
    if note is None:
        return (
            "La carpeta de datos está abierta en otra ventana u otro equipo. Ciérrela allí "
            "antes de abrirla aquí."
        )
    since = note.since.astimezone()
    when = (
        f"desde las {since:%H:%M}"
        if since.date() == _now().date()
        else f"desde el {since:%d/%m/%Y} a las {since:%H:%M}"
    )
    if note.host == this_host():
        return (
            f"La carpeta de datos ya está abierta en este equipo ({note.host}) {when}, en "
            "otra ventana u orden. Ciérrela antes de abrirla de nuevo."
        )
    return (
        f"La carpeta de datos está abierta en {note.host} {when}. Ciérrela allí antes de "
        f"abrirla aquí (si aquel equipo se apagó sin cerrarla, espere "
        f"{int(STALE_AFTER.total_seconds() // 60)} minutos)."
    )


class InstanceLock:
    """The folder held by this process until `release()` (or the process ends)."""

    def __init__(self, path: Path, fd: int, note: Note):
        self.path = path
        self._fd: int | None = fd
        self.note = note
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None
        self._guard = threading.Lock()

    @classmethod
    def acquire(cls, root: Path) -> "InstanceLock":
        """Hold the folder, or raise FolderInUse (who holds it) / FolderNotWritable."""
        path = root / LOCK_FILE_NAME
        try:
            root.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except (FileExistsError, NotADirectoryError) as error:
            raise UserError(
                f"{error.filename} es un archivo, no una carpeta: no se puede usar como carpeta "
                "de datos. Elija otra con --data-dir o REINSERCION_DATA_DIR."
            ) from error
        except OSError as error:  # read-only folder or medium, no permission, full disk
            raise FolderNotWritable(not_writable_message(root, error)) from error
        try:
            if not _try_lock(fd):
                raise FolderInUse(in_use_message(_holders_note(fd)))
            previous = _read_note(fd)
            if previous is not None and _held_elsewhere(previous):
                with contextlib.suppress(OSError):
                    _unlock(fd)
                raise FolderInUse(in_use_message(previous))
            if previous is not None:
                log.warning(
                    "the data folder was not closed by its last session (%s, pid %d, since "
                    "%s): taken over",
                    "this host" if previous.host == this_host() else "another host",
                    previous.pid,
                    previous.since.isoformat(timespec="minutes"),
                )
            now = _now()
            lock = cls(path, fd, Note(this_host(), os.getpid(), now, now))
            lock._write()
        except OSError as error:  # a read-only medium may let the file open, not be written
            os.close(fd)
            raise FolderNotWritable(not_writable_message(root, error)) from error
        except BaseException:
            os.close(fd)
            raise
        return lock

    def keep_fresh(self, every: float = HEARTBEAT_SECONDS) -> None:
        """Refresh the note every minute in the background while the folder is open (a
        window stays open for hours; a long command may too)."""
        if self._heartbeat is None:
            self._heartbeat = threading.Thread(
                target=self._beat, args=(every,), name="instance-lock", daemon=True
            )
            self._heartbeat.start()

    def _beat(self, every: float) -> None:
        while not self._stop.wait(every):
            self.refresh()

    def refresh(self) -> None:
        with self._guard:
            if self._fd is None:
                return
            self.note = Note(self.note.host, self.note.pid, self.note.since, _now())
            try:
                self._write()
            except OSError as error:  # a network share gone for a moment: try next minute
                log.warning("the open-folder note could not be refreshed: %s", error)

    def release(self) -> None:
        self._stop.set()
        with self._guard:
            if self._fd is None:
                return
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # an empty note: closed cleanly
            with contextlib.suppress(OSError):
                _unlock(fd)
            os.close(fd)

    def __enter__(self) -> "InstanceLock":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def _write(self) -> None:
        assert self._fd is not None
        data = self.note.to_json().encode("utf-8")
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.write(self._fd, data)
        os.ftruncate(self._fd, len(data))
        os.fsync(self._fd)


def _held_elsewhere(note: Note) -> bool:
    """A note the OS lock did not protect: another host, refreshed recently."""
    if note.host == this_host():
        return False  # the OS lock is reliable on this host: its process is gone
    return _now() - note.refreshed.astimezone() < STALE_AFTER


def _holders_note(fd: int) -> Note | None:
    """The note of whoever holds the lock. The holder writes it just after taking the lock:
    two programs started together may find the lock taken and the note not written yet,
    so it is awaited a moment (else the message could not say where the folder is open)."""
    deadline = time.monotonic() + NOTE_WAIT_SECONDS
    while (note := _read_note(fd)) is None and time.monotonic() < deadline:
        time.sleep(0.02)
    return note


def _read_note(fd: int) -> Note | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = os.read(fd, 4096)
    except OSError:
        return None
    return Note.parse(data.decode("utf-8", errors="replace"))


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as error:  # a share without locks (ENOLCK): the note alone decides
            log.warning("no OS lock on the data folder's share: %s", error)
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
