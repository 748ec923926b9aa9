"""Every report of `reinsercion report` built from a demo centre's records through the
report service (the builders wired in services/reports.py), and written in each format."""

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from reinsercion_desktop.demo.builder import make_demo
from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.services.accounts import logged_in
from reinsercion_desktop.services.reports import ReportService
from reinsercion_desktop.services.setup import DEMO_LOGIN
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import TEST_KEYS

PERIODS = {
    "anexo-ii-mensual": "2026-10",
    "anexo-ii-trimestral": "2026-T3",
    "anexo-ii-semestral": "2026-S1",
    "anexo-iii": "2026-10",
    "indicadores": "2026",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):  # type: ignore[no-untyped-def]
    clock = FakeClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    workspace = Workspace.open(tmp_path_factory.mktemp("informes") / "d", TEST_KEYS, clock=clock)
    make_demo(workspace, participants=150, seed=4)
    yield workspace
    workspace.close()


@pytest.mark.parametrize("name", list(PERIODS))
def test_each_report_is_built_from_the_records(demo, name) -> None:  # type: ignore[no-untyped-def]
    actor = logged_in(demo.db, DEMO_LOGIN)
    report = ReportService(demo.db).build(actor, name, Period.parse(PERIODS[name]))
    assert report.key == name and report.period.code == PERIODS[name]
    assert report.issuer.name  # the centre's header and signature
    counted = [
        value
        for table in report.tables
        for row in table.rows
        for value in row
        if isinstance(value, int) and not isinstance(value, bool) and value > 0
    ]
    assert counted, f"{name}: every table is empty on the demo"


def test_the_indicators_hold_the_circuit_and_the_structure_sections(demo) -> None:  # type: ignore[no-untyped-def]
    actor = logged_in(demo.db, DEMO_LOGIN)
    report = ReportService(demo.db).build(actor, "indicadores", Period.parse("2026"))
    keys = {table.key for table in report.tables}
    assert {"estructura_personal", "costes", "satisfaccion", "quejas"} <= keys
    assert any(key.startswith("ocupacion") for key in keys)


def test_a_quarter_of_the_anexo_ii_as_csv_and_xlsx(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    actor = logged_in(demo.db, DEMO_LOGIN)
    service, quarter = ReportService(demo.db), Period.parse("2026-T3")
    written = service.export(actor, "anexo-ii-trimestral", quarter, "csv", tmp_path / "t.csv")
    text = written.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert any("Tipología de altas por provincias" in cell for row in rows for cell in row)
    book = load_workbook(
        service.export(actor, "anexo-ii-trimestral", quarter, "xlsx", tmp_path / "t.xlsx")
    )
    assert len(book.sheetnames) >= 4  # the heading sheet and one per table
