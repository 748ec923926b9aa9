"""A report as a PDF (ReportLab, the look of every PDF of the app: pdf/base fonts, header
band, footer with «Página n de m»).

Header: the issuer (name, code, province), the report's title, the period and scope; an
exact copy says «COPIA INTERNA — cifras exactas, no difundir» in the header of every
page. Body: each section's band, then its tables — columns sized to their content,
numbers right-aligned, long tables split across pages with the header row repeated —
each with its note in small print and its chart (reports/charts.py) under it. The
issuer's signature box closes the report, kept on the page of the last table's last
rows and note, never alone on a page of its own.
"""

import io
import time
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.report_table import Report, ReportTable
from reinsercion_desktop.pdf.base import (
    BODY,
    CELL_HEADER,
    CELL_PADDING,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    LIGHT_SHADE,
    RULE,
    SHADE,
    SMALL,
    DocumentHeader,
    paragraph,
    render_bytes,
)
from reinsercion_desktop.pdf.blocks import section_title, signature_boxes
from reinsercion_desktop.reports.cells import NUMERIC, cell_text

REPORT_VERSION = "Informes v1"
EXACT_BANNER = "COPIA INTERNA — cifras exactas, no difundir"
PROTECTED_FOOTER = (
    "Datos agregados; recuentos menores de {t} protegidos («<{t}»). No contiene datos personales."
)
EXACT_FOOTER = (
    "COPIA INTERNA con cifras exactas: los recuentos pequeños pueden identificar a una "
    "persona. No la difunda ni la envíe fuera del centro."
)
CELL_SIZE = 8.0
COMPACT_SIZE = 7.0  # a table of many columns
CHART_WIDTH_CM, CHART_HEIGHT_CM = 16.0, 7.0
TAIL_ROWS = 3  # the last rows of the last table stay with the note and the signature
MIN_COLUMN = 11 * mm
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
    story, chart_seconds = _story(report)
    data = render_bytes(_header(report, threshold), story)
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
        confidentiality=EXACT_FOOTER if report.exact else PROTECTED_FOOTER.format(t=threshold),
    )


def _story(report: Report) -> tuple[list[Flowable], float]:
    story: list[Flowable] = []
    chart_seconds = 0.0
    for note in report.notes:
        story.append(paragraph(note, NOTE))
    last = report.tables[-1] if report.tables else None
    for section in report.sections:
        story.append(section_title(section.title))
        if section.intro:
            story.append(paragraph(section.intro, INTRO))
        for table in section.tables:
            started = time.perf_counter()
            chart = _chart(table)
            chart_seconds += time.perf_counter() - started
            if table is last:
                story += _closing(report, table, chart)
            else:
                story += _table_flowables(table, chart)
    if last is None:
        story += _closing(report, None, [])
    return story, chart_seconds


def _table_flowables(
    table: ReportTable, chart: list[Flowable], *, note: bool = True
) -> list[Flowable]:
    parts: list[Flowable] = [*_title(table), *_grids(table, table.rows, table.total)]
    if note and table.note:
        parts.append(paragraph(table.note, NOTE))
    return parts + chart


def _title(table: ReportTable) -> list[Flowable]:
    title = paragraph(table.title, TABLE_TITLE)
    title.keepWithNext = True
    return [Spacer(0, 1.5 * mm), title]


def _closing(report: Report, table: ReportTable | None, chart: list[Flowable]) -> list[Flowable]:
    """The last table with its note, chart and the signature box in a last row of its own
    that may not be split from the table's last rows: the box never starts a page alone,
    and the rows it travels with keep the repeated header row above them."""
    made = f"Emitido el {format_date_es(report.made_on)}" if report.made_on else ""
    closing: list[Flowable] = [Spacer(0, 3 * mm)]
    if made:
        closing.append(paragraph(made, SMALL))
    closing.append(signature_boxes([report.issuer.signer_role or "Firma y sello"]))
    if table is None:
        return [KeepTogether(closing)]
    note = [paragraph(table.note, NOTE)] if table.note else []
    return [
        *_title(table),
        *_grids(table, table.rows, table.total, closing=[*note, *chart, *closing]),
    ]


def _chart(table: ReportTable) -> list[Flowable]:
    if table.chart is None or not table.rows:
        return []
    from reinsercion_desktop.reports.charts import chart_png

    png = chart_png(table, dpi=150, width_cm=CHART_WIDTH_CM, height_cm=CHART_HEIGHT_CM)
    picture = Image(io.BytesIO(png), width=CHART_WIDTH_CM * cm, height=CHART_HEIGHT_CM * cm)
    return [KeepTogether([Spacer(0, 1 * mm), picture, Spacer(0, 2 * mm)])]


def _grids(
    table: ReportTable,
    rows: tuple[tuple[Any, ...], ...],
    total: tuple[Any, ...] | None,
    *,
    closing: list[Flowable] | None = None,
) -> list[Flowable]:
    widths = _widths(table)
    size = _size(table)
    header_style = CELL_HEADER.clone("report_header", fontSize=size, leading=size + 2)
    kinds = [column.kind for column in table.columns]
    lines: list[list[Any]] = [[paragraph(column.label, header_style) for column in table.columns]]
    body = list(rows) + ([total] if total is not None else [])
    text_style = BODY.clone("report_cell", fontSize=size, leading=size + 2, spaceAfter=0)
    for line in body:
        cells: list[Any] = []
        for value, kind, width in zip(line, kinds, widths, strict=True):
            text = cell_text(value, kind, grouped=True)
            if kind not in NUMERIC and stringWidth(text, FONT, size) > width - 2 * CELL_PADDING:
                cells.append(paragraph(text, text_style))  # a long name wraps
            else:
                cells.append(text)
        lines.append(cells)
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
    ]
    for index, kind in enumerate(kinds):
        if kind in NUMERIC:
            style.append(("ALIGN", (index, 1), (index, last), "RIGHT"))
    style += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 0), (-1, 0), "BOTTOM")]
    if total is not None:
        style += [
            ("FONTNAME", (0, last), (-1, last), FONT_BOLD),
            ("BACKGROUND", (0, last), (-1, last), LIGHT_SHADE),
        ]
    if closing:
        lines.append([closing] + [""] * (len(widths) - 1))
        style += [
            ("SPAN", (0, last + 1), (-1, last + 1)),
            ("LEFTPADDING", (0, last + 1), (-1, last + 1), 0),
            ("RIGHTPADDING", (0, last + 1), (-1, last + 1), 0),
            ("NOSPLIT", (0, max(1, last + 1 - TAIL_ROWS)), (-1, last + 1)),
        ]
    grid = Table(lines, colWidths=widths, repeatRows=1, spaceAfter=0.5 * mm)
    grid.setStyle(style)
    return [grid]


def _size(table: ReportTable) -> float:
    return COMPACT_SIZE if len(table.columns) > 7 else CELL_SIZE


def _widths(table: ReportTable) -> list[float]:
    """Each column as wide as its widest cell (the header by its longest word), then all
    scaled to the page: text columns give up room first, numbers never break."""
    size = _size(table)
    lines = list(table.rows) + ([table.total] if table.total is not None else [])
    natural: list[float] = []
    for index, column in enumerate(table.columns):
        words = max((stringWidth(w, FONT_BOLD, size) for w in column.label.split()), default=0)
        cells = (cell_text(line[index], column.kind, grouped=True) for line in lines)
        widest = max((stringWidth(text, FONT_BOLD, size) for text in cells), default=0)
        natural.append(max(words, widest, MIN_COLUMN - 2 * CELL_PADDING) + 2 * CELL_PADDING + 1)
    total = sum(natural)
    if total <= CONTENT_WIDTH:
        spare = CONTENT_WIDTH - total  # the text columns take the spare room
        texts = [i for i, c in enumerate(table.columns) if c.kind not in NUMERIC] or [0]
        return [w + (spare / len(texts) if i in texts else 0) for i, w in enumerate(natural)]
    fixed = sum(w for w, c in zip(natural, table.columns, strict=True) if c.kind in NUMERIC)
    flexible = total - fixed
    if fixed < CONTENT_WIDTH * 0.85 and flexible > 0:
        scale = (CONTENT_WIDTH - fixed) / flexible
        return [
            w if c.kind in NUMERIC else w * scale
            for w, c in zip(natural, table.columns, strict=True)
        ]
    return [w * CONTENT_WIDTH / total for w in natural]
