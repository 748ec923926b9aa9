"""A second instance on the same data folder (issue 11): refused while the first holds it,
from another process of this PC (a real OS lock) or from another PC (the note)."""

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.security import instance_lock
from reinsercion_desktop.security.instance_lock import (
    LOCK_FILE_NAME,
    FolderInUse,
    FolderNotWritable,
    InstanceLock,
    this_host,
)

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from pathlib import Path
from reinsercion_desktop.security.instance_lock import InstanceLock
lock = InstanceLock.acquire(Path(sys.argv[1]))
print("held", flush=True)
sys.stdin.read()
"""


def hold_in_another_process(folder: Path) -> subprocess.Popen:
    """A process of its own holding the folder until its stdin closes (or it is killed)."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    return process


def forge_note(folder: Path, host: str, refreshed_ago: timedelta, pid: int = 4242) -> None:
    now = datetime.now().astimezone()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / LOCK_FILE_NAME).write_text(
        json.dumps(
            {
                "format": 1,
                "host": host,
                "pid": pid,
                "since": (now - timedelta(hours=1)).replace(hour=10, minute=32).isoformat(),
                "refreshed": (now - refreshed_ago).isoformat(),
            }
        ),
        encoding="utf-8",
    )


def test_a_second_process_is_refused_until_the_first_closes(tmp_path: Path) -> None:
    folder = tmp_path / "datos"
    holder = hold_in_another_process(folder)
    try:
        with pytest.raises(FolderInUse) as refused:
            InstanceLock.acquire(folder)
        assert f"ya está abierta en este equipo ({this_host()}) desde las" in str(refused.value)
    finally:
        holder.communicate("")  # it releases on its way out
    InstanceLock.acquire(folder).release()


def test_a_killed_holder_leaves_the_folder_free(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "datos"
    holder = hold_in_another_process(folder)
    holder.kill()  # kill -9: the OS lets go of the lock; the note stays behind
    holder.communicate()
    assert json.loads((folder / LOCK_FILE_NAME).read_text(encoding="utf-8"))["pid"] == holder.pid
    with InstanceLock.acquire(folder) as lock:
        assert lock.note.pid == os.getpid()
    assert "not closed by its last session" in caplog.text


def test_the_note_holds_who_and_since_when_and_is_emptied_on_close(tmp_path: Path) -> None:
    lock = InstanceLock.acquire(tmp_path)
    note = json.loads((tmp_path / LOCK_FILE_NAME).read_text(encoding="utf-8"))
    assert set(note) == {"format", "host", "pid", "since", "refreshed"}
    assert note["host"] == this_host() and note["pid"] == os.getpid()
    lock.release()
    assert (tmp_path / LOCK_FILE_NAME).read_bytes() == b""


def test_a_fresh_note_from_another_pc_counts_as_open(tmp_path: Path) -> None:
    # Over a network share the OS lock may be granted although another PC holds the folder.
    forge_note(tmp_path, "RECEPCION-PC", refreshed_ago=timedelta(seconds=30))
    before = (tmp_path / LOCK_FILE_NAME).read_bytes()
    with pytest.raises(FolderInUse) as refused:
        InstanceLock.acquire(tmp_path)
    assert str(refused.value).startswith(
        "La carpeta de datos está abierta en RECEPCION-PC desde las 10:32. Ciérrela allí "
        "antes de abrirla aquí"
    ) or "RECEPCION-PC desde el" in str(refused.value)
    assert (tmp_path / LOCK_FILE_NAME).read_bytes() == before  # the note is left alone
    InstanceLock.acquire(tmp_path / "otra").release()  # and only that folder is refused


def test_a_stale_note_from_another_pc_is_taken_over(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    forge_note(tmp_path, "RECEPCION-PC", refreshed_ago=timedelta(minutes=20))
    with InstanceLock.acquire(tmp_path):
        note = json.loads((tmp_path / LOCK_FILE_NAME).read_text(encoding="utf-8"))
        assert note["host"] == this_host()
    assert "another host" in caplog.text


def test_a_note_of_this_pc_whose_process_is_gone_is_taken_over(tmp_path: Path) -> None:
    forge_note(tmp_path, this_host(), refreshed_ago=timedelta(seconds=5), pid=999999)
    InstanceLock.acquire(tmp_path).release()


def test_a_garbled_note_is_no_holder(tmp_path: Path) -> None:
    (tmp_path / LOCK_FILE_NAME).write_bytes(b"\xff\xfe{nada")
    InstanceLock.acquire(tmp_path).release()


def test_the_heartbeat_refreshes_the_note(tmp_path: Path) -> None:
    lock = InstanceLock.acquire(tmp_path)
    first = lock.note.refreshed
    lock.note = instance_lock.Note(lock.note.host, lock.note.pid, first, first - timedelta(hours=1))
    lock.keep_fresh(every=0.01)
    try:
        deadline = datetime.now().astimezone() + timedelta(seconds=5)
        while datetime.now().astimezone() < deadline:
            note = json.loads((tmp_path / LOCK_FILE_NAME).read_text(encoding="utf-8"))
            if datetime.fromisoformat(note["refreshed"]) >= first.replace(microsecond=0):
                break
        else:
            pytest.fail("the note was never refreshed")
    finally:
        lock.release()


def test_a_folder_that_cannot_be_written_is_said(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(instance_lock.os, "open", refuse)
    with pytest.raises(FolderNotWritable, match="^No se puede escribir en la carpeta de datos"):
        InstanceLock.acquire(tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores chmod")
def test_a_read_only_folder_is_said(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(FolderNotWritable, match="permiso"):
            InstanceLock.acquire(tmp_path)
    finally:
        tmp_path.chmod(0o700)


def test_a_file_where_the_folder_should_be_is_said(tmp_path: Path) -> None:
    (tmp_path / "datos").write_text("no soy una carpeta")
    with pytest.raises(UserError, match="es un archivo, no una carpeta"):
        InstanceLock.acquire(tmp_path / "datos")


SLOW_HOLDER = """
import os, sys, time
from pathlib import Path
from reinsercion_desktop.security import instance_lock
folder = Path(sys.argv[1])
fd = os.open(folder / instance_lock.LOCK_FILE_NAME, os.O_RDWR | os.O_CREAT, 0o600)
assert instance_lock._try_lock(fd)
print("held", flush=True)
time.sleep(0.3)  # the lock taken, its note not written yet: two programs started together
now = instance_lock._now()
note = instance_lock.Note(instance_lock.this_host(), os.getpid(), now, now)
os.write(fd, note.to_json().encode("utf-8"))
sys.stdin.read()
"""


def test_a_holder_caught_before_it_wrote_its_note_is_still_named(tmp_path: Path) -> None:
    """Two commands started at once: the one refused says where the folder is open (it
    waits a moment for the holder's note) rather than a message without the host."""
    folder = tmp_path / "datos"
    folder.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", SLOW_HOLDER, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(FolderInUse) as refused:
            InstanceLock.acquire(folder)
        assert f"ya está abierta en este equipo ({this_host()})" in str(refused.value)
    finally:
        holder.communicate("")
