"""Typed or pasted text made safe to keep: one cleaner for every text that is stored.

What a keyboard, a copied web page or a spreadsheet can bring in and a record must not
keep: control characters (a NUL cuts the text short in other programs, an escape
sequence repaints a terminal that lists it), bidirectional overrides (U+202E shows
"fdp.exe" as "exe.pdf": the text read is not the text stored) and text made only of
invisible characters (a name that looks empty but is not, so it passes a required
field's check). The unit of work (`db/unit_of_work.py`) passes every text column of
every record through `clean_text`, so no screen nor command can forget it.
"""

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from reinsercion_desktop.domain.errors import ValidationError

# C0 and C1 controls and DEL; tab and line breaks are dealt with apart.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), and the marks.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Characters that take no room: zero-width space, (non-)joiners, word joiner, BOM.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
# A fast path: most text holds none of the above and is already NFC.
_SUSPECT = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]"
)
# Longer texts are notes and descriptions, where line breaks and tabs belong.
MULTILINE_FROM_LENGTH = 300


class TextRefused(ValidationError):
    """A text that cannot be kept; the message names the field by its Spanish label."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__({field: message})


def clean_text(value: str, *, multiline: bool) -> str:
    """The text as it will be kept: controls and bidi overrides removed, NFC.

    Single-line fields get a space for a tab or a line break; multi-line ones keep
    them (as "\\n"). Text made only of invisible characters and spaces becomes "" (a
    zero-width joiner inside a word is kept: some scripts and emoji need it).
    """
    if not _SUSPECT.search(value) and (value.isascii() or unicodedata.is_normalized("NFC", value)):
        return value
    text = _LINE_BREAKS.sub("\n", value)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    text = _BIDI.sub("", _CONTROLS.sub("", text))
    if not text.strip(_INVISIBLE + " \t\n"):
        return ""
    return unicodedata.normalize("NFC", text)


def only_invisible(value: str) -> bool:
    """Something was typed, yet nothing shows (zero-width characters, controls, overrides)."""
    return bool(value) and value.strip() != "" and clean_text(value, multiline=True) == ""


def checked_text(value: str, *, label: str, field: str, max_length: int | None) -> str:
    """`clean_text`, refusing invisible-only text and text beyond `max_length`."""
    multiline = max_length is None or max_length >= MULTILINE_FROM_LENGTH
    cleaned = clean_text(value, multiline=multiline)
    if cleaned == "" and value.strip() != "":
        raise TextRefused(
            field,
            f"«{label}» solo tiene caracteres invisibles o de control: escriba el texto o "
            "déjelo vacío.",
        )
    if max_length is not None and len(cleaned) > max_length:
        raise TextRefused(
            field,
            f"«{label}» es demasiado largo ({len(cleaned)} caracteres; el máximo es "
            f"{max_length}): acórtelo.",
        )
    return cleaned


def clean_values(value: Any) -> Any:
    """Every string inside a form's values (dicts, lists, tables) cleaned as multi-line text."""
    if isinstance(value, str):
        return clean_text(value, multiline=True)
    if isinstance(value, dict):
        return {key: clean_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_values(item) for item in value]
    return value


# The Spanish label of a stored field (table, column). The storage layer cannot know the
# services' table of labels (services/field_labels.py), so that module hands it here.
_label_of: Callable[[str, str], str] = lambda _table, field: field  # noqa: E731


def use_field_labels(label_of: Callable[[str, str], str]) -> None:
    global _label_of
    _label_of = label_of


def field_label(table: str, field: str) -> str:
    return _label_of(table, field)
