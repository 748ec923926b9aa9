"""Block builders of a form, one per field kind (SPEC §5; STYLE habit 9).

`BUILDERS` maps a field kind to a function `(field, context) -> list[Block]`. Most blocks
are flowables; two kinds of cell are merged by `assemble`: consecutive `GridCell`s share
one label/value grid (two "half" fields a row) and consecutive `ScaleRow`s share one
table. Boxes to tick are drawn (`OptionBoxes`): every option prints, in the definition's
order, with the chosen ones crossed, so the same page serves on screen and on paper.
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from reinsercion_desktop.forms.engine import BLANK_IN_TEXT, fill_text, offered_options
from reinsercion_desktop.forms.schema import Column, Condition, FieldDef, FormDefinition, Section
from reinsercion_desktop.forms.values import display_value, is_empty
from reinsercion_desktop.pdf.base import (
    BODY,
    BOX_SIZE,
    CELL_HEADER,
    CELL_PADDING,
    COMPACT_VALUE,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    LABEL,
    LABEL_SIZE,
    MUTED,
    SMALL,
    VALUE,
    markup,
    paragraph,
    register_fonts,
)
from reinsercion_desktop.pdf.blocks import (
    Cell,
    FillLine,
    OptionBoxes,
    data_table,
    free_text,
    signature_boxes,
)

# -- sizes and styles ------------------------------------------------------------------
LONG_TEXT_BLANK_LINES = 7  # ruled lines under a long text on a blank form
LONG_TEXT_EMPTY_LINES = 3  # … and under an empty one on a filled form
FREE_TABLE_BLANK_ROWS = 6
WRITING_ROW_HEIGHT = 6.5 * mm  # a table row to write in by hand
TABLE_GAP = 1.5 * mm  # under a table and its legend
SCALE_OPTION_WIDTH = 29 * mm
ROW_LABEL_MIN, ROW_LABEL_MAX = 30 * mm, 58 * mm
MANY_COLUMNS = 6  # more than this: the table prints in a smaller size
MANY_OPTIONS = 4  # a multiple choice with more options takes the whole row
ALIGN_OPTIONS = 4  # more options than this, across a row, print in aligned columns
KEEP_WITH_NEXT = 25 * mm  # a heading never starts on the last few lines of a page
DATE_BLANK = "……… / ……… / ……………"
NO_ROWS = "Sin datos."

FIELD_HEADING = ParagraphStyle(
    "field_heading", parent=BODY, fontName=FONT_BOLD, spaceBefore=2.5 * mm, spaceAfter=1 * mm
)
HELP = ParagraphStyle("help", parent=SMALL, fontName=FONT_ITALIC, spaceAfter=1 * mm)
NOTE = ParagraphStyle("condition_note", parent=HELP, textColor=MUTED)
INTRO = ParagraphStyle("section_intro", parent=BODY, fontName=FONT_ITALIC)
LEGEND = ParagraphStyle("legend", parent=SMALL, spaceAfter=1.5 * mm)
CLAUSE = ParagraphStyle(
    "clause", parent=BODY, leftIndent=5 * mm, bulletIndent=1 * mm, bulletFontName=FONT
)
CLOSING = ParagraphStyle("closing", parent=BODY, fontName=FONT_BOLD, alignment=1)

_RULE_REFERENCE = re.compile(r"\s*\((?:R-[A-Z]+-\d+[,; ]*)+\)")


@dataclass(frozen=True)
class FormContext:
    """What every builder may read: the definition, the values, blank or filled, the section."""

    definition: FormDefinition
    data: dict[str, Any]
    blank: bool
    section: Section
    signed: tuple[str, str] | None = None  # who signed in the program, and when (text)

    def value(self, field: FieldDef) -> Any:
        return self.data.get(field.id)


@dataclass
class GridCell:
    """One label/value pair; consecutive cells share a grid, "half" ones two a row."""

    label: Cell
    value: Cell
    half: bool


@dataclass
class Together:
    """Flowables that must share a page (a heading and its lines, a table and its legend)."""

    flowables: list[Flowable]


@dataclass
class ScaleRow:
    """A three-point item: the question and its options (box, label, score below)."""

    question: Cell
    options: list[Flowable]


Block = Flowable | GridCell | ScaleRow | Together
Builder = Callable[[FieldDef, FormContext], list[Block]]


# -- small pieces ----------------------------------------------------------------------
def printable_help(text: str) -> str:
    """Help as printed: without the rule ids the editor shows ("(R-REF-2)")."""
    return _RULE_REFERENCE.sub("", text).strip()


def condition_text(definition: FormDefinition, condition: Condition) -> str:
    """A condition in words: «Solo si "Estado VIH" es "Positivo".»"""
    try:
        source = definition.field(condition.field)
    except KeyError:
        return ""

    def shown(value: Any) -> str:
        return f"«{display_value(source, value) or value}»"

    name = f"«{source.label}»"
    if condition.filled is not None:
        return f"Solo si {name} {'está rellenado' if condition.filled else 'está vacío'}."
    if condition.contains is not None:
        return f"Solo si en {name} se marca {shown([condition.contains])}."
    values = condition.any_of if condition.any_of is not None else [condition.equals]
    return f"Solo si {name} es {' o '.join(shown(value) for value in values)}."


def condition_note(field: FieldDef, context: FormContext) -> str:
    """On a blank form, when a field applies (unless its section's note says it already)."""
    condition = field.visible_when
    if condition is None or not context.blank or condition == context.section.visible_when:
        return ""
    return condition_text(context.definition, condition)


def _label(field: FieldDef, context: FormContext) -> Cell:
    note = condition_note(field, context)
    if not note:
        return field.label
    return [paragraph(field.label, LABEL), paragraph(note, NOTE)]


def _same_words(a: str, b: str) -> bool:
    return bool(a.split()) and a.casefold().split() == b.casefold().split()


def _heading(field: FieldDef, context: FormContext) -> list[Flowable]:
    """The field's label (unless the section's title already says it), its help, its condition."""
    blocks: list[Flowable] = []
    if not _same_words(field.label, context.section.title):
        blocks.append(paragraph(field.label, FIELD_HEADING))
    help_text = printable_help(field.help)
    if help_text:  # a phrase in brackets, as the seed prints it; sentences as they are
        phrase = ". " not in help_text.rstrip(". ")
        blocks.append(paragraph(f"({help_text.strip('()')})" if phrase else help_text, HELP))
    note = condition_note(field, context)
    if note:
        blocks.append(paragraph(note, NOTE))
    return blocks


# -- builders per kind -----------------------------------------------------------------
def text_block(field: FieldDef, context: FormContext) -> list[Block]:
    value = display_value(field, context.value(field))
    return [GridCell(_label(field, context), value, field.width == "half")]


def date_block(field: FieldDef, context: FormContext) -> list[Block]:
    shown = display_value(field, context.value(field))
    value: Cell = shown or paragraph(DATE_BLANK, NOTE)
    return [GridCell(_label(field, context), value, field.width == "half")]


def number_block(field: FieldDef, context: FormContext) -> list[Block]:
    shown = display_value(field, context.value(field))
    value: Cell = shown or FillLine(VALUE.leading, suffix=field.unit)
    return [GridCell(_label(field, context), value, field.width == "half")]


def _options_cell(field: FieldDef, context: FormContext, chosen: set[Any], half: bool) -> GridCell:
    """Every option with its box; a long list across a whole row lines up in columns."""
    options = offered_options(field, context.data)
    boxes = OptionBoxes(
        [(option.label, option.code in chosen) for option in options],
        columns=not half and len(options) > ALIGN_OPTIONS,
    )
    return GridCell(_label(field, context), boxes, half)


def choice_block(field: FieldDef, context: FormContext) -> list[Block]:
    chosen = context.value(field)
    codes = {chosen} if isinstance(chosen, str | int | float) else set()
    return [_options_cell(field, context, codes, field.width == "half")]


def multi_choice_block(field: FieldDef, context: FormContext) -> list[Block]:
    chosen = context.value(field)
    codes = set(chosen) if isinstance(chosen, list) else set()
    half = field.width == "half" and len(field.options) <= MANY_OPTIONS
    return [_options_cell(field, context, codes, half)]


def yes_no_block(field: FieldDef, context: FormContext) -> list[Block]:
    value = context.value(field)
    boxes = OptionBoxes([("Sí", value is True), ("No", value is False)])
    return [GridCell(_label(field, context), boxes, field.width == "half")]


def long_text_block(field: FieldDef, context: FormContext) -> list[Block]:
    value = context.value(field)
    text = value if isinstance(value, str) else ""
    lines = LONG_TEXT_BLANK_LINES if context.blank else LONG_TEXT_EMPTY_LINES
    heading = _heading(field, context)
    body = free_text(text, blank_lines=lines)
    if not text.strip():  # heading and its lines stay together
        return [Together([*heading, *body])]
    # A text may be pages long: it starts where it is, unless on the page's last lines.
    return [CondPageBreak(KEEP_WITH_NEXT), *heading, *body]


def is_legend(field: FieldDef) -> bool:
    """A static text explaining the codes of the table above it: "(*) DXA: …"."""
    return field.kind == "static_text" and field.text.lstrip().startswith("(*")


HAND_BLANK_WIDTH = 60 * mm  # a blank in a text is long enough to write a name by hand
_CLAUSE = re.compile(r"^(•|-|\d{1,2}[.)]|[a-z][.)])\s+")


def hand_blank() -> str:
    """Dots at least HAND_BLANK_WIDTH long in the body font."""
    register_fonts()
    dot = stringWidth("…", FONT, BODY.fontSize)
    return "…" * math.ceil(HAND_BLANK_WIDTH / dot)


def static_text_block(field: FieldDef, context: FormContext) -> list[Block]:
    """A fixed text: `**bold**` as the seed has it, numbered or lettered clauses and bullets
    with a hanging indent, empty placeholders as blanks long enough to write by hand."""
    register_fonts()  # the styles name the family before any paragraph() does
    legend = is_legend(field)
    blank = BLANK_IN_TEXT if legend else hand_blank()
    blocks: list[Block] = []
    for part in re.split(r"\n\s*\n", field.text.strip()):
        if not part.strip():
            continue
        clause = _CLAUSE.match(part.strip())
        source = part.strip()[clause.end() :] if clause else part.strip("\n")
        pieces = source.split("**")  # odd pieces are bold
        text = "".join(
            f"<b>{markup(filled)}</b>" if index % 2 else markup(filled)
            for index, piece in enumerate(pieces)
            if (filled := fill_text(piece, context.data, context.definition, blank=blank))
        )
        if clause:
            blocks.append(Paragraph(text, CLAUSE, bulletText=clause.group(1)))
        else:
            blocks.append(Paragraph(text, LEGEND if legend else BODY))
    return blocks


def signatures_block(field: FieldDef, context: FormContext) -> list[Block]:
    boxes = signature_boxes(field.signers, None if context.blank else context.signed)
    return [Together([Spacer(0, 3 * mm), boxes, Spacer(0, 3 * mm)])]


def scale_item_block(field: FieldDef, context: FormContext) -> list[Block]:
    chosen = context.value(field)
    options = [
        OptionBoxes(
            [(option.label, chosen is not None and option.score == chosen)],
            captions=[str(option.score)],
            centred=True,
        )
        for option in field.options  # the definition's order, as printed in the seed
    ]
    return [ScaleRow(_label(field, context), options)]


# -- tables ----------------------------------------------------------------------------
def _short_codes(column: Column) -> bool:
    """Codes like "DXA" or "3" print in the cell, explained by a legend; others by label."""
    return all(len(o.code) <= 4 and o.code != o.label for o in column.options)


def _cell(column: Column, value: Any, blank: bool) -> Cell:
    if column.kind == "yes_no" and is_empty(value):
        boxes = OptionBoxes([("Sí", False), ("No", False)], spacing=2 * mm, font_size=LABEL_SIZE)
        return boxes if blank else ""
    if column.kind == "choice" and _short_codes(column) and not is_empty(value):
        return str(value)
    return display_value(column, value)


def _column_widths(columns: list[Column], first: float = 0.0) -> list[float]:
    """Columns with `width_mm` keep it; the others share what is left, equally."""
    fixed = sum(c.width_mm * mm for c in columns if c.width_mm)
    free = [c for c in columns if not c.width_mm]
    room = CONTENT_WIDTH - first - fixed
    share = room / len(free) if free else 0.0
    if free and share < 14 * mm or not free and room < 0:  # too tight: scale all down
        natural = [c.width_mm * mm if c.width_mm else 25 * mm for c in columns]
        factor = (CONTENT_WIDTH - first) / sum(natural)
        return [w * factor for w in natural]
    widths = [c.width_mm * mm if c.width_mm else share for c in columns]
    if not free and room > 0:  # all fixed and narrower than the page: the last one grows
        widths[-1] += room
    return widths


def _content_widths(
    columns: list[Column], rows: list[list[Cell]], compact: bool
) -> list[float] | None:
    """Widths of a free table sized to what it holds: no word of a header or a value breaks
    (a CODAPEL stays whole), and the room left goes to the columns whose text is longest.

    None when the words alone do not fit the page (the even share then wraps them).
    """
    value_size = (COMPACT_VALUE if compact else VALUE).fontSize
    floor = 2 * CELL_PADDING + 2  # a point of slack: ReportLab wraps at the exact width
    words: list[float] = []
    texts: list[float] = []
    for index, column in enumerate(columns):
        header = [stringWidth(w, FONT_BOLD, CELL_HEADER.fontSize) for w in column.label.split()]
        values = [row[index] for row in rows if isinstance(row[index], str) and row[index]]
        value_words = [stringWidth(w, FONT, value_size) for v in values for w in v.split()]
        longest = max(header + value_words + [8 * mm - floor])
        if column.kind == "date":  # a hand-written date needs "dd/mm/aaaa" whatever is filled
            longest = max(longest, stringWidth("00/00/0000", FONT, value_size))
        if column.kind == "yes_no":
            longest = max(longest, stringWidth("Sí No", FONT, LABEL_SIZE) + 2 * BOX_SIZE + 5 * mm)
        full = max([stringWidth(v, FONT, value_size) for v in values] + [longest])
        words.append(column.width_mm * mm if column.width_mm else longest + floor)
        texts.append(column.width_mm * mm if column.width_mm else full + floor)
    if sum(words) > CONTENT_WIDTH:
        return None
    room = CONTENT_WIDTH - sum(words)
    wish = [text - word for text, word in zip(texts, words, strict=True)]
    if sum(wish) <= room:  # everything fits on one line: spread the rest evenly
        extra = (room - sum(wish)) / len(columns)
        return [text + extra for text in texts]
    return [word + room * w / sum(wish) for word, w in zip(words, wish, strict=True)]


def _legends(columns: list[Column], context: FormContext) -> list[Flowable]:
    """What the codes and options of choice columns mean, unless a static text says it."""
    said = " ".join(f.text for f in context.section.fields if f.kind == "static_text")
    legends = []
    for column in columns:
        if column.kind != "choice" or all(o.label in said for o in column.options):
            continue
        if _short_codes(column):
            items = [
                o.label if re.match(rf"{re.escape(o.code)}\W", o.label) else f"{o.code}: {o.label}"
                for o in column.options
            ]
        else:
            items = [o.label for o in column.options]
        legends.append(paragraph(f"{column.label}: {' · '.join(items)}", LEGEND))
    return legends


def _row_label_width(field: FieldDef, row_header: str) -> float:
    widest = max(
        stringWidth(text, FONT_BOLD, CELL_HEADER.fontSize)
        for text in [row.label for row in field.rows] + row_header.split()
    )
    return min(max(widest + 2 * CELL_PADDING + 2, ROW_LABEL_MIN), ROW_LABEL_MAX)


def fixed_table_block(field: FieldDef, context: FormContext) -> list[Block]:
    """Rows fixed by the definition, their labels in the first column under the field's label."""
    value = context.value(field)
    rows_data = value if isinstance(value, dict) else {}
    row_header = field.row_header or field.label
    first = _row_label_width(field, row_header)
    widths = [first, *_column_widths(field.columns, first)]
    rows = []
    for row in field.rows:
        cells = rows_data.get(row.id) if isinstance(rows_data.get(row.id), dict) else {}
        rows.append([row.label, *(_cell(c, cells.get(c.id), context.blank) for c in field.columns)])
    headers = [row_header, *(c.label for c in field.columns)]
    table = data_table(
        headers,
        rows,
        widths,
        min_row_height=WRITING_ROW_HEIGHT,
        label_column=True,
        compact=len(field.columns) > MANY_COLUMNS,
    )
    lead = _heading(field, context) if field.row_header else []  # else the label heads rows
    note = condition_note(field, context)
    if note and not lead:
        lead = [paragraph(note, NOTE)]
    return [Together([*lead, table, *_legends(field.columns, context), Spacer(0, TABLE_GAP)])]


def free_table_block(field: FieldDef, context: FormContext) -> list[Block]:
    """Rows added by hand: the filled ones, or empty rows to write in on a blank form."""
    value = context.value(field)
    given = [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []
    rows: list[list[Cell]] = [
        [_cell(c, row.get(c.id), context.blank) for c in field.columns] for row in given
    ]
    if context.blank:
        empty = [_cell(c, None, True) for c in field.columns]
        rows += [list(empty) for _ in range(max(FREE_TABLE_BLANK_ROWS - len(rows), 0))]
    empty_filled = not rows
    if empty_filled:
        rows = [[NO_ROWS, *[""] * (len(field.columns) - 1)]]
    compact = len(field.columns) > MANY_COLUMNS
    widths = None if empty_filled else _content_widths(field.columns, rows, compact)
    table = data_table(
        [c.label for c in field.columns],
        rows,
        widths or _column_widths(field.columns),
        min_row_height=WRITING_ROW_HEIGHT if context.blank else None,
        compact=compact,
    )
    if empty_filled:
        table.setStyle([("SPAN", (0, 1), (-1, 1))])
    legends = _legends(field.columns, context)
    return [Together([*_heading(field, context), table, *legends, Spacer(0, TABLE_GAP)])]


BUILDERS: dict[str, Builder] = {
    "text": text_block,
    "date": date_block,
    "number": number_block,
    "choice": choice_block,
    "multi_choice": multi_choice_block,
    "yes_no": yes_no_block,
    "long_text": long_text_block,
    "fixed_table": fixed_table_block,
    "free_table": free_table_block,
    "scale_item": scale_item_block,
    "static_text": static_text_block,
    "signatures": signatures_block,
}


def intro(text: str) -> Paragraph:
    return paragraph(text, INTRO)
