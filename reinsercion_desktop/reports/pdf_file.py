"""A report as a PDF (ReportLab, the look of every PDF of the app: pdf/base fonts, header
band, footer with «Página n de m»).

Header: the issuer (name, code, province), the report's title, the period and scope; an
exact copy says «COPIA INTERNA — cifras exactas, no difundir» in the header of every
page. Body: each section's band, then its tables, each sized by reports/pdf_columns.py
(a code, a date, a number or a word never breaks; only long names wrap; a table too wide
for portrait A4 prints on landscape pages, its whole section with it), numbers
right-aligned, long tables split across pages with the header row repeated. A heading
never ends a page: it starts where its table's first rows fit (a short table moves
whole). A table's note and chart (reports/charts.py; none when there is nothing to draw)
travel with its last rows, and the issuer's signature box closes the report with the
last table's last rows, never alone on a page of its own.
"""

import io
import time
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreakIfNotEmpty,
    Spacer,
    Table,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.report_table import Report, ReportTable
from reinsercion_desktop.pdf.base import (
    BODY,
    CELL_HEADER,
    CELL_PADDING,
    FONT,
    FONT_BOLD,
    LANDSCAPE_TEMPLATE,
    LIGHT_SHADE,
    PORTRAIT_TEMPLATE,
    RULE,
    SHADE,
    SMALL,
    DocumentHeader,
    body_size,
    paragraph,
    render_bytes,
)
from reinsercion_desktop.pdf.blocks import section_title, signature_boxes
from reinsercion_desktop.reports.cells import NUMERIC
from reinsercion_desktop.reports.pdf_columns import GridPlan, plan_report

REPORT_VERSION = "Informes v1"
EXACT_BANNER = "COPIA INTERNA — cifras exactas, no difundir"
PROTECTED_FOOTER = (
    "Datos agregados; recuentos menores de {t} protegidos («<{t}»). No contiene datos personales."
)
# A report with a list of people (the Anexo II follow-up, the Anexo III) names them by
# CODAPEL only (R-CONF-1): pseudonymised, not anonymous — the footer says which.
PSEUDONYMOUS_FOOTER = (
    "Personas identificadas solo por su CODAPEL (datos seudonimizados: confidenciales); "
    "recuentos menores de {t} protegidos («<{t}»)."
)
EXACT_FOOTER = (
    "COPIA INTERNA con cifras exactas: los recuentos pequeños pueden identificar a una "
    "persona. No la difunda ni la envíe fuera del centro."
)
CHART_WIDTH_CM, CHART_HEIGHT_CM = 16.0, 7.0
LANDSCAPE_CHART_SCALE = 1.4  # a chart under a landscape table uses its width
TAIL_ROWS = 3  # a table's last rows stay with its note, chart (and the signature)
HEAD_ROWS = 3  # a table's heading stays with its header row and first rows
WHOLE_TABLE_ROWS = 30  # a table this short moves whole to the next page if it must
EMPTY_TABLE = "Sin casos en el período."
NOTE = SMALL.clone("report_note", spaceBefore=0.5 * mm, spaceAfter=1 * mm)
TABLE_TITLE = CELL_HEADER.clone("report_table_title", fontSize=9, leading=11)
INTRO = BODY.clone("report_intro", fontSize=9, leading=12)


@dataclass(frozen=True)
class PdfTimings:
    """Where the time of one PDF goes (for the bench)."""

    charts: float
    layout: float
    pages: int


def pdf_bytes(
    report: Report, *, threshold: int = 5, timings: list[PdfTimings] | None = None
) -> bytes:
    """The report laid out in memory (nothing touches the disk: services write it)."""
    started = time.perf_counter()
    story, chart_seconds, first_landscape = _story(report)
    data = render_bytes(_header(report, threshold), story, landscape=first_landscape)
    if timings is not None:
        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(data)).pages)
        timings.append(PdfTimings(chart_seconds, time.perf_counter() - started, pages))
    return data


def _header(report: Report, threshold: int) -> DocumentHeader:
    issuer = report.issuer
    subtitle = " · ".join(part for part in (report.period.label.capitalize(), report.scope) if part)
    where = " · ".join(part for part in (issuer.address, issuer.province) if part)
    if issuer.phone:
        where += f" · Tel. {issuer.phone}"
    return DocumentHeader(
        centre_name=issuer.name,
        centre_code=issuer.code,
        address_line=where,
        title=report.title,
        subtitle=subtitle,
        version=REPORT_VERSION,
        banner=EXACT_BANNER if report.exact else "",
        confidentiality=EXACT_FOOTER if report.exact else _footer(report).format(t=threshold),
    )


def _story(report: Report) -> tuple[list[Flowable], float, bool]:
    """The flowables, the charts' seconds, and whether the first page is landscape."""
    story: list[Flowable] = [paragraph(note, NOTE) for note in report.notes]
    chart_seconds = 0.0
    last = report.tables[-1] if report.tables else None
    landscape: bool | None = None  # the orientation of the page being filled
    first_landscape = False
    plans = plan_report(report)
    for section in report.sections:
        tables = section.tables
        section_landscape = plans[id(tables[0])].landscape if tables else bool(landscape)
        heading: list[Flowable] = [_band(section.title, landscape=section_landscape)]
        if section.intro:
            heading.append(paragraph(section.intro, INTRO))
        if not section.tables:
            story += heading
            continue
        for table in section.tables:
            plan = plans[id(table)]
            if landscape is None:
                first_landscape = landscape = plan.landscape
            elif plan.landscape != landscape:  # a wide table prints on landscape pages
                template = LANDSCAPE_TEMPLATE if plan.landscape else PORTRAIT_TEMPLATE
                story += [NextPageTemplate(template), PageBreakIfNotEmpty()]
                landscape = plan.landscape
            started = time.perf_counter()
            chart = _chart(table, plan)
            chart_seconds += time.perf_counter() - started
            tail: list[Flowable] = [paragraph(table.note, NOTE)] if table.note else []
            tail += chart
            if table is last:
                tail += _closing(report)
            story += _table_flowables(table, plan, [*heading, *_title(table)], tail)
            heading = []
    if last is None:
        story.append(KeepTogether(_closing(report)))
    return story, chart_seconds, first_landscape


def _band(title: str, *, landscape: bool) -> Flowable:
    band = section_title(title, body_size(landscape=landscape)[0])
    band.keepWithNext = False  # kept with its table's first rows by _table_flowables
    return band


def _title(table: ReportTable) -> list[Flowable]:
    return [Spacer(0, 1.5 * mm), paragraph(table.title, TABLE_TITLE)]


def _closing(report: Report) -> list[Flowable]:
    """The issue date and the issuer's signature box, after the last table."""
    made = f"Emitido el {format_date_es(report.made_on)}" if report.made_on else ""
    closing: list[Flowable] = [Spacer(0, 3 * mm)]
    if made:
        closing.append(paragraph(made, SMALL))
    closing.append(signature_boxes([report.issuer.signer_role or "Firma y sello"]))
    return closing


def _chart(table: ReportTable, plan: GridPlan) -> list[Flowable]:
    from reinsercion_desktop.reports.charts import chart_png, has_data

    if not table.rows or not has_data(table):
        return []

    width_cm = CHART_WIDTH_CM * (LANDSCAPE_CHART_SCALE if plan.landscape else 1)
    png = chart_png(table, dpi=150, width_cm=width_cm, height_cm=CHART_HEIGHT_CM)
    picture = Image(io.BytesIO(png), width=width_cm * cm, height=CHART_HEIGHT_CM * cm)
    return [Spacer(0, 1 * mm), picture, Spacer(0, 2 * mm)]


def _table_flowables(
    table: ReportTable, plan: GridPlan, heading: list[Flowable], tail: list[Flowable]
) -> list[Flowable]:
    """Heading, grid and tail (note, chart, signature) as they must travel.

    The heading never ends a page: a conditional break makes room for it with the header
    row and the first rows (the whole table when it fits a page). The tail rides in a last
    row of the grid spanning all columns, unsplittable from the table's last rows: a note,
    a chart or the signature box never starts a page alone, and the rows they travel with
    keep the repeated header row above them.
    """
    grid = _grid(table, plan, tail)
    width, frame_height = body_size(landscape=plan.landscape)
    heading_height = sum(_height(part, width) for part in heading)
    rows = len(grid._cellvalues)
    if rows <= WHOLE_TABLE_ROWS:
        keep = _height(grid, width)
    else:
        keep = _height(Table(grid._cellvalues[: 1 + HEAD_ROWS], colWidths=plan.widths), width)
    keep += heading_height
    if keep > frame_height:  # a long table: its heading, header row and first rows
        head = Table(grid._cellvalues[: 1 + HEAD_ROWS], colWidths=plan.widths)
        keep = heading_height + _height(head, width)
    return [CondPageBreak(min(keep, frame_height * 0.95)), *heading, grid]


def _height(flowable: Flowable, width: float) -> float:
    _, height = flowable.wrap(width, 10_000)
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _grid(table: ReportTable, plan: GridPlan, tail: list[Flowable]) -> Table:
    size = plan.size
    header_style = CELL_HEADER.clone("report_header", fontSize=size, leading=size + 2)
    text_style = BODY.clone("report_cell", fontSize=size, leading=size + 2, spaceAfter=0)
    kinds = [column.kind for column in table.columns]
    lines: list[list[Any]] = [[paragraph(column.label, header_style) for column in table.columns]]
    for line in plan.texts:
        cells: list[Any] = []
        for text, wraps, width in zip(line, plan.wraps, plan.widths, strict=True):
            if wraps and stringWidth(text, FONT_BOLD, size) > width - 2 * CELL_PADDING:
                cells.append(paragraph(text, text_style))  # a long name wraps between words
            else:
                cells.append(text)
        lines.append(cells)
    if not table.rows and table.total is None:
        lines.append([EMPTY_TABLE] + [""] * (len(kinds) - 1))
    last = len(lines) - 1  # the last row of the grid (the total row when there is one)
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, last), 0.4, RULE),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size + 2),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *[
            (f"{side}PADDING", (0, 0), (-1, -1), CELL_PADDING)
            for side in ("TOP", "BOTTOM", "LEFT", "RIGHT")
        ],
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
    ]
    for index, kind in enumerate(kinds):
        if kind in NUMERIC:
            style.append(("ALIGN", (index, 1), (index, last), "RIGHT"))
    if not table.rows and table.total is None:
        style.append(("SPAN", (0, last), (-1, last)))
    if table.total is not None:
        style += [
            ("FONTNAME", (0, last), (-1, last), FONT_BOLD),
            ("BACKGROUND", (0, last), (-1, last), LIGHT_SHADE),
        ]
    if tail:
        lines.append([tail] + [""] * (len(kinds) - 1))
        style += [
            ("SPAN", (0, last + 1), (-1, last + 1)),
            ("LEFTPADDING", (0, last + 1), (-1, last + 1), 0),
            ("RIGHTPADDING", (0, last + 1), (-1, last + 1), 0),
            ("ALIGN", (0, last + 1), (-1, last + 1), "CENTER"),  # the chart, centred
            ("NOSPLIT", (0, max(1, last + 1 - TAIL_ROWS)), (-1, last + 1)),
        ]
    grid = Table(lines, colWidths=list(plan.widths), repeatRows=1, spaceAfter=0.5 * mm)
    grid.setStyle(style)
    return grid


def _footer(report: Report) -> str:
    lists_people = any(c.key == "codapel" for table in report.tables for c in table.columns)
    return PSEUDONYMOUS_FOOTER if lists_people else PROTECTED_FOOTER
