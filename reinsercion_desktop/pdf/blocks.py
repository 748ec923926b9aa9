"""Block builders: one per kind of content (grid of fields, table, free text, signatures).

Every builder takes plain strings; user text is escaped, so "<b>" prints as typed.
"""

import re
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

from reinsercion_desktop.pdf.base import (
    ACCENT,
    BODY,
    BODY_SIZE,
    BOX_SIZE,
    CELL_HEADER,
    CELL_PADDING,
    COMPACT_VALUE,
    CONTENT_WIDTH,
    FILL_LINE_HEIGHT,
    FONT,
    FONT_BOLD,
    INK,
    LABEL,
    LABEL_SIZE,
    LIGHT_SHADE,
    MUTED,
    RULE,
    SECTION,
    SECTION_SPACE_BEFORE,
    SHADE,
    SIGNATURE_GAP,
    SIGNATURE_HEIGHT,
    SIGNATURE_MAX_WIDTH,
    SIGNATURE_TITLE,
    SMALL,
    SMALL_SIZE,
    VALUE,
    _fit,
    _text,
    paragraph,
)


# -- block builders ------------------------------------------------------------------
class FillLine(Flowable):
    """A dotted line across the available width: a blank to fill in by hand.

    `suffix` prints after the line ("mg/día"), so the unit is on the paper too.
    """

    def __init__(self, height: float = FILL_LINE_HEIGHT, suffix: str = ""):
        super().__init__()
        self.line_height = height
        self.suffix = suffix

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.line_height

    def draw(self) -> None:
        end = self.width
        if self.suffix:
            end -= stringWidth(self.suffix, FONT, LABEL_SIZE) + 1.5 * mm
            _text(self.canv, end + 1.5 * mm, 1.5, self.suffix, color=MUTED)
        self.canv.saveState()
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        self.canv.setDash(1, 2)
        self.canv.line(0, 1, max(end, 0), 1)
        self.canv.restoreState()


def draw_check_box(
    canvas: Canvas, x: float, y: float, checked: bool, size: float = BOX_SIZE
) -> None:
    """☐, or ☒ when checked: drawn, since Noto Sans has no ballot-box glyph."""
    canvas.saveState()
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.6)
    canvas.rect(x, y, size, size, stroke=1, fill=0)
    if checked:
        inset = size * 0.18
        canvas.setLineWidth(1.1)
        canvas.line(x + inset, y + inset, x + size - inset, y + size - inset)
        canvas.line(x + inset, y + size - inset, x + size - inset, y + inset)
    canvas.restoreState()


class OptionBoxes(Flowable):
    """Options to tick, each a box and its label, flowing left to right and wrapping.

    `captions` print centred under each option (a scale's score); `centred` centres each
    line of options in the width. Labels are real text, so they are searchable.
    """

    GAP = 1.3 * mm  # box → label
    SPACING = 5 * mm  # option → option
    LEADING = 10.5
    MIN_COLUMN = 45 * mm

    def __init__(
        self,
        options: Sequence[tuple[str, bool]],
        *,
        captions: Sequence[str] | None = None,
        centred: bool = False,
        columns: bool = False,
        spacing: float | None = None,
        font_size: float = LABEL_SIZE + 0.5,
    ):
        super().__init__()
        self.options = list(options)
        self.captions = list(captions) if captions else None
        self.centred = centred
        self.columns = columns  # aligned columns of equal width (long lists)
        self.spacing = self.SPACING if spacing is None else spacing
        self.font_size = font_size
        self._placed: list[tuple[float, float, list[str], bool, str, float]] = []

    def _item(self, index: int, label: str, room: float) -> tuple[float, float, list[str]]:
        lines = simpleSplit(label, FONT, self.font_size, max(room - BOX_SIZE - self.GAP, 10)) or [
            ""
        ]
        text_width = max(stringWidth(line, FONT, self.font_size) for line in lines)
        width = BOX_SIZE + self.GAP + text_width
        if self.captions:
            width = max(width, stringWidth(self.captions[index], FONT_BOLD, self.font_size))
        height = len(lines) * self.LEADING + (self.LEADING if self.captions else 0)
        return width, height, lines

    def _column_width(self, avail_width: float) -> float:
        """Equal columns as wide as the widest option, as many as fit (two to four; long
        labels wrap inside theirs)."""
        widest = max(
            self._item(i, label, avail_width)[0] for i, (label, _) in enumerate(self.options)
        )
        count = int((avail_width + self.spacing) // (widest + self.spacing))
        if avail_width / 2 >= self.MIN_COLUMN:
            count = max(count, 2)
        count = min(max(count, 1), 4, len(self.options))
        return (avail_width - self.spacing * (count - 1)) / count

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        column = self._column_width(avail_width) if self.columns and self.options else 0.0
        room = column or avail_width
        rows: list[list[tuple[float, float, list[str], bool, str]]] = [
            []
        ]  # w, h, lines, ✓, caption
        used = 0.0
        for index, (label, checked) in enumerate(self.options):
            width, height, lines = self._item(index, label, room)
            width = max(width, column)
            if rows[-1] and used + self.spacing + width > avail_width + 0.01:
                rows.append([])
                used = 0.0
            used += (self.spacing if rows[-1] else 0) + width
            caption = self.captions[index] if self.captions else ""
            rows[-1].append((width, height, lines, checked, caption))
        self._placed = []
        top = 0.0
        for row in rows:
            row_width = sum(item[0] for item in row) + self.spacing * (len(row) - 1)
            x = max((avail_width - row_width) / 2, 0) if self.centred else 0.0
            for width, _height, lines, checked, caption in row:
                self._placed.append((x, top, lines, checked, caption, width))
                x += width + self.spacing
            top += max(item[1] for item in row) + 0.8 * mm
        self.height = top - 0.8 * mm + 1.5
        return avail_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        for x, top, lines, checked, caption, width in self._placed:
            baseline = self.height - top - self.font_size
            draw_check_box(canvas, x, baseline - 0.6, checked)
            for number, line in enumerate(lines):
                y = baseline - number * self.LEADING
                _text(canvas, x + BOX_SIZE + self.GAP, y, line, size=self.font_size)
            if caption:
                y = baseline - len(lines) * self.LEADING
                _text(
                    canvas,
                    x + width / 2,
                    y,
                    caption,
                    font=FONT_BOLD,
                    size=self.font_size,
                    align="centre",
                )

    def checked_labels(self) -> list[str]:
        return [label for label, checked in self.options if checked]


def _padded(padding: float) -> list[tuple]:
    return [
        (f"{side}PADDING", (0, 0), (-1, -1), padding) for side in ("TOP", "BOTTOM", "LEFT", "RIGHT")
    ]


def section_title(text: str, width: float = CONTENT_WIDTH) -> Table:
    """A shaded band with the section's name; it stays on the page of what follows it.

    `width`: a report's landscape page is wider."""
    band = Table(
        [[paragraph(text, SECTION)]],
        colWidths=[width],
        spaceBefore=SECTION_SPACE_BEFORE,
        spaceAfter=1.5 * mm,
    )
    band.setStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.4 * mm),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5 * mm),
        ]
    )
    band.keepWithNext = True
    return band


Cell = str | Flowable | list[Flowable]


def _value_cell(value: Cell) -> Cell:
    """Text as a paragraph (a dotted line when empty); flowables as they come."""
    if isinstance(value, str):
        return paragraph(value, VALUE) if value.strip() else FillLine(VALUE.leading)
    return value


def _label_cell(label: Cell) -> Cell:
    return paragraph(label, LABEL) if isinstance(label, str) else label


GRID_LABEL_WIDTH = 39 * mm


def field_rows(
    rows: Sequence[Sequence[tuple[Cell, Cell]]], *, pairs: int = 2, label_width: float = 0.0
) -> Table:
    """Label/value cells on a grid of `pairs` pairs a row (1 or 2).

    A row of fewer pairs spans its last value to the end; labels line up down the grid
    whatever the mix. Values wrap; strings are escaped paragraphs, an empty one a dotted
    line to fill by hand. Rows never split, so keep long texts for `free_text`.
    """
    if pairs not in (1, 2):
        raise ValueError("field_rows takes one or two pairs a row")
    label_width = label_width or GRID_LABEL_WIDTH
    value_width = CONTENT_WIDTH / pairs - label_width
    cells: list[list[object]] = []
    style: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # blank cells too: Table's default is Helvetica
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (0, -1), LIGHT_SHADE),
        *_padded(CELL_PADDING),
    ]
    for index, row in enumerate(rows):
        if not 1 <= len(row) <= pairs:
            raise ValueError(f"a row of field_rows holds one to {pairs} pairs")
        line: list[object] = []
        for label, value in row:
            line += [_label_cell(label), _value_cell(value)]
        if len(row) < pairs:  # its last value spans the rest of the row
            style.append(("SPAN", (len(line) - 1, index), (-1, index)))
            line += [""] * (2 * pairs - len(line))
        else:
            style += [
                ("BACKGROUND", (c, index), (c, index), LIGHT_SHADE) for c in range(2, 2 * pairs, 2)
            ]
        cells.append(line)
    grid = Table(cells, colWidths=[label_width, value_width] * pairs, spaceAfter=1 * mm)
    grid.setStyle(style)
    return grid


def field_grid(fields: Sequence[tuple[Cell, Cell]], columns: int = 4) -> Table:
    """Label/value cells, one pair (columns=2) or two pairs (columns=4) per row."""
    if columns not in (2, 4):
        raise ValueError("field_grid takes 2 or 4 columns")
    pairs = columns // 2
    rows = [fields[start : start + pairs] for start in range(0, len(fields), pairs)]
    return field_rows(rows, pairs=pairs, label_width=50 * mm if pairs == 1 else GRID_LABEL_WIDTH)


def data_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    col_widths: Sequence[float] | None = None,
    *,
    min_row_height: float | None = None,
    label_column: bool = False,
    compact: bool = False,
) -> Table:
    """A bordered table whose header row repeats on every page it runs onto.

    Cells are text (escaped) or flowables. `min_row_height` leaves room to write by hand;
    `label_column` shades the first column (a fixed table's row labels); `compact`
    prints in a smaller size, for tables of many columns.
    """
    widths = list(col_widths) if col_widths else [CONTENT_WIDTH / len(headers)] * len(headers)
    value_style = COMPACT_VALUE if compact else VALUE
    cells: list[list[object]] = [[paragraph(h, CELL_HEADER) for h in headers]]
    for row in rows:
        line: list[object] = []
        for column, value in enumerate(row):
            style = CELL_HEADER if label_column and column == 0 else value_style
            line.append(
                paragraph(str(value), style) if isinstance(value, str | int | float) else value
            )
        cells.append(line)
    heights = None
    if min_row_height:
        heights = [None] + [_row_height(line, widths, min_row_height) for line in cells[1:]]
    table = Table(cells, colWidths=widths, rowHeights=heights, repeatRows=1, spaceAfter=1 * mm)
    table.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # blank cells too: Table's default is Helvetica
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("VALIGN", (0, 1), (-1, -1), "MIDDLE" if min_row_height else "TOP"),
            *((("BACKGROUND", (0, 1), (0, -1), LIGHT_SHADE),) if label_column else ()),
            *_padded(CELL_PADDING),
        ]
    )
    return table


def _row_height(line: Sequence[object], widths: Sequence[float], minimum: float) -> float | None:
    """At least `minimum`, or None (natural height) when some cell needs more."""
    tallest = 0.0
    for cell, width in zip(line, widths, strict=False):
        if isinstance(cell, Flowable):
            tallest = max(tallest, cell.wrap(width - 2 * CELL_PADDING, 10_000)[1])
    return None if tallest + 2 * CELL_PADDING > minimum else minimum


def free_text(text: str, blank_lines: int = 5) -> list[Flowable]:
    """Paragraphs of user text that flow across pages and lose nothing; dotted lines if empty."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    if not paragraphs:
        return [FillLine() for _ in range(blank_lines)]
    return [paragraph(p.strip("\n"), BODY) for p in paragraphs]


def text_section(title: str, text: str) -> list[Flowable]:
    """A titled free-text block. Unlike grids it is not kept whole with its title (a long
    text would jump to a new page and leave a blank one); it only refuses to start on the
    last few lines of a page."""
    band = section_title(title)
    band.keepWithNext = False
    return [CondPageBreak(SECTION_SPACE_BEFORE + 20 * mm), band, *free_text(text)]


def small_print(text: str) -> Paragraph:
    return paragraph(text, SMALL)


class SignatureBoxes(Flowable):
    """Boxes side by side, one per role: title, room to sign, "Nombre:" and "Fecha:" lines.

    Every box has the same title strip (the tallest title's), so "Firma:", "Nombre:" and
    "Fecha:" line up across the row. `signed` (name, date) is written on the lines of the
    box of whoever signed the record in the program (`signing_box`).
    """

    def __init__(self, roles: Sequence[str], signed: tuple[str, str] | None = None):
        super().__init__()
        self.roles = list(roles)
        self.signed = signed

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, SIGNATURE_HEIGHT

    def draw(self) -> None:
        canvas, pad, height = self.canv, 2.5 * mm, SIGNATURE_HEIGHT
        count = len(self.roles)
        box_width = min((self.width - SIGNATURE_GAP * (count - 1)) / count, SIGNATURE_MAX_WIDTH)
        first = self.width - count * box_width - (count - 1) * SIGNATURE_GAP  # to the right
        titles = [paragraph(role, SIGNATURE_TITLE) for role in self.roles]
        strip = max(t.wrap(box_width - 2 * pad, height)[1] for t in titles) + 2 * mm
        signer = signing_box(self.roles) if self.signed else -1
        for index, title in enumerate(titles):
            x = first + index * (box_width + SIGNATURE_GAP)
            canvas.saveState()
            canvas.setFillColor(LIGHT_SHADE)
            canvas.rect(x, height - strip, box_width, strip, stroke=0, fill=1)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.rect(x, 0, box_width, height)
            canvas.line(x, height - strip, x + box_width, height - strip)
            title.drawOn(canvas, x + pad, height - strip + 1 * mm)
            hint_y = height - strip - 3.5 * mm
            _text(canvas, x + pad, hint_y, "Firma:", size=SMALL_SIZE, color=MUTED)
            lines = (("Nombre:", 8 * mm), ("Fecha:", 2.5 * mm))
            for number, (label, y) in enumerate(lines):
                _text(canvas, x + pad, y, label)
                start = x + pad + stringWidth(label, FONT, LABEL_SIZE) + 1.5 * mm
                if index == signer and self.signed:
                    room = x + box_width - pad - start
                    _text(
                        canvas,
                        start,
                        y,
                        _fit(self.signed[number], FONT, BODY_SIZE - 1, room),
                        size=BODY_SIZE - 1,
                    )
                canvas.setDash(1, 2)
                canvas.line(start, y - 0.6 * mm, x + box_width - pad, y - 0.6 * mm)
                canvas.setDash()
            canvas.restoreState()


_STAFF_ROLE = re.compile(r"\bresponsable de\b|\bdirector|\bcoordinador", re.IGNORECASE)


def signing_box(roles: Sequence[str]) -> int:
    """The box the program's signature belongs in: the centre's responsible person's
    («Responsable de la VAR», not «familiar responsable»), else the last one."""
    for index, role in enumerate(roles):
        if _STAFF_ROLE.search(role):
            return index
    return len(roles) - 1


def signature_boxes(roles: Sequence[str], signed: tuple[str, str] | None = None) -> SignatureBoxes:
    return SignatureBoxes(roles, signed)
