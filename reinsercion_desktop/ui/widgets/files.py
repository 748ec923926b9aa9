"""Where a file the person saves goes by default, and what it is called.

A PDF is suggested in the user's Documents folder (not the program's folder), named so
it can be found again in a folder of many: «Anexo I - GAMA070385H - 2026-12-07.pdf».
The name carries the CODAPEL, never the person's name (SPEC §9: file names do not
identify anyone).
"""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths

_NOT_IN_NAMES = '<>:"/\\|?*'


def documents_dir() -> Path:
    """The user's Documents folder (the home folder where there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def safe_file_name(text: str) -> str:
    cleaned = "".join(" " if ch in _NOT_IN_NAMES or ord(ch) < 32 else ch for ch in text)
    return " ".join(cleaned.split())[:120] or "documento"


def suggested_pdf(title: str, codapel: str, day: date) -> Path:
    """«{title} - {CODAPEL} - {AAAA-MM-DD}.pdf» in the Documents folder."""
    parts = [title, codapel, day.isoformat()]
    name = " - ".join(safe_file_name(part) for part in parts if part)
    return documents_dir() / f"{name}.pdf"
