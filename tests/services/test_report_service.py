"""ReportService (services/reports.py) with a made-up builder: exact for the dock,
protected files by default, an exact copy only for a responsable, every export audited,
and `reinsercion report` over it."""

import csv
import io
from pathlib import Path

import pytest

from reinsercion_desktop import cli
from reinsercion_desktop.bench.report_files import fake_report
from reinsercion_desktop.domain.errors import PermissionDenied, UserError
from reinsercion_desktop.domain.periods import Period, PeriodKind
from reinsercion_desktop.services import reports as reports_module
from reinsercion_desktop.services.reports import (
    BuildContext,
    ReportChoice,
    ReportEntry,
    ReportService,
)

YEAR = Period.parse("2026")


def fake_builder(context: BuildContext):  # type: ignore[no-untyped-def]
    return fake_report(tables=2, rows=12, charts=1)


FAKE = {
    "indicadores": ReportEntry(
        ReportChoice("indicadores", "Indicadores", tuple(PeriodKind)), fake_builder
    )
}


@pytest.fixture
def service(workspace, admin) -> ReportService:  # type: ignore[no-untyped-def]
    return ReportService(workspace.db, FAKE)


def test_names_list_every_report_of_the_issue(workspace) -> None:  # type: ignore[no-untyped-def]
    keys = [choice.key for choice in ReportService(workspace.db).names()]
    assert keys == [
        "anexo-ii-mensual", "anexo-ii-trimestral", "anexo-ii-semestral", "anexo-iii",
        "indicadores", "oferta-mensual",
    ]  # fmt: skip


def test_the_dock_gets_exact_counts(service, tecnico) -> None:  # type: ignore[no-untyped-def]
    report = service.build(tecnico, "indicadores", YEAR)
    assert any(isinstance(v, int) and 0 < v < 5 for t in report.tables for r in t.rows for v in r)


def test_a_file_is_protected_by_default_and_audited(
    service, tecnico, admin, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = service.export(tecnico, "indicadores", YEAR, "csv", tmp_path / "i.csv")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert "<5" in cells and not {"1", "3"} & set(cells)
    from reinsercion_desktop.services.audit_log import AuditService

    lines = [line.summary() for line in AuditService(service.db).entries(admin)]
    assert any("Exportación de un informe" in line for line in lines), lines[-3:]


def test_an_exact_copy_needs_a_responsable(service, tecnico, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        service.export(tecnico, "indicadores", YEAR, "pdf", tmp_path / "i.pdf", exact=True)
    assert not (tmp_path / "i.pdf").exists()
    out = service.export(admin, "indicadores", YEAR, "xlsx", tmp_path / "i.xlsx", exact=True)
    from openpyxl import load_workbook

    assert "COPIA INTERNA" in str(load_workbook(out)["Informe"]["A6"].value or "") or any(
        "COPIA INTERNA" in str(c.value) for c in load_workbook(out)["Informe"]["A"]
    )


@pytest.mark.parametrize(
    ("name", "period", "fmt", "message"),
    [
        ("memoria", "2026", "pdf", "los informes son indicadores"),
        ("indicadores", "2026", "docx", "«docx» no está disponible"),
    ],
)
def test_bad_requests_are_spanish_lines(
    service, admin, tmp_path, name, period, fmt, message
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match=message):
        service.export(admin, name, Period.parse(period), fmt, tmp_path / "x")


def test_the_command_line_writes_each_format(
    workspace, admin, data_dir, tmp_path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(reports_module, "REPORTS", {**reports_module.REPORTS, **FAKE})
    monkeypatch.setenv("REINSERCION_USER", "admin")
    monkeypatch.setenv("REINSERCION_PASSWORD", "secreta123")
    workspace.close()
    for fmt in ("pdf", "csv", "xlsx"):
        out = tmp_path / f"indicadores.{fmt}"
        argv = ["--data-dir", str(data_dir), "report", "indicadores", "--period", "2026-T2",
                "--format", fmt, "--out", str(out)]  # fmt: skip
        assert cli.main(argv) == 0, capsys.readouterr().err
        assert out.stat().st_size > 500
    assert "guardado en" in capsys.readouterr().out
