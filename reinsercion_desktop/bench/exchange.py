"""The exchange half of `reinsercion bench` (issue 13): the bench's centre (the demo at
office scale) and a new coordinating office, trusting each other, exchange bundles.

- full export of the centre, and its full import at the office, each in a process of its
  own (its peak memory is the process's), against a raw `executemany` of the same rows
  into an empty database of the same kind, in this process;
- one month of a centre's work (new protocols, admissions, discharges, outings, edits)
  exported and imported, in this process.

Run alone: `python -m reinsercion_desktop.bench.exchange step FOLDER…` is the child.
"""

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reinsercion_desktop.bench.exchange_month import open_as
from reinsercion_desktop.bench.runner import Row

OFFICE_LOGIN, OFFICE_PASSWORD = "oficina", "Oficina-bench-2026"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(argv: list[str], env: dict[str, str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "reinsercion_desktop.bench.exchange", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def make_office(centre_root: Path, keys, office_root: Path) -> None:  # type: ignore[no-untyped-def]
    """A new office beside the bench's centre, each trusting the other's keys."""
    from reinsercion_desktop.domain.enums import InstallationKind, Role
    from reinsercion_desktop.security.keys import DataKeys
    from reinsercion_desktop.services.accounts import NewUser, logged_in
    from reinsercion_desktop.services.peers import PeerService
    from reinsercion_desktop.services.setup import DEMO_LOGIN, InstallationSetup, SetupService
    from reinsercion_desktop.services.workspace import Workspace

    office = Workspace.open(office_root, DataKeys.generate())
    setup = InstallationSetup(
        kind=InstallationKind.OFFICE,
        name="Oficina de coordinación",
        code="ofi",
        admin=NewUser(OFFICE_LOGIN, "Oficina", Role.ADMIN, OFFICE_PASSWORD),
        entity="FADA",
        province="Sevilla",
        viviendas=[],
    )
    office_admin = SetupService(office.db, office.paths.root, office.keys).initialize(setup)
    centre = Workspace.open(centre_root, keys)
    centre_admin = logged_in(centre.db, DEMO_LOGIN)
    with tempfile.TemporaryDirectory(prefix="reinsercion-claves-") as scratch:
        for one, actor, other, other_actor, name in (
            (centre, centre_admin, office, office_admin, "Centro del banco de pruebas"),
            (office, office_admin, centre, centre_admin, "Oficina"),
        ):
            peers = PeerService(one)
            shown = peers.own_keys(actor)
            path = peers.export_public(actor, Path(scratch) / f"{name}.rdclave")
            PeerService(other).trust(other_actor, path, name, shown.fingerprint)
    centre.close()
    office.close()


def _only_peer(workspace) -> str:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.db import peer_queries

    with workspace.db.read() as session:
        (peer,) = peer_queries.peers(session=session)
    return peer.id


def step(argv: list[str]) -> dict:
    """The child: `export CENTRE OUT`, `import OFFICE FILE`, or `open ROOT` (the baseline
    of memory: a folder opened and logged in)."""
    from reinsercion_desktop.services.exchange_export import export_bundle
    from reinsercion_desktop.services.exchange_import import import_bundle
    from reinsercion_desktop.services.setup import DEMO_LOGIN, DEMO_PASSWORD

    what, root = argv[0], Path(argv[1])
    credentials = (
        (DEMO_LOGIN, DEMO_PASSWORD) if what != "import" else (OFFICE_LOGIN, OFFICE_PASSWORD)
    )
    workspace, actor = open_as(root, *credentials)
    started = time.perf_counter()
    figures: dict = {}
    if what == "export":
        made = export_bundle(workspace, actor, _only_peer(workspace), Path(argv[2]), full=True)
        figures = {"records": made.records, "path": str(made.path)}
    elif what == "import":
        taken = import_bundle(workspace, actor, Path(argv[2]))
        figures = {"records": taken.records, "added": taken.count("added")}
    seconds = time.perf_counter() - started
    workspace.close()
    return {**figures, "seconds": seconds, "peak_mb": _peak_mb()}


def exchange_figures(centre_root: Path, keys, env: dict[str, str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.bench import exchange_month

    with tempfile.TemporaryDirectory(prefix="reinsercion-oficina-") as scratch:
        office_root = Path(scratch) / "oficina"
        outbox = Path(scratch) / "salida"
        outbox.mkdir()
        make_office(centre_root, keys, office_root)
        baseline = _child(["open", str(centre_root)], env)
        exported = _child(["export", str(centre_root), str(outbox)], env)
        imported = _child(["import", str(office_root), exported["path"]], env)
        size_mb = Path(exported["path"]).stat().st_size / 1e6
        raw = exchange_month.raw_insert_seconds(office_root, OFFICE_LOGIN, OFFICE_PASSWORD)
        month = exchange_month.month_figures(
            centre_root, keys, office_root, outbox, OFFICE_LOGIN, OFFICE_PASSWORD
        )
    return {
        "records": exported["records"],
        "size_mb": size_mb,
        "export": exported["seconds"],
        "export_mb": exported["peak_mb"],
        "import": imported["seconds"],
        "import_mb": imported["peak_mb"],
        "open_mb": baseline["peak_mb"],
        **raw,
        **month,
    }


def exchange_rows(figures: dict[str, float]) -> list[Row]:
    records, size = int(figures["records"]), figures["size_mb"]
    opened = "carpeta abierta, sin más"
    return [
        Row(
            f"paquete completo: exportar ({records} registros, {size:.0f} MB)",
            figures["export"],
            "s",
            20.0,
        ),
        Row(
            "paquete completo: importar en la oficina",
            figures["import"],
            "s",
            30.0,
            figures["raw_all"],
            "executemany de las filas que escribe (registros, auditoría, sellos)",
            3.0,
        ),
        Row(
            "  la misma importación frente a solo los registros",
            figures["import"],
            "s",
            30.0,
            figures["raw"],
            "executemany de los registros, sin su auditoría ni sus sellos",
        ),
        Row(
            f"paquete del mes ({int(figures['month_records'])} registros): exportar + importar",
            figures["month"],
            "s",
            1.0,
        ),
        Row(
            "  memoria máxima al exportar",
            figures["export_mb"],
            "MB",
            500.0,
            figures["open_mb"],
            opened,
        ),
        Row(
            "  memoria máxima al importar",
            figures["import_mb"],
            "MB",
            500.0,
            figures["open_mb"],
            opened,
        ),
    ]


if __name__ == "__main__":
    print(json.dumps(step(sys.argv[1:])))
