"""Where data, resources and form definitions live (nothing is created at import)."""

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reinsercion_desktop.domain.errors import UserError, describe_os_error

APP_NAME = "ReinsercionDesktop"
APP_AUTHOR = "Reinsercion"
DATA_DIR_ENV = "REINSERCION_DATA_DIR"
_PACKAGE_DIR = Path(__file__).resolve().parent


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir, else REINSERCION_DATA_DIR, else the platform's user data folder."""
    chosen = explicit or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


@dataclass(frozen=True)
class DataPaths:
    """The files of one installation inside its data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "reinsercion.sqlite"

    @property
    def backups(self) -> Path:
        return self.root / "copias"

    @property
    def attachments(self) -> Path:
        return self.root / "documentos"

    @property
    def logs(self) -> Path:
        return self.root / "registro"

    @property
    def held_bundles(self) -> Path:
        """Bundles that came before one they follow (issue 13): kept, still encrypted to
        this installation, until the missing one is imported."""
        return self.root / "intercambio" / "en-espera"

    @property
    def ui_state(self) -> Path:
        return self.root / "ventanas.ini"

    @property
    def unfinished_demo(self) -> Path:
        """Written before `reinsercion demo` makes anything, removed once it is whole."""
        return self.root / ".demo-sin-terminar"

    def ensure(self) -> None:
        try:
            for folder in (self.root, self.backups, self.attachments, self.logs):
                folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError as error:
            raise UserError(
                f"{error.filename} es un archivo, no una carpeta: no se puede usar como carpeta "
                "de datos. Elija otra con --data-dir o REINSERCION_DATA_DIR."
            ) from error
        except OSError as error:
            raise UserError(
                f"No se puede usar la carpeta de datos {self.root} ({describe_os_error(error)}). "
                "Compruebe los permisos o elija otra con --data-dir o REINSERCION_DATA_DIR."
            ) from error


def _shipped(name: str) -> Path:
    """resources/ or forms/: beside the package in a checkout, inside it when installed."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = [
        _PACKAGE_DIR / "_data" / name,
        _PACKAGE_DIR.parent / name,
    ]
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"{name}/ not found next to the package")


def resources_dir() -> Path:
    return _shipped("resources")


def forms_dir() -> Path:
    return _shipped("forms")
