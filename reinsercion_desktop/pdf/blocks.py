"""Block builders: one per kind of content (grid of fields, table, free text, signatures).

Every builder takes plain strings; user text is escaped, so "<b>" prints as typed.
"""

import re
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

from reinsercion_desktop.pdf.base import (
    ACCENT,
    BODY,
    CELL_HEADER,
    CELL_PADDING,
    CONTENT_WIDTH,
    FILL_LINE_HEIGHT,
    FONT,
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
    SIGNATURE_TITLE,
    SMALL,
    SMALL_SIZE,
    VALUE,
    _text,
    paragraph,
)


# -- block builders ------------------------------------------------------------------
class FillLine(Flowable):
    """A dotted line across the available width: a blank to fill in by hand."""

    def __init__(self, height: float = FILL_LINE_HEIGHT):
        super().__init__()
        self.line_height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.line_height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        self.canv.setDash(1, 2)
        self.canv.line(0, 1, self.width, 1)
        self.canv.restoreState()


def _padded(padding: float) -> list[tuple]:
    return [
        (f"{side}PADDING", (0, 0), (-1, -1), padding) for side in ("TOP", "BOTTOM", "LEFT", "RIGHT")
    ]


def section_title(text: str) -> Table:
    """A shaded band with the section's name; it stays on the page of what follows it."""
    band = Table(
        [[paragraph(text, SECTION)]],
        colWidths=[CONTENT_WIDTH],
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


def field_grid(fields: Sequence[tuple[str, str]], columns: int = 4) -> Table:
    """Label/value cells, one pair (columns=2) or two pairs (columns=4) per row.

    Values wrap; an empty value is a dotted line, so a printed blank can be filled by hand.
    Rows never split, so keep long texts for `free_text`.
    """
    if columns not in (2, 4):
        raise ValueError("field_grid takes 2 or 4 columns")
    pairs = columns // 2
    label_width = 50 * mm if pairs == 1 else 39 * mm
    value_width = CONTENT_WIDTH / pairs - label_width
    rows: list[list[object]] = []
    style: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # blank cells too: Table's default is Helvetica
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *(("BACKGROUND", (c, 0), (c, -1), LIGHT_SHADE) for c in range(0, columns, 2)),
        *_padded(CELL_PADDING),
    ]
    for start in range(0, len(fields), pairs):
        chunk = list(fields[start : start + pairs])
        row: list[object] = []
        for label, value in chunk:
            row += [
                paragraph(label, LABEL),
                paragraph(value, VALUE) if value.strip() else FillLine(VALUE.leading),
            ]
        if len(chunk) < pairs:  # a last lone pair: its value spans the rest of the row
            span = ((len(row) - 1, len(rows)), (-1, len(rows)))
            style += [("SPAN", *span), ("BACKGROUND", *span, colors.white)]
            row += [""] * (columns - len(row))
        rows.append(row)
    grid = Table(rows, colWidths=[label_width, value_width] * pairs, spaceAfter=1 * mm)
    grid.setStyle(style)
    return grid


def data_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], col_widths: Sequence[float] | None = None
) -> Table:
    """A bordered table whose header row repeats on every page it runs onto."""
    widths = list(col_widths) if col_widths else [CONTENT_WIDTH / len(headers)] * len(headers)
    cells = [[paragraph(h, CELL_HEADER) for h in headers]]
    cells += [[paragraph(str(v), VALUE) for v in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1, spaceAfter=1 * mm)
    table.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # blank cells too: Table's default is Helvetica
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *_padded(CELL_PADDING),
        ]
    )
    return table


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
    """Boxes side by side, one per role: title, room to sign, "Nombre:" and "Fecha:" lines."""

    def __init__(self, roles: Sequence[str]):
        super().__init__()
        self.roles = list(roles)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, SIGNATURE_HEIGHT

    def draw(self) -> None:
        canvas, pad, height = self.canv, 2.5 * mm, SIGNATURE_HEIGHT
        count = len(self.roles)
        box_width = (self.width - SIGNATURE_GAP * (count - 1)) / count
        for index, role in enumerate(self.roles):
            x = index * (box_width + SIGNATURE_GAP)
            title = paragraph(role, SIGNATURE_TITLE)
            strip = title.wrap(box_width - 2 * pad, height)[1] + 2 * mm  # titles may wrap
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
            canvas.setDash(1, 2)
            for label, y in (("Nombre:", 8 * mm), ("Fecha:", 2.5 * mm)):
                _text(canvas, x + pad, y, label)
                start = x + pad + stringWidth(label, FONT, LABEL_SIZE) + 1.5 * mm
                canvas.line(start, y - 0.6 * mm, x + box_width - pad, y - 0.6 * mm)
            canvas.restoreState()


def signature_boxes(roles: Sequence[str]) -> SignatureBoxes:
    return SignatureBoxes(roles)
