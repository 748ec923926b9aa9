"""Text helpers shared by search, CODAPEL and duplicate detection."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, accent-free, single-spaced: "  José  Núñez" → "jose nunez".

    The search key of every list is built with this, so "garcia" finds "García".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def compact_id(number: str | None) -> str:
    """An ID number without spaces, dots or dashes, upper-case: "12.345.678-z" → "12345678Z"."""
    if not number:
        return ""
    return re.sub(r"[\s.\-]", "", number).upper()
