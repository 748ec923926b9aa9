"""The access export on paper: «Información de la persona — derecho de acceso (RGPD art. 15)».

Takes the plain report (services/subject_access_views.py) and formats nothing: the
person's fields, one numbered section per kind of record (each record a small grid of
its filled fields; long texts as paragraphs that flow across pages), then who saw and
changed the file (a SubjectAccessReport; pdf/ never imports services). A4, the centre in the header, «Página X de Y» in the footer.
"""

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from reinsercion_desktop.pdf.base import (
    BODY,
    CELL_HEADER,
    CONTENT_WIDTH,
    LABEL,
    DocumentHeader,
    paragraph,
    render_bytes,
)
from reinsercion_desktop.pdf.blocks import data_table, field_grid, section_title, small_print

TITLE = "Información de la persona — derecho de acceso (RGPD art. 15)"
VERSION = "Acceso v1"
LONG_TEXT = 300  # longer values print as paragraphs, never inside a grid row


def _fields(fields: Any) -> list[Flowable]:
    filled = [f for f in fields if f.text.strip()]
    short = [(f.label, f.text) for f in filled if len(f.text) <= LONG_TEXT]
    story: list[Flowable] = [field_grid(short, columns=2)] if short else []
    for f in filled:
        if len(f.text) > LONG_TEXT:
            story += [paragraph(f.label, LABEL), paragraph(f.text, BODY)]
    return story


def _record(record: Any) -> list[Flowable]:
    head = paragraph(record.title, CELL_HEADER)
    body = _fields(record.fields)
    if not body:
        return [head, Spacer(0, 1 * mm)]
    return [KeepTogether([Spacer(0, 1.5 * mm), head, Spacer(0, 0.8 * mm), body[0]]), *body[1:]]


def subject_access_story(report: Any) -> list[Flowable]:
    issued = (
        f"{report.issued_by} ({report.issued_by_role})"
        if report.issued_by_role
        else report.issued_by
    )
    story: list[Flowable] = [
        paragraph(
            f"Datos que {report.centre_name or 'el centro'} conserva de {report.full_name} "
            f"(CODAPEL {report.codapel}), a su petición. Emitido el "
            f"{report.issued_at.astimezone().strftime('%d/%m/%Y %H:%M')} por {issued}.",
            BODY,
        ),
        section_title("1. Datos de la ficha"),
        *_fields(report.person),
    ]
    number = 1
    for section in report.sections:
        number += 1
        story.append(section_title(f"{number}. {section.title} ({len(section.records)})"))
        if not section.records:
            story.append(small_print("Sin registros."))
        for record in section.records:
            story += _record(record)
    number += 1
    story.append(section_title(f"{number}. Quién vio o cambió la ficha ({len(report.audit)})"))
    if report.audit:
        rows = [
            [
                row.at.astimezone().strftime("%d/%m/%Y %H:%M"),
                f"{row.who}\n{row.role}".strip(),
                row.what,
            ]
            for row in report.audit
        ]
        widths = [28 * mm, 45 * mm, CONTENT_WIDTH - 73 * mm]
        story.append(data_table(["Fecha y hora", "Quién", "Qué"], rows, widths, compact=True))
    else:
        story.append(small_print("Sin registros."))
    story += [
        Spacer(0, 4 * mm),
        small_print(
            "El registro de auditoría dice quién vio o cambió la ficha y qué campos, nunca "
            "sus valores. Los documentos adjuntos se entregan aparte cuando se solicitan."
        ),
    ]
    return story


def render_subject_access(report: Any) -> bytes:
    """The PDF as bytes (laid out in memory; the caller writes it)."""
    header = DocumentHeader(
        centre_name=report.centre_name,
        centre_code=report.centre_code,
        entity=report.centre_entity,
        address_line=report.centre_address,
        title=TITLE,
        subtitle=f"{report.full_name} · CODAPEL {report.codapel}",
        version=VERSION,
        record_id=report.participant_id,
    )
    return render_bytes(header, subject_access_story(report))
