"""How a report table fits the page: font size, orientation and column widths.

A code, a date, a number or a single word never breaks across lines: every cell of the
short kinds (counts, numbers, percentages, days, money, dates) and every text cell
without spaces, or short enough, sets its column's width whole. Only long free texts
(names of centres, causes) wrap, between words, in the room left over; a header wraps
between words too, in at most a few lines when there is room for it.

A table whose columns do not fit portrait A4 at 8 pt tries 7 pt (the smallest size
printed), then landscape A4 at 8 and 7 pt; only a table too wide even for that is
scaled down, and its cells then wrap wherever they must.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from reinsercion_desktop.domain.report_table import ColumnKind, Report, ReportTable
from reinsercion_desktop.pdf.base import (
    CELL_PADDING,
    FONT,
    FONT_BOLD,
    MISSING_GLYPHS,
    body_size,
    register_fonts,
)
from reinsercion_desktop.reports.cells import NUMERIC, cell_text, unit_shown

SIZES = (8.0, 7.0)  # the cells' font, largest first; never below 7 pt
SHORT_TEXT = 30 * mm  # a text cell this narrow prints on one line even with spaces
WRAP_MIN = 25 * mm  # a wrapping column is given at least this (or its widest cell)
HEADER_LINES = 3  # a header may take this many lines before its column widens
SLACK = 1.5  # points: ReportLab's wrap and our measure may differ by a rounding
UNBREAKABLE_KINDS = NUMERIC | {ColumnKind.DATE}


@dataclass(frozen=True)
class GridPlan:
    """How one table is printed."""

    size: float  # font size of header and cells
    widths: tuple[float, ...]
    landscape: bool
    texts: tuple[tuple[str, ...], ...]  # every body line (rows, then the total) as text
    wraps: tuple[bool, ...]  # columns whose long cells wrap (as paragraphs)
    squeezed: bool = False  # too wide even landscape at 7 pt: every cell may wrap


def body_texts(table: ReportTable) -> tuple[tuple[str, ...], ...]:
    """The text of every cell as the PDF prints it (thousands grouped, «%» or «€» if needed)."""
    signs = [unit_shown(c.kind, c.label) for c in table.columns]
    lines = list(table.rows) + ([table.total] if table.total is not None else [])
    return tuple(
        tuple(
            cell_text(value, column.kind, grouped=True, unit=sign).translate(MISSING_GLYPHS)
            for value, column, sign in zip(line, table.columns, signs, strict=True)
        )
        for line in lines
    )


def plan_report(report: Report) -> dict[int, GridPlan]:
    """Every table's plan, by `id(table)`.

    Tables of the same columns (each vivienda's «Usuarios/as» of the Anexo III) share
    font size and widths, as one form printed again; a section with a landscape table
    prints all its tables landscape, so a vivienda's pages never switch orientation.
    """
    register_fonts()  # measured in the fonts the PDF embeds
    texts = {id(table): body_texts(table) for table in report.tables}
    shapes: dict[tuple[Any, ...], list[ReportTable]] = {}
    for table in report.tables:
        shapes.setdefault(_shape(table), []).append(table)
    chosen: dict[tuple[Any, ...], tuple[list[_Measure], float, bool]] = {}
    for shape, tables in shapes.items():
        measures = _measures(tables, texts)
        chosen[shape] = (measures, *_fit(tables[0], measures))
    plans: dict[int, GridPlan] = {}
    for section in report.sections:
        landscape = any(chosen[_shape(table)][2] for table in section.tables)
        for table in section.tables:
            measures, size, _ = chosen[_shape(table)]
            plans[id(table)] = _plan(table, measures, size, landscape, texts[id(table)])
    return plans


def plan_grid(table: ReportTable) -> GridPlan:
    """One table's plan on its own."""
    register_fonts()
    texts = {id(table): body_texts(table)}
    measures = _measures([table], texts)
    size, landscape = _fit(table, measures)
    return _plan(table, measures, size, landscape, texts[id(table)])


def _shape(table: ReportTable) -> tuple[Any, ...]:
    return tuple((column.key, column.label, column.kind) for column in table.columns)


def _measures(
    tables: list[ReportTable], texts: dict[int, tuple[tuple[str, ...], ...]]
) -> list["_Measure"]:
    columns = tables[0].columns
    return [
        _measure(
            column.label,
            [
                (line[index], table.total is not None and number == len(texts[id(table)]) - 1)
                for table in tables
                for number, line in enumerate(texts[id(table)])
            ],
        )
        for index, column in enumerate(columns)
    ]


def _fit(table: ReportTable, measures: list["_Measure"]) -> tuple[float, bool]:
    """The largest size on portrait pages, else on landscape ones, at which it fits."""
    for landscape in (False, True):
        room = body_size(landscape=landscape)[0]
        for size in SIZES:
            needs = [_needs(m, c.kind, size) for m, c in zip(measures, table.columns, strict=True)]
            if sum(least for least, _, _ in needs) <= room:
                return size, landscape
    return SIZES[-1], True


def _plan(
    table: ReportTable,
    measures: list["_Measure"],
    size: float,
    landscape: bool,
    texts: tuple[tuple[str, ...], ...],
) -> GridPlan:
    room = body_size(landscape=landscape)[0]
    needs = [_needs(m, c.kind, size) for m, c in zip(measures, table.columns, strict=True)]
    least = sum(need for need, _, _ in needs)
    if least > room:  # too wide even landscape at 7 pt: the long texts give up room
        fixed = sum(need for need, _, wraps in needs if not wraps)
        flexible = least - fixed
        if flexible > 0 and fixed < room * 0.9:
            scale = (room - fixed) / flexible
            widths = tuple(need * scale if wraps else need for need, _, wraps in needs)
        else:  # and then everything: every cell may wrap
            widths = tuple(need * room / least for need, _, _ in needs)
        return GridPlan(size, widths, landscape, texts, (True,) * len(needs), squeezed=True)
    textual = [column.kind not in UNBREAKABLE_KINDS for column in table.columns]
    named = [
        is_text and any(spaced for _, _, spaced in measure.cells)
        for is_text, measure in zip(textual, measures, strict=True)
    ]
    if not any(named):  # no names (an empty table): the last text column («Motivo»)
        named = [
            i == max((n for n, t in enumerate(textual) if t), default=0)
            for i in range(len(textual))
        ]
    pad = 2 * CELL_PADDING + SLACK
    roomy = [_header_width(list(m.header_words), size, 2) + pad for m in measures]
    wraps = tuple(wraps for _, _, wraps in needs)
    return GridPlan(size, _share(needs, room, named, roomy), landscape, texts, wraps)


@dataclass(frozen=True)
class _Measure:
    """One column measured at 1 pt (widths grow in proportion to the size)."""

    header_word: float  # the header's longest word
    header_words: tuple[str, ...]
    cells: tuple[tuple[float, float, bool], ...]  # (whole width, longest word, has a space)


def _measure(label: str, cells: Sequence[tuple[str, bool]]) -> _Measure:
    """`cells`: (text, bold) of every body line (a total line prints bold)."""
    words = tuple(label.split()) or ("",)
    measured = []
    for text, bold in cells:
        font = FONT_BOLD if bold else FONT
        whole = stringWidth(text, font, 1)
        spaced = " " in text.strip()
        word = max(stringWidth(w, font, 1) for w in text.split()) if spaced else whole
        measured.append((whole, word, spaced))
    header = max(stringWidth(word, FONT_BOLD, 1) for word in words)
    return _Measure(header, words, tuple(measured))


def _needs(measure: _Measure, kind: ColumnKind, size: float) -> tuple[float, float, bool]:
    """(least width, wished width, wraps) of one column at `size`, padding included.

    Least: its widest unbreakable cell, the longest word of the others and of the header.
    Wished: long texts on one line (up to the page) and the header in HEADER_LINES lines.
    """
    pad = 2 * CELL_PADDING + SLACK
    least = measure.header_word * size
    words = list(measure.header_words)
    # A column with no cells (no discharges this month) wishes its header on one line.
    wished = _header_width(words, size) if measure.cells else _header_width(words, size, 1)
    wraps = False
    for whole, word, spaced in measure.cells:
        width = whole * size
        if kind in UNBREAKABLE_KINDS or not spaced or width <= SHORT_TEXT:
            least = max(least, width)
        else:
            wraps = True
            least = max(least, word * size)
        wished = max(wished, width)
    if wraps:
        least = max(least, min(wished, WRAP_MIN - pad))
    return least + pad, max(least, wished) + pad, wraps


def _header_width(words: list[str], size: float, most: int = HEADER_LINES) -> float:
    """The narrowest width (of a run of words) in which the header takes ≤ `most` lines."""
    widths = sorted(
        stringWidth(" ".join(words[start:end]), FONT_BOLD, size)
        for start in range(len(words))
        for end in range(start + 1, len(words) + 1)
    )
    for width in widths:
        if _lines(words, width, size) <= most:
            return width
    return widths[-1]


def _lines(words: list[str], width: float, size: float) -> int:
    lines, current = 1, ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and stringWidth(candidate, FONT_BOLD, size) > width:
            lines, current = lines + 1, word
        else:
            current = candidate
    return lines


def _share(
    needs: list[tuple[float, float, bool]],
    room: float,
    named: list[bool],
    roomy: list[float],
) -> tuple[float, ...]:
    """Every column its least; the spare room to those wishing more, in proportion (then
    to headers wishing two lines rather than three); what is still spare widens the wrapping text columns, else the last column of names (texts
    with spaces: a vivienda, a type of discharge, not a code), so every table spans the
    page as the section bands do."""
    widths = [least for least, _, _ in needs]
    spare = room - sum(widths)
    wants = [wished - least for least, wished, _ in needs]
    wanted = sum(wants)
    if wanted > 0:
        given = min(1.0, spare / wanted)
        widths = [w + want * given for w, want in zip(widths, wants, strict=True)]
        spare -= wanted * given
    # Then, room left, headers in two lines rather than three («Total / de / altas»).
    extra = [max(0.0, header - w) for header, w in zip(roomy, widths, strict=True)]
    if spare > 0.5 and sum(extra) > 0:
        given = min(1.0, spare / sum(extra))
        widths = [w + more * given for w, more in zip(widths, extra, strict=True)]
        spare -= sum(extra) * given
    if spare > 0.5:
        takers = [i for i, (_, _, wraps) in enumerate(needs) if wraps]
        if not takers:
            takers = [i for i, is_named in enumerate(named) if is_named][-1:] or [0]
        widths = [w + (spare / len(takers) if i in takers else 0) for i, w in enumerate(widths)]
    return tuple(widths)
