"""Spanish identity numbers: DNI and NIE have a check letter worth verifying."""

import re

from reinsercion_desktop.domain.enums import IdKind
from reinsercion_desktop.domain.text import compact_id

_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_DNI = re.compile(r"^(\d{8})([A-Z])$")
_NIE = re.compile(r"^([XYZ])(\d{7})([A-Z])$")
_CURP = re.compile(r"^[A-Z]{4}\d{6}[HM][A-Z]{5}[A-Z0-9]\d$")


def id_number_problem(kind: IdKind | None, number: str | None) -> str | None:
    """A Spanish message if the number cannot be of that kind, else None."""
    value = compact_id(number)
    if not value or kind in (None, IdKind.PASSPORT, IdKind.OTHER):
        return None
    if kind is IdKind.DNI:
        match = _DNI.match(value)
        if not match:
            return "El DNI tiene 8 cifras y una letra (por ejemplo 12345678Z)."
        if _LETTERS[int(match.group(1)) % 23] != match.group(2):
            return "La letra del DNI no corresponde a sus cifras: revise el número."
    elif kind is IdKind.NIE:
        match = _NIE.match(value)
        if not match:
            return "El NIE es X, Y o Z, 7 cifras y una letra (por ejemplo X1234567L)."
        digits = str("XYZ".index(match.group(1))) + match.group(2)
        if _LETTERS[int(digits) % 23] != match.group(3):
            return "La letra del NIE no corresponde a sus cifras: revise el número."
    elif kind is IdKind.CURP and not _CURP.match(value):
        return "La CURP tiene 18 caracteres (4 letras, 6 cifras, H/M, 5 letras y 2 más)."
    return None


def dni_letter(digits: int) -> str:
    return _LETTERS[digits % 23]
