"""Hoja de la clave de recuperación: printed once, when the installation is set up (or
converted), for the administrator to keep in a safe place. With it, the data open when
every password is lost; without it and without a password, nobody can open them."""

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from reinsercion_desktop.pdf.base import CONTENT_WIDTH, DocumentHeader, build_pdf
from reinsercion_desktop.pdf.blocks import field_grid, section_title, signature_boxes, small_print

TITLE = "Clave de recuperación de los datos"
VERSION = "Recuperación v1"
INSTRUCTIONS = (
    "Esta clave abre los datos cifrados de la instalación cuando se han perdido todas las "
    "contraseñas. Guarde esta hoja en un lugar seguro y cerrado (la caja fuerte del centro), "
    "lejos del ordenador. No la fotografíe, no la envíe por correo y no la guarde en el "
    "ordenador. Quien tenga esta hoja y una copia de la carpeta de datos puede leer todas las "
    "fichas. Para usarla: en la ventana de inicio de sesión, «¿Ha perdido todas las "
    "contraseñas?», escriba la clave tal como aparece (los espacios son opcionales; "
    "mayúsculas o minúsculas, da igual)."
)


@dataclass(frozen=True)
class RecoverySheet:
    centre_name: str
    centre_code: str
    code: str  # groups of five letters and digits, as `security.keyfile.format_recovery`
    made_on: str  # dd/mm/aaaa


def recovery_story(sheet: RecoverySheet) -> list[Flowable]:
    groups = sheet.code.split("-")
    lines = [" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
    return [
        section_title("1. Para qué sirve"),
        small_print(INSTRUCTIONS),
        Spacer(0, 4 * mm),
        section_title("2. La clave"),
        _key_lines(lines),
        Spacer(0, 4 * mm),
        section_title("3. Custodia"),
        field_grid([("Instalación", sheet.centre_name), ("Creada el", sheet.made_on)], columns=4),
        Spacer(0, 6 * mm),
        signature_boxes(("Administrador/a", "Responsable del centro")),
    ]


def _key_lines(lines: list[str]) -> Table:
    """The key large, in a fixed-width type, one group of five under another: it is typed
    back from paper, perhaps years later, by someone under stress."""
    table = Table([[f"Línea {n}", line] for n, line in enumerate(lines, start=1)],
                  colWidths=(28 * mm, CONTENT_WIDTH - 28 * mm), rowHeights=13 * mm)  # fmt: skip
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, -1), "Helvetica", 9),
                ("TEXTCOLOR", (0, 0), (0, -1), colors.HexColor("#555555")),
                ("FONT", (1, 0), (1, -1), "Courier-Bold", 20),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, colors.HexColor("#999999")),
            ]
        )
    )
    return table


def render_recovery_sheet(sheet: RecoverySheet, path: Path | str) -> str:
    header = DocumentHeader(
        centre_name=sheet.centre_name,
        title=TITLE,
        version=VERSION,
        centre_code=sheet.centre_code,
        confidentiality="Documento secreto: guárdelo bajo llave. Quien lo tenga puede abrir los datos.",
    )
    return build_pdf(path, header, recovery_story(sheet))
