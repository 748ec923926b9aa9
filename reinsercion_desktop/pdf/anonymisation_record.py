"""Registro de anonimización: what was removed from a file, when, by whom and why (GDPR
art. 17, SPEC §10). Kinds and counts only: the removed values are never printed."""

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from reinsercion_desktop.domain.anonymisation import BACKUPS_NOTE, AnonymisationRecord
from reinsercion_desktop.pdf.base import CONTENT_WIDTH, DocumentHeader, render_bytes
from reinsercion_desktop.pdf.blocks import (
    data_table,
    field_grid,
    section_title,
    signature_boxes,
    small_print,
)

TITLE = "Registro de anonimización de una ficha"
VERSION = "Anonimización v1"
WHAT_STAYS = (
    "Se conservan, sin datos que identifiquen a la persona: el sexo, el perfil de adicción, "
    "las fechas de derivaciones, estancias y altas y sus tipos (los cuentan las estadísticas "
    "del Anexo II), el año de nacimiento (la fecha pasa al 1 de julio de ese año) y el "
    "CODAPEL, que es un código seudónimo: no es anónimo para quien conozca las iniciales y "
    "la fecha de nacimiento. El registro de auditoría se conserva entero: guarda huellas "
    "cifradas de los valores, nunca los valores."
)


def record_story(record: AnonymisationRecord) -> list[Flowable]:
    removed_rows = [
        [kind, str(records), str(fields)] for kind, records, fields in record.fields_by_kind
    ]
    return [
        section_title("1. Ficha y operación"),
        field_grid(
            [
                ("Ficha", record.label),
                ("CODAPEL", record.codapel),
                ("Fecha y hora", f"{record.at:%d/%m/%Y %H:%M}"),
                ("Realizada por", f"{record.by_name} ({record.by_login})"),
            ],
            columns=4,
        ),
        field_grid([("Motivo", record.reason)], columns=2),
        Spacer(0, 3 * mm),
        section_title("2. Datos eliminados (tipos y cantidades, nunca los valores)"),
        data_table(
            ("Tipo de registro", "Registros", "Campos vaciados"),
            removed_rows or [["(ninguno)", "0", "0"]],
            (CONTENT_WIDTH - 60 * mm, 30 * mm, 30 * mm),
        ),
        Spacer(0, 2 * mm),
        field_grid(
            [
                ("Formularios revisados", str(record.forms)),
                ("Valores de formulario quitados", str(record.form_values)),
                ("Formularios firmados afectados", str(record.signed_forms)),
                ("Documentos adjuntos eliminados", str(record.attachments)),
                ("Archivos borrados de documentos/", str(record.files_removed)),
                ("Archivos que no se pudieron borrar", str(record.files_left)),
                ("PDF emitidos antes (solo su huella)", str(record.issued_pdfs)),
            ],
            columns=4,
        ),
        Spacer(0, 3 * mm),
        section_title("3. Lo que se conserva y las copias"),
        small_print(WHAT_STAYS),
        small_print(BACKUPS_NOTE),
        small_print(
            "Los PDF impresos o guardados fuera de la aplicación antes de hoy no se pueden "
            "borrar desde aquí: destrúyalos según el procedimiento del centro. Los "
            "formularios firmados ya no coinciden con su firma; la comprobación de los datos "
            "lo indica como nota, no como alteración."
        ),
        Spacer(0, 6 * mm),
        signature_boxes(("Administrador/a", "Responsable del centro")),
    ]


def render_record_bytes(record: AnonymisationRecord, centre_name: str, centre_code: str) -> bytes:
    header = DocumentHeader(
        centre_name=centre_name,
        title=TITLE,
        version=VERSION,
        centre_code=centre_code,
        record_id=record.participant_id,
    )
    return render_bytes(header, record_story(record))
