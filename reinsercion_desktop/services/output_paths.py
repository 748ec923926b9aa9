"""Where a file the user chose is written: checked first, written whole or not at all.

Every writer of a user-chosen file (`pdf --out`, `report --out`, `init --recovery-sheet`,
the window's «Guardar PDF») asks `checked_output` before it makes anything: a device
(`--out /dev/full` once replaced the device file), a symbolic link (it would write
somewhere else than what was typed), an existing folder, a missing folder or a path
inside the data folder (the database, the key file, the copies and the documents are
the application's own) are refused with one Spanish line. The writing itself goes to a
temporary name beside the target, renamed at the end (`pdf/base.write_atomically`), so
a full disk leaves no half PDF.
"""

import os
import stat
from pathlib import Path

from reinsercion_desktop.domain.errors import UserError, describe_os_error


def checked_output(
    path: Path | str, *, data_root: Path | None = None, what: str = "el PDF"
) -> Path:
    """The path to write `what` at, or a UserError saying what is wrong and what to do."""
    if not str(path).strip():
        raise UserError(f"Falta el nombre del archivo donde guardar {what}: escríbalo.")
    target = Path(path).expanduser()
    refuse = f"No se pudo guardar {what} en {target}"
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise UserError(f"{refuse}: {describe_os_error(error)}. Elija otra carpeta.") from None
    if mode is not None:
        if stat.S_ISLNK(mode):
            raise UserError(
                f"{refuse}: es un enlace simbólico y no se escribe a través de enlaces. "
                "Elija el archivo de destino directamente."
            )
        if stat.S_ISDIR(mode):
            raise UserError(
                f"{refuse}: es una carpeta. Añada el nombre del archivo, por ejemplo "
                f"{target / 'documento.pdf'}."
            )
        if not stat.S_ISREG(mode):
            raise UserError(
                f"{refuse}: es un dispositivo o un archivo especial, no un archivo normal. "
                "Elija un archivo en una carpeta."
            )
    parent = target.parent
    if not parent.exists():
        raise UserError(f"{refuse}: la carpeta no existe ({parent}). Elija otra carpeta.")
    if not parent.is_dir():
        raise UserError(f"{refuse}: {parent} no es una carpeta. Elija otra carpeta.")
    if data_root is not None and _inside(target, data_root):
        raise UserError(
            f"{refuse}: está dentro de la carpeta de datos de la aplicación (base de datos, "
            f"copias, documentos). Elija otra carpeta (o {EXPORTS_FOLDER}/ dentro de ella)."
        )
    return target


def write_output(
    path: Path | str, data: bytes, *, data_root: Path | None = None, what: str = "el PDF"
) -> Path:
    """`checked_output`, then the bytes written under a temporary name and renamed."""
    from reinsercion_desktop.pdf.base import write_atomically

    target = checked_output(path, data_root=data_root, what=what)
    try:
        write_atomically(target, data)
    except OSError as error:
        raise UserError(
            f"No se pudo guardar {what} en {target.parent}: {describe_os_error(error)}. "
            "Elija otra carpeta."
        ) from error
    return target


# The one place inside the data folder meant for files the user takes away (the window
# writes the monthly bulletin there, ui/resources/catalogue_dialog.py: no personal data).
EXPORTS_FOLDER = "exportaciones"


def _inside(target: Path, root: Path) -> bool:
    """Inside the data folder's own parts (database, key file, copias/, documentos/…)."""
    try:
        resolved_root = root.resolve()
        resolved = target.parent.resolve() / target.name
    except OSError:
        return False
    if not resolved.is_relative_to(resolved_root):
        return False
    parts = resolved.relative_to(resolved_root).parts
    return not (len(parts) > 1 and parts[0] == EXPORTS_FOLDER)
