"""The demo's Anexos III, read for every vivienda and month at once (demo/monthly.py), are
exactly what the app's own monthly report builds one by one (services.monthly_report)."""

from datetime import UTC, datetime

from reinsercion_desktop.db import queries
from reinsercion_desktop.demo.builder import make_demo
from reinsercion_desktop.demo.monthly import anexo_iii_values
from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.services.monthly_report import anexo_iii_data
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import TEST_KEYS


def test_all_months_at_once_equal_the_services_report(tmp_path) -> None:  # type: ignore[no-untyped-def]
    workspace = Workspace.open(
        tmp_path / "d", TEST_KEYS, clock=FakeClock(datetime(2026, 1, 15, 9, tzinfo=UTC))
    )
    make_demo(workspace, participants=200, seed=2)
    with workspace.db.read() as session:
        viviendas = {v.id: v.name for v in queries.viviendas(session=session)}
    months = ["2025-09", "2025-10", "2025-11", "2025-12", "2026-01"]
    found = anexo_iii_values(workspace.db, viviendas, months)
    assert len(found) == len(viviendas) * len(months)
    for (vivienda_id, month), values in found.items():
        assert values == anexo_iii_data(workspace.db, vivienda_id, month), (vivienda_id, month)
    everyone = [row for values in found.values() for row in values["usuarios"]]
    assert any(row["renuncia"] for row in everyone) and any(
        values["altas"] for values in found.values()
    )
    workspace.close()
