"""How a report prints (reports/pdf_file.py, pdf_columns.py, cells.py): codes, dates and
single words never split, a wide table on landscape pages, the first page holding the
first table's start, whole days without decimals — as an office files it."""

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from reinsercion_desktop.domain.disclosure import protect
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.domain.report_table import (
    ChartSpec,
    Column,
    ColumnKind,
    Report,
    ReportIssuer,
    ReportSection,
    ReportTable,
)
from reinsercion_desktop.reports.cells import cell_text
from reinsercion_desktop.reports.pdf_columns import plan_report
from reinsercion_desktop.reports.pdf_file import pdf_bytes

ISSUER = ReportIssuer("Oficina FADA", "office", "FADA", "Sevilla", signer_role="Coordinación")
CENTRES = (
    "EAIIPP Centro Penitenciario de Alhaurín de la Torre",
    "CTA Sevilla — Los Remedios",
    "Comunidad Terapéutica Los Palacios",
    "CTA Jaén",
)
PROVINCES = ("Málaga", "Sevilla", "Córdoba", "Jaén")


def follow_up(rows: int, extra_dates: int = 0) -> ReportTable:
    """The monthly Anexo II's complete follow-up list, at office scale: the table whose
    codes, dates and «Hombre» broke across lines on A4 portrait."""
    columns = (
        Column("orden", "N.º de orden", ColumnKind.COUNT),
        Column("codapel", "CODAPEL"),
        Column("sexo", "Sexo"),
        Column("centro", "Centro derivador"),
        Column("provincia", "Provincia"),
        Column("recepcion", "Fecha de recepción del protocolo", ColumnKind.DATE),
        *(Column(f"f{i}", f"Fecha de revisión {i}", ColumnKind.DATE) for i in range(extra_dates)),
        Column("situacion", "Situación"),
        Column("vivienda", "Vivienda"),
        Column("ingreso", "Fecha de ingreso", ColumnKind.DATE),
        Column("espera", "Días de espera", ColumnKind.DAYS),
    )
    lines = []
    for n in range(rows):
        day = date(2026, 6, 1) + timedelta(days=n % 150)
        lines.append(
            (
                n + 1,
                codapel(n),
                "Hombre" if n % 3 else "Mujer",
                CENTRES[n % 4],
                PROVINCES[n % 4],
                day,
                *(day for _ in range(extra_dates)),
                "En lista de espera" if n % 2 else "Proceso de admisión",
                "VAR La Trinidad" if n % 5 == 0 else "",
                day + timedelta(days=20),
                20 + n % 7,
            )
        )
    return ReportTable("seguimiento", "Informe completo de seguimiento", columns, tuple(lines))


def codapel(n: int) -> str:
    return f"PAMO{60760 + n:06d}H"


def report(*sections: ReportSection, notes: tuple[str, ...] = ()) -> Report:
    return Report(
        "anexo-ii-mensual", "Anexo II mensual", Period.parse("2026-11"), ISSUER, sections,
        scope="Todas las viviendas", made_on=date(2026, 12, 1), exact=True, notes=notes,
    )  # fmt: skip


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def orientations(data: bytes) -> list[str]:
    return [
        "landscape" if page.mediabox.width > page.mediabox.height else "portrait"
        for page in PdfReader(io.BytesIO(data)).pages
    ]


def test_codes_dates_and_single_words_never_break() -> None:
    table = follow_up(120)
    data = pdf_bytes(report(ReportSection("A CTAs — C.P.D.s", (table,), intro="Mensualmente.")))
    assert set(orientations(data)) == {"portrait"}  # it fits A4 portrait once sized
    lines = "\n".join(pages(data)).splitlines()
    text = "\n".join(lines)
    for n in range(120):
        assert codapel(n) in text  # «PAMO06076 / 3H» before
    for row in table.rows:
        assert cell_text(row[5], ColumnKind.DATE) in text  # «20/06/20 / 26» before
    assert sum(line.count("Hombre") for line in lines) == 80  # «Hom / bre» before
    for word in ("Provincia", "Córdoba", "Situación", "CODAPEL"):
        assert word in text


def test_a_table_too_wide_for_portrait_prints_on_landscape_pages_and_back() -> None:
    narrow = ReportTable(
        "ocupacion", "Ocupación por vivienda",
        (Column("v", "Vivienda"), Column("n", "Personas", ColumnKind.COUNT)),
        (("VAR Triana", 12), ("VAR Albaicín", 9)),
    )  # fmt: skip
    wide = follow_up(60, extra_dates=4)
    data = pdf_bytes(
        report(
            ReportSection("Ocupación", (narrow,)),
            ReportSection("Seguimiento", (wide,)),
            ReportSection("Otra vez", (narrow,)),
        )
    )
    sides = orientations(data)
    assert sides[0] == "portrait" and sides[-1] == "portrait"
    assert "landscape" in sides
    text = pages(data)
    for page, side in zip(text, sides, strict=True):
        if codapel(0) in page or codapel(59) in page:
            assert side == "landscape"
    assert all(codapel(n) in "\n".join(text) for n in range(60))


def test_a_report_that_starts_with_a_wide_table_starts_landscape() -> None:
    data = pdf_bytes(report(ReportSection("Seguimiento", (follow_up(10, extra_dates=4),))))
    assert set(orientations(data)) == {"landscape"}
    assert "Coordinación" in pages(data)[-1]


def test_the_first_page_holds_the_start_of_the_first_table() -> None:
    notes = ("Recuentos menores de 5 mostrados como «<5».",)
    section = ReportSection("A CTAs — C.P.D.s", (follow_up(200),), intro="Mensualmente.")
    first = pages(pdf_bytes(report(section, notes=notes)))[0]
    assert "Mensualmente." in first and "Informe completo de seguimiento" in first
    assert codapel(0) in first and codapel(10) in first  # not pushed to page 2


def test_a_heading_never_ends_a_page_without_its_table() -> None:
    for rows in range(20, 60, 3):  # the second table starts at every height of page 1
        first = follow_up(rows)
        second = ReportTable("otra", "Tabla siguiente", first.columns, first.rows[:40])
        text = pages(pdf_bytes(report(ReportSection("Uno", (first, second)))))
        for page in text:
            if "Tabla siguiente" in page:
                after = page.split("Tabla siguiente", 1)[1]
                assert codapel(0) in after  # its header row and first rows follow it


def test_a_small_last_table_with_a_chart_keeps_the_signature() -> None:
    """The quarterly Anexo II and the indicators crashed (LayoutError: a chart kept
    together inside the signature's row asked for 16,777,215 points)."""
    chart = ChartSpec("bars", "tipo", ("altas",), unit="altas")
    columns = (Column("tipo", "Tipo"), Column("altas", "Altas", ColumnKind.COUNT))
    last = ReportTable("altas", "Altas por tipo", columns, (("Terapéutica", 12), ("Voluntaria", 7)), chart=chart)  # fmt: skip
    for rows in (10, 30, 45, 60):
        data = pdf_bytes(report(ReportSection("Seguimiento", (follow_up(rows), last))))
        final = pages(data)[-1]
        assert "Altas por tipo" in final and "Coordinación" in final


def test_a_chart_with_nothing_to_draw_is_left_out() -> None:
    chart = ChartSpec("bars", "tipo", ("quejas",))
    columns = (Column("tipo", "Tipo"), Column("quejas", "Quejas", ColumnKind.COUNT))
    empty = ReportTable("quejas", "Quejas por tipo", columns, (("Trato", 0), ("Horario", 0)), chart=chart)  # fmt: skip
    drawn = ReportTable("quejas2", "Quejas", columns, (("Trato", 9), ("Horario", 6)), chart=chart)
    reader = PdfReader(io.BytesIO(pdf_bytes(report(ReportSection("Quejas", (empty,))))))
    assert not any(page.images for page in reader.pages)
    reader = PdfReader(io.BytesIO(pdf_bytes(report(ReportSection("Quejas", (drawn,))))))
    assert any(page.images for page in reader.pages)


def test_tables_of_the_same_columns_share_their_widths() -> None:
    """Each vivienda's list of the Anexo III prints as the same form, whatever its names."""
    short = ReportTable("u", "Usuarios/as", follow_up(1).columns, follow_up(1).rows)
    long = follow_up(30)
    built = report(ReportSection("VAR Triana", (short,)), ReportSection("VAR Albaicín", (long,)))
    plans = plan_report(built)
    assert plans[id(short)].widths == plans[id(long)].widths


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (3, ColumnKind.DAYS, "3"),  # a stay's days: «3», not «3,0»
        (3.0, ColumnKind.DAYS, "3"),
        (19.5, ColumnKind.DAYS, "19,5"),  # a mean or a median keeps its decimal
        (19.46, ColumnKind.DAYS, "19,5"),
        (1234, ColumnKind.DAYS, "1234"),
        ("<5", ColumnKind.DAYS, "<5"),
        ("—", ColumnKind.PERCENT, "—"),
        (52.24, ColumnKind.PERCENT, "52,2"),
    ],
)
def test_days_and_percentages_print_as_an_office_writes_them(value, kind, text) -> None:  # type: ignore[no-untyped-def]
    assert cell_text(value, kind) == text


def test_a_percentage_gets_its_sign_in_the_pdf_unless_the_header_says_it() -> None:
    assert cell_text(85.0, ColumnKind.PERCENT, unit=True) == "85,0\u00a0%"
    assert cell_text("<5", ColumnKind.PERCENT, unit=True) == "<5"
    columns = (
        Column("v", "Vivienda"),
        Column("n", "Personas", ColumnKind.COUNT),
        Column("i", "Índice de ocupación", ColumnKind.PERCENT),
        Column("p", "% del total", ColumnKind.PERCENT, of="n"),
    )
    table = ReportTable("o", "Ocupación", columns, (("VAR Triana", 12, 85.0, 60.0),))
    text = "\n".join(pages(pdf_bytes(protect(report(ReportSection("Ocupación", (table,)))))))
    assert "85,0\u00a0%" in text or "85,0 %" in text
    assert "60,0" in text and "60,0 %" not in text and "60,0\u00a0%" not in text


def test_xlsx_whole_days_have_no_decimals() -> None:
    from openpyxl import load_workbook

    from reinsercion_desktop.reports.xlsx_file import xlsx_bytes

    columns = (Column("v", "Vivienda"), Column("d", "Días", ColumnKind.DAYS))
    table = ReportTable("d", "Días", columns, (("VAR Triana", 3), ("VAR Albaicín", 19.5)))
    book = load_workbook(io.BytesIO(xlsx_bytes(report(ReportSection("Días", (table,))))))
    sheet = book["Días"]
    assert sheet["B3"].number_format == "0" and sheet["B4"].number_format == "0.0"
