"""A centre and its coordinating office, each in its own data folder, each trusting the
other's keys (fingerprints confirmed): what the exchange tests play on."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.enums import InstallationKind
from reinsercion_desktop.services.exchange_export import ExportResult, export_bundle
from reinsercion_desktop.services.exchange_import import ImportResult, import_bundle
from reinsercion_desktop.services.peers import PeerService
from reinsercion_desktop.services.registry import build_services
from reinsercion_desktop.services.setup import SetupService
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import TEST_KEYS, make_setup


@dataclass
class Side:
    name: str
    workspace: Workspace
    admin: Actor
    peer_id: str = ""
    outbox: Path = field(default=Path())

    @property
    def services(self):  # type: ignore[no-untyped-def]
        return build_services(self.workspace)

    @property
    def db(self):  # type: ignore[no-untyped-def]
        return self.workspace.db

    def export(self, *, full: bool = False) -> ExportResult:
        return export_bundle(self.workspace, self.admin, self.peer_id, self.outbox, full=full)

    def take(self, path: Path, *, dry_run: bool = False) -> ImportResult:
        return import_bundle(self.workspace, self.admin, path, dry_run=dry_run)


def make_side(root: Path, kind: InstallationKind, clock: FakeClock) -> Side:
    workspace = Workspace.open(root / "datos", TEST_KEYS, clock=clock)
    if kind is InstallationKind.OFFICE:
        setup = make_setup(kind=kind, name="Oficina FADA", code="fada", viviendas=[])
    else:
        setup = make_setup()
    admin = SetupService(workspace.db, workspace.paths.root, workspace.keys).initialize(setup)
    outbox = root / "salida"
    outbox.mkdir()
    return Side(kind.value, workspace, admin, outbox=outbox)


def trust_each_other(a: Side, b: Side, folder: Path, office_name: str = "Oficina FADA") -> None:
    for one, other in ((a, b), (b, a)):
        shown = PeerService(one.workspace).own_keys(one.admin)
        key_file = PeerService(one.workspace).export_public(
            one.admin, folder / f"{one.name}.rdclave"
        )
        name = {"office": office_name, "centre": "Asociación Nueva Vida"}[one.name]
        trusted = PeerService(other.workspace).trust(other.admin, key_file, name, shown.fingerprint)
        other.peer_id = trusted.peer.id


def make_pair(tmp_path: Path) -> tuple[Side, Side]:
    clock = FakeClock(datetime(2026, 1, 15, 9, 0, tzinfo=UTC))
    centre = make_side(tmp_path / "centro", InstallationKind.CENTRE, clock)
    office = make_side(tmp_path / "oficina", InstallationKind.OFFICE, clock)
    trust_each_other(centre, office, tmp_path)
    return centre, office


def paired(tmp_path: Path) -> Iterator[tuple[Side, Side]]:
    """The body of a test module's `pair` fixture: the two, closed after the test."""
    centre, office = make_pair(tmp_path)
    yield centre, office
    centre.workspace.close()
    office.workspace.close()
