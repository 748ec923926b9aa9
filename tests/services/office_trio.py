"""An office and TWO centres, each in its own data folder, the office trusting both and
each centre trusting the office (fingerprints confirmed): what the office's registry of
centres is tested on. Built on tests/services/exchange_pair.py.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.enums import InstallationKind
from reinsercion_desktop.services.exchange_export import ExportResult, export_bundle
from reinsercion_desktop.services.peers import PeerService
from reinsercion_desktop.services.setup import InstallationSetup, SetupService, ViviendaSetup
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import TEST_KEYS, make_setup
from tests.services.exchange_pair import Side, make_side

NUEVA_VIDA = "Asociación Nueva Vida"  # the sample centre: Triana (6 H + 2 M), Macarena (8)
ALBORADA = "Asociación Alborada"  # Málaga: Perchel (5 H), Trinidad (4 M + 2 mixtas)


def alborada_setup() -> InstallationSetup:
    return make_setup(
        name=ALBORADA,
        code="var-02",
        province="Málaga",
        viviendas=[
            ViviendaSetup("Vivienda Perchel", municipality="Málaga", places_men=5),
            ViviendaSetup(
                "Vivienda Trinidad", municipality="Málaga", places_women=4, places_mixed=2
            ),
        ],
    )


@dataclass
class Trio:
    office: Side
    centres: dict[str, Side]  # by the name the office calls each
    office_peer: dict[str, str] = field(default_factory=dict)  # centre name: its peer id there

    def to_centre(self, name: str, *, full: bool = False) -> ExportResult:
        """A bundle from the office for that centre."""
        office = self.office
        return export_bundle(
            office.workspace, office.admin, self.office_peer[name], office.outbox, full=full
        )

    def close(self) -> None:
        for side in (self.office, *self.centres.values()):
            side.workspace.close()


def _centre(root: Path, setup: InstallationSetup, clock: FakeClock) -> Side:
    workspace = Workspace.open(root / "datos", TEST_KEYS, clock=clock)
    admin = SetupService(workspace.db, workspace.paths.root, workspace.keys).initialize(setup)
    outbox = root / "salida"
    outbox.mkdir()
    return Side("centre", workspace, admin, outbox=outbox)


def _trust(truster: Side, trusted: Side, folder: Path, name: str) -> str:
    """`truster` trusts `trusted`'s keys under `name`; the peer's id there."""
    shown = PeerService(trusted.workspace).own_keys(trusted.admin)
    key_file = PeerService(trusted.workspace).export_public(
        trusted.admin, folder / f"{name}.rdclave"
    )
    return (
        PeerService(truster.workspace)
        .trust(truster.admin, key_file, name, shown.fingerprint)
        .peer.id
    )


def make_trio(tmp_path: Path) -> Trio:
    clock = FakeClock(datetime(2026, 1, 15, 9, 0, tzinfo=UTC))
    office = make_side(tmp_path / "oficina", InstallationKind.OFFICE, clock)
    centres = {
        NUEVA_VIDA: _centre(tmp_path / "nueva-vida", make_setup(), clock),
        ALBORADA: _centre(tmp_path / "alborada", alborada_setup(), clock),
    }
    keys = tmp_path / "claves"
    keys.mkdir()
    trio = Trio(office, centres)
    for name, centre in centres.items():
        trio.office_peer[name] = _trust(office, centre, keys, name)
        centre.peer_id = _trust(centre, office, keys, "Oficina FADA")
    return trio


def trio_of(tmp_path: Path) -> Iterator[Trio]:
    """The body of a test module's `trio` fixture: the three, closed after the test."""
    trio = make_trio(tmp_path)
    yield trio
    trio.close()
