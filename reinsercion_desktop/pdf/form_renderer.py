"""Any form of `forms/` on paper, generated from its definition (SPEC §5).

`render_form(definition, data, header, path)` prints a filled form; `blank=True` prints
it to fill by hand (every option with its box, ruled lines, empty table rows, the
conditions under which a field applies). Every page carries the centre's header, "Página
n de m", the confidentiality line and a footer stamp: definition id and version, the
record, a short content hash and a QR code holding them, so a paper copy finds its
record and a record changed since shows it. Drafts print a "BORRADOR" watermark.

The renderer takes the definition and plain values (the dict a form instance holds) and
never the ORM; the block builders, one per field kind, are in `form_blocks`.
"""

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from reinsercion_desktop.forms.content import content_hash, qr_payload
from reinsercion_desktop.forms.engine import fill_text, is_visible
from reinsercion_desktop.forms.schema import FieldDef, FormDefinition, Section
from reinsercion_desktop.pdf.base import (
    BODY,
    CONTENT_WIDTH,
    DEFAULT_CONFIDENTIALITY,
    FONT,
    LIGHT_SHADE,
    RULE,
    VALUE,
    DocumentHeader,
    build_pdf,
    paragraph,
    render_bytes,
)
from reinsercion_desktop.pdf.blocks import Cell, SignatureBoxes, field_rows, section_title
from reinsercion_desktop.pdf.form_blocks import (
    BUILDERS,
    CLOSING,
    NOTE,
    SCALE_OPTION_WIDTH,
    Block,
    FormContext,
    GridCell,
    ScaleRow,
    Together,
    condition_text,
    intro,
    is_legend,
)

__all__ = ["FormStamp", "form_header", "form_pdf_bytes", "form_story", "render_form"]

BLANK_FORM_LABEL = "Formulario en blanco"


@dataclass(frozen=True)
class FormStamp:
    """What ties a printed form to its record: drawn in every page's footer and in a QR code.

    `content_hash` is the fingerprint of the values (forms.content.content_hash); the footer
    shows 8 of its characters and the QR code 16, so a paper copy finds its record and a
    record changed after printing or signing shows it. A blank form has no hash.
    """

    record_id: str
    form_id: str
    version: int
    status_label: str = ""  # "Borrador", "Definitivo", "Firmado"
    content_hash: str = ""
    blank: bool = False
    draft: bool | None = None  # None: a draft when the status says "Borrador"

    @property
    def is_draft(self) -> bool:
        if self.draft is not None:
            return self.draft
        return not self.blank and self.status_label.strip().casefold() == "borrador"

    @property
    def short_hash(self) -> str:
        return "" if self.blank else self.content_hash[:8]

    @property
    def qr_payload(self) -> str:
        """ "RD1|<record_id>|<form_id>|<version>|<hash16>" (the hash is empty on a blank)."""
        digest = "" if self.blank else self.content_hash
        return qr_payload(self.record_id, self.form_id, self.version, digest)

    @property
    def footer_text(self) -> str:
        """ "anexo-i v1 · Ref. 1a2b3c4d · Hash 9f8e7d6c · Firmado" """
        parts = [f"{self.form_id} v{self.version}"]
        if self.record_id:
            parts.append(f"Ref. {self.record_id[:8]}")
        if self.blank:
            parts.append(BLANK_FORM_LABEL)
        else:
            if self.short_hash:
                parts.append(f"Hash {self.short_hash}")
            if self.status_label:
                parts.append(self.status_label)
        return " · ".join(parts)


# Blocks that end a run of short content: signature boxes keep only what follows them.
_LONG_KINDS = frozenset({"long_text", "fixed_table", "free_table", "scale_item"})
SECTION_ROOM = 40 * mm  # a section starts on a new page when less than this is left
SPLIT_ROWS = 4  # a table of more rows than this may split right under its section's band
TABLE_START = 30 * mm
HELD_TAIL = (
    70 * mm
)  # at most this much of a page goes along with lone signature boxes  # a splitting table starts only where its header and a few rows fit


# -- merging cells into grids and tables -----------------------------------------------
def grid_table(cells: list[GridCell]) -> Table:
    """Consecutive cells on one grid: two "half" cells share a row, a "full" one has its own."""
    rows: list[list[tuple[Cell, Cell]]] = []
    pending: list[tuple[Cell, Cell]] = []
    for cell in cells:
        pair = (cell.label, cell.value)
        if cell.half:
            pending.append(pair)
            if len(pending) == 2:
                rows.append(pending)
                pending = []
            continue
        if pending:
            rows.append(pending)
            pending = []
        rows.append([pair])
    if pending:
        rows.append(pending)
    return field_rows(rows)


def scale_table(items: list[ScaleRow]) -> Table:
    """One row an item: the question, then its three options each over its score."""
    question_width = CONTENT_WIDTH - 3 * SCALE_OPTION_WIDTH
    cells = [
        [paragraph(i.question, VALUE) if isinstance(i.question, str) else i.question, *i.options]
        for i in items
    ]
    table = Table(cells, colWidths=[question_width] + [SCALE_OPTION_WIDTH] * 3, spaceAfter=1.5 * mm)
    table.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (0, -1), LIGHT_SHADE),
            ("TOPPADDING", (0, 0), (-1, -1), 1.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
            ("LEFTPADDING", (0, 0), (0, -1), 2 * mm),
            ("RIGHTPADDING", (0, 0), (0, -1), 2 * mm),
            ("LEFTPADDING", (1, 0), (-1, -1), 1 * mm),
            ("RIGHTPADDING", (1, 0), (-1, -1), 1 * mm),
        ]
    )
    return table


def assemble(blocks: list[Block]) -> list[Flowable | Together]:
    """Flowables in order, with runs of grid cells and of scale rows merged into tables."""
    out: list[Flowable | Together] = []
    run: list[Any] = []

    def flush() -> None:
        if run:
            out.append(grid_table(run) if isinstance(run[0], GridCell) else scale_table(run))
            run.clear()

    for block in blocks:  # Together passes through, for the section to finish
        if isinstance(block, GridCell | ScaleRow):
            if run and type(run[0]) is not type(block):
                flush()
            run.append(block)
        else:
            flush()
            out.append(block)
    flush()
    return out


def field_blocks(field: FieldDef, context: FormContext) -> list[Block]:
    """A field's blocks; a hidden field prints only on a blank form (with its condition)."""
    if not field.on_paper:  # its value prints inside a text (the consent's paragraph)
        return []
    if not context.blank and not is_visible(context.definition, field, context.data):
        return []
    return BUILDERS[field.kind](field, context)


def section_story(section: Section, context: FormContext) -> list[Flowable]:
    """The section's band, its intro, then its fields.

    What must share a page does: a heading with its ruled lines, a table with its legend,
    signature boxes with the short lines above them, and the band with what follows it.
    """
    items: list[Flowable | Together] = []
    pending: list[Block] = []  # grid cells and scale rows wait to be merged
    pending_long = False
    short_start = 0  # where the run of short content before a signature began

    def flush() -> None:
        nonlocal pending, pending_long, short_start
        items.extend(assemble(pending))
        if pending_long:
            short_start = len(items)
        pending, pending_long = [], False

    for field in section.fields:
        blocks = field_blocks(field, context)
        if not blocks:
            continue
        if is_legend(field) and not pending and items and isinstance(items[-1], Together):
            group = items[-1].flowables  # the legend stays under its table, before its gap
            at = len(group) - 1 if isinstance(group[-1], Spacer) else len(group)
            group[at:at] = [f for b in assemble(blocks) for f in _flowables(b)]
            continue
        if field.kind != "signatures":
            pending += blocks
            pending_long = pending_long or field.kind in _LONG_KINDS
            if field.kind in _LONG_KINDS - {"scale_item"}:  # scale rows merge with the next
                flush()
            continue
        flush()
        boxes = [f for block in blocks for f in _flowables(block)]
        group = [f for item in items[short_start:] for f in _flowables(item)] + boxes
        del items[short_start:]
        items.append(Together(group))
        short_start = len(items)
    flush()
    band = section_title(section.title)
    if items and isinstance(items[0], Table) and len(items[0]._cellvalues) > SPLIT_ROWS:
        band.keepWithNext = False  # a long table may start here and go on overleaf
    head: list[Flowable] = [band]
    if section.intro:
        head.append(intro(section.intro))
    if context.blank and section.visible_when is not None:
        head.append(paragraph(condition_text(context.definition, section.visible_when), NOTE))
    if items and isinstance(items[0], Together):  # the band never ends a page alone
        items[0] = Together(head + items[0].flowables)
    else:
        items[:0] = head
    story: list[Flowable] = [CondPageBreak(SECTION_ROOM)]
    for item in items:
        if not isinstance(item, Together):
            story.append(item)
        elif _holds_long_table(item):  # it may go on overleaf rather than leave a gap here
            story += _splittable(item.flowables)
        else:
            story.append(KeepTogether(item.flowables))
    return story


def _holds_long_table(group: Together) -> bool:
    return any(isinstance(f, Table) and len(f._cellvalues) > SPLIT_ROWS for f in group.flowables)


def _splittable(flowables: list[Flowable]) -> list[Flowable]:
    """A group holding a long table, laid out so the table may split under its heading.

    Kept whole, a table of twelve rows jumped to the next page and left half a page
    empty (Anexo I's toxicological history on the blank form). What comes before the
    table stays with it and the table only starts where its header and a few rows fit;
    its header row repeats overleaf.
    """
    at = next(i for i, f in enumerate(flowables) if isinstance(f, Table) and f.repeatRows)
    lead, table, rest = flowables[:at], flowables[at], flowables[at + 1 :]
    for flowable in lead:  # ReportLab would keep them with the whole table, and move it
        flowable.keepWithNext = False
    room = sum(_height(f) for f in lead) + TABLE_START
    return [CondPageBreak(room), *lead, table, *rest]


def _with_signatures_held(story: list[Flowable], section: list[Flowable]) -> list[Flowable]:
    """Append a section; one that is only its signature boxes (and a line or two) brings
    the end of what precedes it along, so the boxes never stand alone on the last page.

    What comes along is the previous section's last block when it is short (a text, a
    few ruled lines), else the last rows of its table.
    """
    body = [f for f in section if not isinstance(f, CondPageBreak)]
    if not (story and len(body) == 1 and isinstance(body[0], KeepTogether)):
        return story + section
    if not any(isinstance(f, SignatureBoxes) for f in body[0]._content):
        return story + section
    kept = list(story)
    tail: list[Flowable] = []
    while kept and isinstance(kept[-1], Spacer | CondPageBreak):  # a gap goes along
        tail.insert(0, kept.pop())
    if not kept:
        return story + section
    last = kept.pop()
    height = _height(last)
    if height <= HELD_TAIL and isinstance(last, KeepTogether | Paragraph | Table):
        tail.insert(0, last)
        while kept and isinstance(kept[-1], Paragraph) and isinstance(last, Table):
            tail.insert(0, kept.pop())  # the table's heading and help go with it
    elif isinstance(last, Table) and (parts := _last_rows(last, height)):
        kept.append(parts[0])
        tail.insert(0, parts[1])
    else:
        return story + section
    return [*kept, KeepTogether([*tail, *body[0]._content])]


def _height(flowable: Flowable) -> float:
    """Height on the page, measured before layout (a KeepTogether needs a canvas to wrap)."""
    parts = flowable._content if isinstance(flowable, KeepTogether) else [flowable]
    return sum(f.wrap(CONTENT_WIDTH, 10_000)[1] + f.getSpaceAfter() for f in parts)


def _last_rows(table: Table, height: float) -> list[Flowable] | None:
    """The table split so that about HELD_TAIL of its end comes apart (header repeated)."""
    parts = table.split(CONTENT_WIDTH, max(height - HELD_TAIL / 2, 1))
    return parts if len(parts) == 2 else None


def _flowables(item: Block) -> list[Flowable]:
    return item.flowables if isinstance(item, Together) else [item]  # type: ignore[list-item]


def form_story(
    definition: FormDefinition,
    data: dict[str, Any] | None,
    *,
    blank: bool = False,
    signed: tuple[str, str] | None = None,
) -> list[Flowable]:
    """The flowables of a form: its sections in order, then its closing text.

    `signed` (name, date as printed) goes inside the signature box of whoever signed the
    record in the program."""
    context_data = dict(data or {})
    story: list[Flowable] = []
    for section in definition.sections:
        condition = section.visible_when
        if not blank and condition and not condition.holds(context_data.get(condition.field)):
            continue  # an annex that does not apply (Anexo I's PTM annex without PTM)
        if not any(field.on_paper for field in section.fields):
            continue
        context = FormContext(definition, context_data, blank, section, signed)
        story = _with_signatures_held(story, section_story(section, context))
    if definition.closing_text:
        closing = fill_text(definition.closing_text, context_data, definition)
        style = CLOSING if len(closing) < 200 else BODY
        story.append(Spacer(0, 4 * mm))
        story += [paragraph(part.strip(), style) for part in closing.split("\n\n") if part.strip()]
    return story


BLANK_CONFIDENTIALITY = (
    "Una vez rellenado, este documento es confidencial: no lo deje a la vista ni lo envíe "
    "sin cifrar."
)
ANONYMOUS_CONFIDENTIALITY = (
    "Cuestionario anónimo: sus respuestas son confidenciales y solo las conocerá el personal "
    "de evaluación."
)


def confidentiality_line(definition: FormDefinition, *, blank: bool = False) -> str:
    """The footer's notice, as the document is: a filled personal form holds health and
    justice data; an anonymous questionnaire does not; a blank holds nothing yet."""
    if definition.confidentiality == "anonymous":
        return ANONYMOUS_CONFIDENTIALITY
    return BLANK_CONFIDENTIALITY if blank else DEFAULT_CONFIDENTIALITY


def form_header(
    definition: FormDefinition,
    data: dict[str, Any] | None,
    header: DocumentHeader,
    *,
    blank: bool = False,
    stamp: FormStamp | None = None,
) -> DocumentHeader:
    """The header with the form's stamp: the one given, or one made from the values.

    A blank form's stamp has no hash ("Formulario en blanco"). Raises ValueError when the
    stamp names another form or version than the definition printed.
    """
    if stamp is None:
        digest = "" if blank else content_hash(definition.id, definition.version, dict(data or {}))
        stamp = FormStamp(header.record_id, definition.id, definition.version, content_hash=digest)
    if (stamp.form_id, stamp.version) != (definition.id, definition.version):
        raise ValueError(
            f"stamp of {stamp.form_id} v{stamp.version} on {definition.id} v{definition.version}"
        )
    if blank:
        stamp = replace(stamp, blank=True, content_hash="", status_label="")
    return replace(
        header,
        confidentiality=confidentiality_line(definition, blank=blank),
        title=header.title or definition.title,
        version=header.version or f"{definition.id} v{definition.version}",
        record_id=header.record_id or stamp.record_id,
        stamp=stamp,
    )


def form_pdf_bytes(
    definition: FormDefinition,
    data: dict[str, Any] | None,
    header: DocumentHeader,
    *,
    blank: bool = False,
    stamp: FormStamp | None = None,
    signed: tuple[str, str] | None = None,
) -> bytes:
    """The PDF in memory (previews, tests)."""
    full_header = form_header(definition, data, header, blank=blank, stamp=stamp)
    return render_bytes(full_header, form_story(definition, data, blank=blank, signed=signed))


def render_form(
    definition: FormDefinition,
    data: dict[str, Any] | None,
    header: DocumentHeader,
    path: Path | str,
    *,
    blank: bool = False,
    stamp: FormStamp | None = None,
    signed: tuple[str, str] | None = None,
) -> str:
    """Write the form as a PDF at `path`; returns the SHA-256 (hex) of the file.

    Raises OSError when the file cannot be written (the caller words it).
    """
    full_header = form_header(definition, data, header, blank=blank, stamp=stamp)
    return build_pdf(path, full_header, form_story(definition, data, blank=blank, signed=signed))
