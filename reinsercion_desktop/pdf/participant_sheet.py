"""Ficha del participante: the participant's file on paper, from plain data."""

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from reinsercion_desktop.pdf.base import DocumentHeader, build_pdf
from reinsercion_desktop.pdf.blocks import (
    field_grid,
    section_title,
    signature_boxes,
    small_print,
    text_section,
)

PARTICIPANT_SHEET_TITLE = "Ficha del participante"
PARTICIPANT_SHEET_VERSION = "Ficha v1"
NOTES_TITLE = "Observaciones"
SIGNATURE_ROLES = ("Técnico/a responsable", "Responsable de la VAR")

Field = tuple[str, str]  # (label, value already formatted in Spanish)


@dataclass(frozen=True)
class ParticipantSheet:
    """Everything the sheet prints, already as text: the renderer formats nothing."""

    header: DocumentHeader
    sections: list[tuple[str, list[Field]]]  # Identificación, Domicilio y contacto, …
    notes: str = ""
    printed_by: str = ""
    printed_at: str = ""
    signature_roles: tuple[str, ...] = field(default=SIGNATURE_ROLES)


def participant_sheet_story(sheet: ParticipantSheet) -> list[Flowable]:
    """The flowables of the sheet: numbered sections, the notes, who issued it, signatures."""
    story: list[Flowable] = []
    for number, (title, fields) in enumerate(sheet.sections, start=1):
        story += [section_title(f"{number}. {title}"), field_grid(fields, columns=4)]
    story += text_section(f"{len(sheet.sections) + 1}. {NOTES_TITLE}", sheet.notes)
    issued = " ".join(
        part
        for part in (
            f"Emitido el {sheet.printed_at}" if sheet.printed_at else "Emitido",
            f"por {sheet.printed_by}" if sheet.printed_by else "",
        )
        if part
    )
    # Signatures never start a page on their own: they stay with the line above them.
    story.append(
        KeepTogether(
            [
                Spacer(0, 4 * mm),
                small_print(f"{issued}."),
                Spacer(0, 2 * mm),
                signature_boxes(sheet.signature_roles),
            ]
        )
    )
    return story


def render_participant_sheet(sheet: ParticipantSheet, path: Path | str) -> str:
    """Write the sheet as a PDF at `path`; returns its SHA-256 (hex). Raises OSError."""
    return build_pdf(path, sheet.header, participant_sheet_story(sheet))
