"""The backup half of `reinsercion bench`: make, verify and restore a copy of the bench's
data folder with 1,000 attached scans of realistic size (150–400 KB of random bytes,
added through the attachments service, so they are encrypted and recorded as a person's
would be), beside a plain file copy of the same bytes; and the window's longest stall
of its event loop while a copy is written off the UI thread (`bench/window.py
--backup-stall`, a process of its own).
"""

import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reinsercion_desktop.bench.runner import Row
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.accounts import logged_in
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.backups import BackupService
from reinsercion_desktop.services.participants import ParticipantService
from reinsercion_desktop.services.setup import DEMO_LOGIN
from reinsercion_desktop.services.workspace import Workspace

ATTACHMENTS = 1000
SMALLEST, LARGEST = 150_000, 400_000


def add_scans(workspace: Workspace, count: int, seed: int = 11) -> int:
    """`count` scans of random bytes attached to people of the folder; their bytes in all."""
    actor = logged_in(workspace.db, DEMO_LOGIN)
    rows = ParticipantService(workspace.db).list_rows()
    chance = random.Random(seed)
    attachments = AttachmentService.of(workspace)
    total = 0
    with tempfile.TemporaryDirectory(prefix="reinsercion-escaneos-") as scratch:
        scan = Path(scratch) / "escaneo.pdf"
        for index in range(count):
            size = chance.randint(SMALLEST, LARGEST)
            scan.write_bytes(chance.randbytes(size))
            attachments.add(actor, chance.choice(rows).id, scan, f"Escaneo {index + 1}")
            total += size
    return total


def _plain_copy(workspace: Workspace, target: Path) -> float:
    """The baseline: the database file and documentos/ copied as they are."""
    started = time.perf_counter()
    target.mkdir()
    shutil.copyfile(workspace.paths.database, target / workspace.paths.database.name)
    shutil.copytree(workspace.paths.attachments, target / "documentos")
    return time.perf_counter() - started


def backup_figures(
    folder: Path, keys: DataKeys, env: dict[str, str], attachments: int = ATTACHMENTS
) -> dict[str, float]:
    """Seconds to make, verify and restore a copy, the plain copy's, and the stall (s)."""
    workspace = Workspace.open(folder, keys)
    try:
        scan_bytes = add_scans(workspace, attachments)
        actor = logged_in(workspace.db, DEMO_LOGIN)
        service = BackupService(workspace)
        with tempfile.TemporaryDirectory(prefix="reinsercion-copia-plana-") as scratch:
            plain = _plain_copy(workspace, Path(scratch) / "copia")
        started = time.perf_counter()
        made = service.create(actor)
        backup = time.perf_counter() - started
        started = time.perf_counter()
        service.verify(actor, made)
        verify = time.perf_counter() - started
    finally:
        workspace.close()
    stall = subprocess.run(
        [sys.executable, "-m", "reinsercion_desktop.bench.window", "--data-dir", str(folder)]
        + ["--backup-stall"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    stall_figures = json.loads(stall.stdout.strip().splitlines()[-1])
    workspace = Workspace.open(folder, keys)
    actor = logged_in(workspace.db, DEMO_LOGIN)
    started = time.perf_counter()
    BackupService(workspace).restore(actor, made)
    restore = time.perf_counter() - started
    workspace.close()
    return {
        "backup": backup,
        "verify": verify,
        "restore": restore,
        "plain_copy": plain,
        "size_mb": made.stat().st_size / 1e6,
        "scans_mb": scan_bytes / 1e6,
        "stall": stall_figures["stall"],
        "stall_bare": stall_figures["stall_bare"],
        "stall_backup": stall_figures["backup"],
    }


def backup_rows(figures: dict[str, float], attachments: int = ATTACHMENTS) -> list[Row]:
    plain, size = figures["plain_copy"], figures["size_mb"]
    name = "copia de archivos sin más"
    return [
        Row(
            f"copia de seguridad ({size:.0f} MB, {attachments} adjuntos)",
            figures["backup"],
            "s",
            30.0,
            plain,
            name,
        ),
        Row("comprobar la copia", figures["verify"], "s", 20.0, plain, name),
        Row(
            "restaurar la copia (antes, copia de lo actual)",
            figures["restore"],
            "s",
            60.0,
            plain,
            name,
        ),
        Row(
            "ventana durante una copia: mayor parada",
            figures["stall"] * 1000,
            "ms",
            100.0,
            figures["stall_bare"] * 1000,
            "la misma espera sin copia",
        ),
    ]
