"""The identifying-fields table covers every text column; when a file is closed and due."""

from datetime import date

import pytest
from sqlalchemy import String

from reinsercion_desktop.db.models import all_tables
from reinsercion_desktop.domain.anonymisation import (
    COMMON_KEPT,
    IDENTIFYING_FIELDS,
    KEPT_FIELDS,
    NON_PERSONAL_TABLES,
    closed_on,
    form_value_removed,
    reduced_birth_date,
    review_due,
    years_between,
)

metadata = all_tables()  # every table, the later ones too


def _text_columns() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for table in metadata.sorted_tables:
        for column in table.columns:
            kind = column.type
            if isinstance(kind, String) or isinstance(getattr(kind, "impl", None), String):
                found.setdefault(table.name, set()).add(column.name)
    return found


def test_every_text_column_of_every_table_is_placed_once() -> None:
    """A column added later must be declared identifying or kept: it cannot be forgotten."""
    unplaced, twice = [], []
    for table, columns in _text_columns().items():
        if table in NON_PERSONAL_TABLES:
            continue
        for column in sorted(columns):
            places = [
                column in IDENTIFYING_FIELDS.get(table, ()),
                column in KEPT_FIELDS.get(table, ()),
                column in COMMON_KEPT,
            ]
            if sum(places) == 0:
                unplaced.append(f"{table}.{column}")
            elif sum(places) > 1:
                twice.append(f"{table}.{column}")
    assert not unplaced, f"declare these in domain/anonymisation.py: {unplaced}"
    assert not twice


def test_the_table_names_only_columns_that_exist() -> None:
    columns = _text_columns()
    for table, names in {**IDENTIFYING_FIELDS}.items():
        assert set(names) <= columns[table], table
    for table, names in KEPT_FIELDS.items():
        assert set(names) <= columns[table], table
    assert set(NON_PERSONAL_TABLES) <= set(columns)


@pytest.mark.parametrize(
    ("archived", "discharge", "still_open", "expected"),
    [
        (None, None, False, None),  # never admitted nor archived: not closed
        (None, date(2018, 3, 1), True, None),  # a new referral or stay is open
        (None, date(2018, 3, 1), False, date(2018, 3, 1)),
        (date(2019, 5, 2), date(2018, 3, 1), False, date(2019, 5, 2)),  # the later one
        (date(2017, 5, 2), date(2018, 3, 1), False, date(2018, 3, 1)),
        (date(2017, 5, 2), None, True, date(2017, 5, 2)),  # archived closes it anyway
    ],
)
def test_closed_on_is_the_later_of_archive_and_last_discharge(
    archived: date | None, discharge: date | None, still_open: bool, expected: date | None
) -> None:
    assert closed_on(archived, discharge, still_open=still_open) == expected


def test_review_is_due_after_whole_years() -> None:
    assert years_between(date(2020, 2, 29), date(2025, 2, 28)) == 4
    assert years_between(date(2020, 2, 29), date(2025, 3, 1)) == 5
    assert review_due(date(2021, 1, 15), date(2026, 1, 15), 5)
    assert not review_due(date(2021, 1, 16), date(2026, 1, 15), 5)
    assert not review_due(None, date(2026, 1, 15), 1)


def test_birth_date_is_reduced_to_the_first_of_july() -> None:
    assert reduced_birth_date(date(1985, 3, 7)) == date(1985, 7, 1)


def test_form_values_removed_are_identifying_sources_and_typed_text() -> None:
    assert form_value_removed("text", "participant.full_name")
    assert form_value_removed("long_text", "")
    assert not form_value_removed("text", "participant.codapel")
    assert not form_value_removed("date", "stay.admission_date")
    assert not form_value_removed("choice", "")
