"""The participant list: light rows and the filter behind search-as-you-type.

Filtering runs over rows kept in memory with a pre-folded search key, so a
keystroke costs a pass over plain tuples, not a query (20,000 rows in a few ms).
"""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from reinsercion_desktop.domain.text import compact_id, fold


class ParticipantRow(NamedTuple):
    """One line of the list (a tuple: 20,000 of them are built at every start-up)."""

    id: str
    surname1: str
    surname2: str
    first_name: str
    codapel: str
    id_number: str
    birth_date: date
    sex: str
    status: str
    vivienda_id: str | None
    vivienda_name: str
    archived: bool
    search_key: str
    case_manager: str

    @property
    def full_name(self) -> str:
        return f"{self.surname1} {self.surname2}, {self.first_name}".replace(" ,", ",")


@dataclass(frozen=True)
class ListFilter:
    """What the list shows: search words and the three filters (None = all)."""

    text: str = ""
    status: str | None = None
    sex: str | None = None
    vivienda_id: str | None = None
    include_archived: bool = False


def _search_words(text: str) -> list[str]:
    # An ID number typed with dots or dashes still matches its compact form.
    words = [fold(word) for word in text.split()]
    return [compact_id(word).lower() if any(c.isdigit() for c in word) else word for word in words]


def filter_rows(rows: list[ParticipantRow], wanted: ListFilter) -> list[ParticipantRow]:
    """Rows matching every word of the search (any order) and every filter, in their order."""
    return _other_filters(_matching(rows, _search_words(wanted.text)), wanted)


def _matching(rows: list[ParticipantRow], words: list[str]) -> list[ParticipantRow]:
    if len(words) == 1:
        word = words[0]
        return [row for row in rows if word in row.search_key]
    if words:
        return [row for row in rows if all(word in row.search_key for word in words)]
    return list(rows)


def _other_filters(found: list[ParticipantRow], wanted: ListFilter) -> list[ParticipantRow]:
    # They run on what the words left, usually far fewer rows than the whole list.
    if not wanted.include_archived:
        found = [row for row in found if not row.archived]
    if wanted.status:
        found = [row for row in found if row.status == wanted.status]
    if wanted.sex:
        found = [row for row in found if row.sex == wanted.sex]
    if wanted.vivienda_id:
        found = [row for row in found if row.vivienda_id == wanted.vivienda_id]
    return found


class ListSearch:
    """Search-as-you-type over fixed rows, fast on the keystrokes that cost most.

    - Typing on narrows the previous result: any row matching "garcia lo" also
      matches "garcia l", so only the last result needs scanning.
    - The first letter matches most of the list; `index_single_characters` (run when
      the window is idle) lists, per character, the rows that contain it.
    """

    def __init__(self, rows: list[ParticipantRow]):
        self.rows = rows
        self._last: tuple[ListFilter, list[ParticipantRow]] | None = None
        self._by_character: dict[str, list[ParticipantRow]] | None = None

    def index_single_characters(self) -> None:
        by_character: dict[str, list[ParticipantRow]] = {}
        for row in self.rows:
            for character in set(row.search_key):
                by_character.setdefault(character, []).append(row)
        self._by_character = by_character

    def apply(self, wanted: ListFilter) -> list[ParticipantRow]:
        words = _search_words(wanted.text)
        if self._by_character is not None and len(words) == 1 and len(words[0]) == 1:
            found = _other_filters(self._by_character.get(words[0], []), wanted)
        elif self._narrows(wanted):
            # The previous result already passed the same filters: only the words remain.
            assert self._last is not None
            found = _matching(self._last[1], words)
        else:
            found = _other_filters(_matching(self.rows, words), wanted)
        self._last = (wanted, found)
        return found

    def _narrows(self, wanted: ListFilter) -> bool:
        if self._last is None:
            return False
        previous = self._last[0]
        same_filters = (
            previous.status,
            previous.sex,
            previous.vivienda_id,
            previous.include_archived,
        ) == (wanted.status, wanted.sex, wanted.vivienda_id, wanted.include_archived)
        return same_filters and wanted.text.startswith(previous.text)


def status_counts(rows: list[ParticipantRow]) -> dict[str, int]:
    """Open files per status (archived ones apart), for the welcome page."""
    counts: dict[str, int] = {}
    for row in rows:
        key = "archived" if row.archived else row.status
        counts[key] = counts.get(key, 0) + 1
    return counts
