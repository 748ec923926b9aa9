"""Reporting periods as typed on the command line and shown in the Informes dock."""

from datetime import date

import pytest

from reinsercion_desktop.domain.periods import Period, PeriodKind


@pytest.mark.parametrize(
    ("text", "code", "label", "start", "end"),
    [
        ("2026-11", "2026-11", "noviembre de 2026", date(2026, 11, 1), date(2026, 12, 1)),
        ("2026-T4", "2026-T4", "4.º trimestre de 2026", date(2026, 10, 1), date(2027, 1, 1)),
        ("2026-s1", "2026-S1", "1.º semestre de 2026", date(2026, 1, 1), date(2026, 7, 1)),
        ("2026", "2026", "año 2026", date(2026, 1, 1), date(2027, 1, 1)),
    ],
)
def test_a_period_is_read_as_written(text, code, label, start, end):
    period = Period.parse(text)
    assert (period.code, period.label, period.start, period.end) == (code, label, start, end)
    assert Period.parse(period.code) == period


@pytest.mark.parametrize("text", ["2026-13", "2026-T5", "2026-S3", "26", "2026-1", "noviembre", ""])
def test_a_malformed_period_is_refused_in_spanish(text):
    with pytest.raises(ValueError, match="no es un período: escríbalo como AAAA-MM"):
        Period.parse(text)


def test_a_year_out_of_range_is_named():
    with pytest.raises(ValueError, match="El año 3000 está fuera de 1900–2100"):
        Period.parse("3000-01")


def test_months_previous_and_containing():
    quarter = Period.parse("2026-T1")
    assert quarter.months == ["2026-01", "2026-02", "2026-03"]
    assert quarter.previous().code == "2025-T4"
    assert quarter.days == 90
    assert Period.containing(date(2026, 8, 15), PeriodKind.HALF).code == "2026-S2"
    assert quarter.contains(date(2026, 3, 31)) and not quarter.contains(date(2026, 4, 1))
