"""The report files (reports/csv_file.py, xlsx_file.py, pdf_file.py), read back as the
office would: CSV as Spanish Excel opens it, XLSX with openpyxl, the PDF's text."""

import csv
import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from reinsercion_desktop.bench.report_files import fake_report
from reinsercion_desktop.domain.disclosure import protect
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.domain.report_table import (
    Column,
    ColumnKind,
    Report,
    ReportIssuer,
    ReportSection,
    ReportTable,
)
from reinsercion_desktop.reports.csv_file import csv_bytes
from reinsercion_desktop.reports.pdf_file import EXACT_BANNER, pdf_bytes
from reinsercion_desktop.reports.xlsx_file import sheet_names, xlsx_bytes

ISSUER = ReportIssuer(
    "Oficina FADA", "office", "FADA", "Sevilla", signer_role="Coordinación de FADA"
)


def small_report(**changes) -> Report:  # type: ignore[no-untyped-def]
    columns = (
        Column("var", "Vivienda"),
        Column("people", "Personas", ColumnKind.COUNT),
        Column("pct", "%", ColumnKind.PERCENT, of="people"),
        Column("days", "Media de días", ColumnKind.DAYS),
        Column("since", "Desde", ColumnKind.DATE),
    )
    rows = (
        ("Casa Nueva Vida", 12, 52.2, 1.5, date(2026, 3, 1)),
        ("Casa del Sur", 3, 13.0, 120.26, date(2026, 4, 9)),
        ("Casa Norte", 8, 34.8, 10.0, None),
    )
    table = ReportTable(
        "ocupacion", "Ocupación por vivienda", columns, rows, ("Total", 23, 100.0, 40.0, None),
        note="Personas distintas con estancia en el período.",
    )  # fmt: skip
    report = Report(
        "anexo-ii-mensual", "Anexo II mensual", Period.parse("2026-04"), ISSUER,
        (ReportSection("Ocupación", (table,)),), scope="Todas las viviendas",
        made_on=date(2026, 5, 4), exact=True,
    )  # fmt: skip
    return replace(report, **changes)


def test_csv_opens_in_spanish_excel() -> None:
    data = csv_bytes(protect(small_report()))
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Anexo II mensual"]
    assert ["Período: abril de 2026"] in rows
    header = rows.index(["Vivienda", "Personas", "%", "Media de días", "Desde"])
    assert rows[header - 1] == ["Ocupación por vivienda"]  # its title above it
    assert rows[header + 1] == ["Casa Nueva Vida", "12", "52,2", "1,5", "01/03/2026"]
    assert rows[header + 2] == ["Casa del Sur", "<5", "—", "120,3", "09/04/2026"]
    assert rows[header + 3] == ["Casa Norte", "—", "—", "10", ""]  # R-DISC-4; whole days
    assert rows[header + 4][:2] == ["Total", "23"]
    assert rows[header + 5] == ["Personas distintas con estancia en el período."]


def test_an_exact_csv_says_so() -> None:
    text = csv_bytes(small_report()).decode("utf-8-sig")
    assert "COPIA INTERNA — cifras exactas, no difundir" in text
    assert ";3;13,0;" in text


def test_xlsx_opens_with_openpyxl_numbers_as_numbers() -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx_bytes(protect(small_report()))))
    assert book.sheetnames == ["Informe", "Ocupación por vivienda"]
    sheet = book["Ocupación por vivienda"]
    assert [c.value for c in sheet[2]] == ["Vivienda", "Personas", "%", "Media de días", "Desde"]
    assert sheet["A2"].font.bold
    assert sheet["B3"].value == 12 and isinstance(sheet["C3"].value, float)
    assert sheet["B4"].value == "<5" and sheet["C4"].value == "—"  # masked cells are text
    assert sheet["E3"].value.date() == date(2026, 3, 1) and sheet["E3"].is_date
    assert sheet.column_dimensions["A"].width >= len("Casa Nueva Vida")


def test_sheet_names_are_short_unique_and_legal() -> None:
    names = sheet_names(["Altas por tipo y provincia: Sevilla/Cádiz [2026]"] * 3 + ["", "Informe"])
    assert all(len(name) <= 31 for name in names)
    assert len({name.lower() for name in names}) == len(names)
    assert not any(set(name) & set("[]:*?/\\") for name in names)


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_pdf_has_the_issuer_the_period_the_tables_and_the_protected_footer() -> None:
    pages = pdf_text(pdf_bytes(protect(small_report())))
    text = "\n".join(pages)
    assert "Oficina FADA" in text and "FADA" in text and "Sevilla" in text
    assert "ANEXO II MENSUAL" in text and "Abril de 2026 · Todas las viviendas" in text
    assert "Casa Nueva Vida" in text and "<5" in text
    assert "Datos agregados; recuentos menores de 5 protegidos" in text
    assert "Coordinación de FADA" in text and EXACT_BANNER not in text


def test_an_exact_pdf_is_marked_on_every_page() -> None:
    pages = pdf_text(pdf_bytes(replace(fake_report(tables=4, rows=160, charts=1), exact=True)))
    assert len(pages) > 2
    assert all(EXACT_BANNER in page for page in pages)


def test_long_tables_repeat_their_header_and_the_signature_is_never_alone() -> None:
    for rows in range(30, 80, 7):  # the last table ends at every height of the page
        pages = pdf_text(pdf_bytes(protect(fake_report(tables=3, rows=rows, charts=0))))
        for page in pages[1:]:
            if "Casa de acogida" in page:
                assert "Vivienda o grupo" in page  # the header row, repeated
        last = pages[-1]
        assert "Coordinación de FADA" in last
        assert "Casa de acogida" in last  # rows of the table travel with the box
    assert "Coordinación de FADA" not in "\n".join(pages[:-1])


def test_the_large_report_is_written_well_under_three_seconds() -> None:
    import time

    report = protect(fake_report())  # 20 tables, 6 charts, 500 rows
    pdf_bytes(report)  # matplotlib's first import is not the writer's time
    started = time.process_time()  # CPU time: five other engineers share these two cores
    data = pdf_bytes(report)
    assert time.process_time() - started < 3.0
    assert len(PdfReader(io.BytesIO(data)).pages) >= 10


def test_a_report_listing_people_by_codapel_says_so_in_its_footer() -> None:
    """R-CONF-1: pseudonymised rows are not «no personal data»."""
    report = small_report()
    listed = ReportTable(
        "seguimiento", "Seguimiento", (Column("codapel", "CODAPEL"), Column("sexo", "Sexo")),
        (("GAGA010190H", "Hombre"),),
    )  # fmt: skip
    report = replace(report, sections=(*report.sections, ReportSection("Lista", (listed,))))
    text = "\n".join(pdf_text(pdf_bytes(protect(report))))
    assert "Personas identificadas solo por su CODAPEL" in text
    assert "No contiene datos personales" not in text
