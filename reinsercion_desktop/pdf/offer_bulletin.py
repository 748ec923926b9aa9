"""Boletín de oferta mensual: the resources with upcoming dates, by category, from plain data.

The seed's "CONTENIDO DE LA OFERTA MENSUAL" (`000_…`) is sent every month to the people
in treatment: one section per category, each resource a compact block (name, provider,
dates, schedule, duration, requirements, cost, contact) that never splits across pages.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from reinsercion_desktop.pdf.base import (
    BODY,
    CONTENT_WIDTH,
    FONT_BOLD,
    LIGHT_SHADE,
    MUTED,
    SMALL,
    DocumentHeader,
    build_pdf,
    markup,
    paragraph,
    register_fonts,
)
from reinsercion_desktop.pdf.blocks import section_title

BULLETIN_VERSION = "Boletín de oferta v1"
BULLETIN_CONFIDENTIALITY = (
    "Boletín informativo para las personas usuarias y el equipo: no contiene datos "
    "personales. Confirme fechas y plazas con cada entidad antes de derivar."
)
EMPTY_SECTION = "Este mes no hay recursos con fechas en esta categoría."
GUTTER = 2.5 * mm

NAME = BODY.clone("bulletin_name", fontName=FONT_BOLD, fontSize=10, leading=12.5, spaceAfter=0)
PROVIDER = SMALL.clone("bulletin_provider", fontSize=8, leading=10, spaceAfter=0.8 * mm)
ENTRY = BODY.clone("bulletin_entry", fontSize=8.5, leading=10.8, spaceAfter=0.4 * mm)
INTRO = BODY.clone("bulletin_intro", fontSize=9, leading=12)


@dataclass(frozen=True)
class BulletinEntry:
    """One resource, already as Spanish text (the renderer formats nothing)."""

    name: str
    provider: str = ""
    enrolment: str = ""  # "14/01–24/02/2026, 10/07–07/08/2026", "Abierta todo el año"
    course: str = ""  # "Del 03/12/2026 al 31/07/2027"
    schedule: str = ""
    duration: str = ""
    requirements: str = ""
    cost: str = ""
    contact: str = ""
    description: str = ""

    def rows(self) -> list[tuple[str, str]]:
        """The labelled lines worth printing (empty ones are left out)."""
        rows = [
            ("Inscripción", self.enrolment),
            ("Curso", self.course),
            ("Descripción", self.description),
            ("Horario", self.schedule),
            ("Duración", self.duration),
            ("Requisitos", self.requirements),
            ("Coste", self.cost),
            ("Contacto", self.contact),
        ]
        return [(label, value) for label, value in rows if value.strip()]


@dataclass(frozen=True)
class BulletinSection:
    title: str  # the category's Spanish name
    entries: tuple[BulletinEntry, ...] = ()


@dataclass(frozen=True)
class OfferBulletin:
    header: DocumentHeader
    intro: str
    sections: tuple[BulletinSection, ...] = field(default_factory=tuple)
    issued: str = ""  # "Emitido el 15/01/2026"


def _line(label: str, value: str) -> Paragraph:
    """ "Label value" on one paragraph: the label muted, the value as typed (escaped)."""
    register_fonts()
    colour = "#" + MUTED.hexval()[2:]
    text = f'<font color="{colour}">{escape(label)}</font>&nbsp; {markup(value)}'
    return Paragraph(text, ENTRY)


def entry_cell(entry: BulletinEntry) -> list[Flowable]:
    """Name, provider and the labelled lines of one resource (one cell of the grid)."""
    parts: list[Flowable] = [paragraph(entry.name, NAME)]
    if entry.provider.strip():
        parts.append(paragraph(entry.provider, PROVIDER))
    parts += [_line(label, value) for label, value in entry.rows()]
    return parts


def entries_grid(entries: Sequence[BulletinEntry]) -> list[Table]:
    """Two resources a row, one table per row: a resource never splits across pages, and
    the category's title needs only the first row to stay with it."""
    cells = [entry_cell(entry) for entry in entries]
    if len(cells) % 2:
        cells.append([])
    column = (CONTENT_WIDTH - GUTTER) / 2
    rows = []
    for left, right in zip(cells[::2], cells[1::2], strict=True):
        row = Table([[left, "", right]], colWidths=[column, GUTTER, column], spaceAfter=GUTTER)
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 1.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ("BACKGROUND", (0, 0), (0, 0), LIGHT_SHADE),
        ]
        if right:
            style.append(("BACKGROUND", (2, 0), (2, 0), LIGHT_SHADE))
        row.setStyle(style)
        rows.append(row)
    return rows


def bulletin_story(bulletin: OfferBulletin) -> list[Flowable]:
    story: list[Flowable] = [paragraph(bulletin.intro, INTRO)]
    for section in bulletin.sections:
        story.append(section_title(section.title))
        if not section.entries:
            story.append(paragraph(EMPTY_SECTION, SMALL))
        else:
            story += entries_grid(section.entries)
    if bulletin.issued:
        story += [Spacer(0, 3 * mm), paragraph(bulletin.issued, SMALL)]
    return story


def render_offer_bulletin(bulletin: OfferBulletin, path: Path | str) -> str:
    """Write the bulletin as a PDF at `path`; returns its SHA-256 (hex). Raises OSError."""
    return build_pdf(path, bulletin.header, bulletin_story(bulletin))
