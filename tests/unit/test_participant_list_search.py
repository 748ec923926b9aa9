"""ListSearch, the fast path behind search-as-you-type, must always agree with filter_rows."""

import random
from datetime import date

import pytest

from reinsercion_desktop.domain.codapel import codapel
from reinsercion_desktop.domain.participant import search_key
from reinsercion_desktop.domain.participant_list import (
    ListFilter,
    ListSearch,
    ParticipantRow,
    filter_rows,
)

NAMES = ["José", "María", "Ángela", "Iñigo", "Óscar", "Lucía", "Manuel"]
SURNAMES = ["García", "Núñez", "Muñoz", "López", "Álvarez", "Ibáñez", "Ruiz"]


def _rows(count: int) -> list[ParticipantRow]:
    rng = random.Random(3)
    rows = []
    for number in range(count):
        first, s1, s2 = rng.choice(NAMES), rng.choice(SURNAMES), rng.choice(SURNAMES)
        sex = rng.choice("HM")
        birth = date(1960 + number % 40, 1 + number % 12, 1 + number % 28)
        id_number = f"{10000000 + number}X" if number % 3 else ""
        code = codapel(s1, s2, birth, sex)
        rows.append(
            ParticipantRow(
                str(number),
                s1,
                s2,
                first,
                code,
                id_number,
                birth,
                sex,
                rng.choice(["derivado", "en_espera", "en_estancia", "alta"]),
                rng.choice([None, "v1", "v2"]),
                "",
                number % 11 == 0,
                search_key(first, s1, s2, id_number, code),
                "",
            )
        )
    return rows


TYPED = ["garcia", "nunez lo", "maria", "1000", "NUGA", "a", "z", "ruiz  ibanez", "o"]


@pytest.mark.parametrize("indexed", [False, True])
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"status": "alta"},
        {"sex": "M", "include_archived": True},
        {"vivienda_id": "v2"},
    ],
)
def test_typing_and_deleting_gives_the_same_rows_as_a_full_filter(indexed, filters):  # type: ignore[no-untyped-def]
    rows = _rows(400)
    search = ListSearch(rows)
    if indexed:
        search.index_single_characters()
    for word in TYPED:
        typed = [word[:end] for end in range(1, len(word) + 1)]
        for text in typed + typed[::-1] + [""]:  # type it, then delete it letter by letter
            wanted = ListFilter(text=text, **filters)
            assert search.apply(wanted) == filter_rows(rows, wanted), text


def test_single_letter_index_keeps_the_list_order():  # type: ignore[no-untyped-def]
    rows = _rows(200)
    search = ListSearch(rows)
    search.index_single_characters()
    found = search.apply(ListFilter(text="Á"))  # folded to "a"
    assert found == [row for row in rows if "a" in row.search_key and not row.archived]
