"""Text folding, ID compaction and Spanish date input."""

from datetime import date, datetime

import pytest

from reinsercion_desktop.domain.dates import (
    DateInputError,
    age_on,
    format_date_es,
    parse_date_es,
)
from reinsercion_desktop.domain.text import compact_id, fold


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("García", "garcia"),
        ("Núñez", "nunez"),
        ("  José   María\tPeña  ", "jose maria pena"),
        ("ÁLVAREZ", "alvarez"),
        ("Müller", "muller"),
        ("Çelik", "celik"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_lowers_strips_accents_and_collapses_spaces(raw, folded):
    assert fold(raw) == folded


def test_fold_makes_accented_and_plain_text_meet():
    assert fold("Ibáñez") == fold("IBANEZ") == "ibanez"


@pytest.mark.parametrize(
    ("raw", "compact"),
    [
        ("12.345.678-z", "12345678Z"),
        (" 12 345 678 Z ", "12345678Z"),
        ("x-1234567-l", "X1234567L"),
        ("", ""),
        (None, ""),
    ],
)
def test_compact_id_removes_separators_and_upper_cases(raw, compact):
    assert compact_id(raw) == compact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07/03/1985", date(1985, 3, 7)),
        ("7/3/1985", date(1985, 3, 7)),
        ("7-3-1985", date(1985, 3, 7)),
        ("7.3.1985", date(1985, 3, 7)),
        ("7/3/85", date(1985, 3, 7)),
        ("01/01/05", date(2005, 1, 1)),
        ("01/01/29", date(2029, 1, 1)),
        ("01/01/30", date(1930, 1, 1)),
        ("1985-03-07", date(1985, 3, 7)),
        ("  29/02/2024 ", date(2024, 2, 29)),
    ],
)
def test_parse_date_es_reads_spanish_and_iso_dates(text, expected):
    assert parse_date_es(text) == expected


def test_parse_date_es_impossible_day_says_it_does_not_exist():
    with pytest.raises(DateInputError) as caught:
        parse_date_es("31/02/1990")
    message = str(caught.value)
    assert "no existe" in message
    assert "31/02/1990" in message


def test_parse_date_es_29_february_of_a_common_year_does_not_exist():
    with pytest.raises(DateInputError, match="no existe"):
        parse_date_es("29/02/2023")


def test_parse_date_es_month_13_is_refused_naming_the_month():
    with pytest.raises(DateInputError) as caught:
        parse_date_es("01/13/1990")
    assert "mes 13" in str(caught.value)
    assert "no existe" in str(caught.value)


@pytest.mark.parametrize(
    "garbage", ["ayer", "", "   ", "12/1990", "1/2/3/4", "7/3/198", "abc/de/fghi"]
)
def test_parse_date_es_garbage_is_refused_with_spanish_hint(garbage):
    with pytest.raises(DateInputError) as caught:
        parse_date_es(garbage)
    assert "dd/mm/aaaa" in str(caught.value)


def test_date_input_error_is_a_value_error():
    assert issubclass(DateInputError, ValueError)


def test_format_date_es():
    assert format_date_es(date(1985, 3, 7)) == "07/03/1985"
    assert format_date_es(datetime(2026, 1, 15, 9, 0)) == "15/01/2026"
    assert format_date_es(None) == ""


@pytest.mark.parametrize(
    ("birth", "on", "years"),
    [
        (date(1985, 3, 7), date(2026, 3, 6), 40),
        (date(1985, 3, 7), date(2026, 3, 7), 41),
        (date(1985, 3, 7), date(2026, 3, 8), 41),
        (date(1985, 12, 31), date(2026, 1, 1), 40),
        (date(2000, 2, 29), date(2001, 2, 28), 0),
        (date(2000, 2, 29), date(2001, 3, 1), 1),
        (date(2000, 2, 29), date(2004, 2, 29), 4),
        (date(2026, 1, 15), date(2026, 1, 15), 0),
    ],
)
def test_age_on_counts_completed_years(birth, on, years):
    assert age_on(birth, on) == years
