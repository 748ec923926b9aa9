"""Fuzzing the parsers of typed text: dates, periods, numbers, QR payloads, text cleaning.

Each property: the parser returns a sound value or raises its documented error with a
non-empty Spanish message; never another exception.
"""

import math
import re
from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from reinsercion_desktop.domain.dates import (
    MAX_YEAR,
    MIN_YEAR,
    DateInputError,
    format_date_es,
    parse_date_es,
)
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.resource_rules import parse_month
from reinsercion_desktop.domain.text_input import TextRefused, checked_text, clean_text
from reinsercion_desktop.forms.content import parse_qr_payload, qr_payload
from reinsercion_desktop.forms.values import as_date, number_of

# What a keyboard, a paste or a script can bring: digits of other scripts (Arabic-Indic
# «٣», full-width «３», Devanagari), signs, separators, NUL and controls, bidi marks,
# zero-width characters, superscripts (isdigit() but not int()).
TRICKY = (
    "0123456789/-.+ ,_:T"
    "٠١٢٣٤٥٦٧٨٩０１２３４５６７８９०१२३"
    "²³¹⁰"
    "\x00\t\n\r\x0b\x1b\x7f\x85"
    "\u202e\u202a\u2066\u200e\u200f\u061c\u200b\u200d\ufeff\u2028"
    "−–e"
)
tricky_text = st.text(alphabet=st.sampled_from(TRICKY), max_size=24) | st.text(max_size=40)
date_shaped = st.builds(
    lambda d, m, y, s1, s2: f"{d}{s1}{m}{s2}{y}",
    st.integers(-5, 40).map(str) | st.sampled_from(["٣", "０７", "", "00"]),
    st.integers(-1, 14).map(str) | st.sampled_from(["٣", "１２", ""]),
    st.integers(-10, 10**6).map(str) | st.sampled_from(["0000", "0001", "9999", "٢٠٢٦", "85"]),
    st.sampled_from("/-."),
    st.sampled_from("/-."),
)


def _assert_message(error: Exception) -> None:
    message = str(error)
    assert message.strip(), repr(error)
    assert "Traceback" not in message


@given(tricky_text | date_shaped | st.integers().map(str))
@example("01/01/0001")
@example("0000-01-01")
@example("31/12/9999")
@example("\u202e01/01/2026")
@example("٠٧/٠٣/١٩٨٥")
@example("1" * 10_000)
def test_parse_date_es_returns_a_date_in_range_or_says_why(text: str) -> None:
    try:
        parsed = parse_date_es(text)
    except DateInputError as error:
        _assert_message(error)
        assert as_date(text) is None
        return
    assert isinstance(parsed, date) and MIN_YEAR <= parsed.year <= MAX_YEAR
    assert as_date(text) == parsed


@given(st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31)))
def test_valid_dates_round_trip(day: date) -> None:
    assert parse_date_es(format_date_es(day)) == day
    assert parse_date_es(day.isoformat()) == day
    assert parse_date_es(f" {day.day}/{day.month}/{day.year} ") == day


@given(st.dates().filter(lambda d: not MIN_YEAR <= d.year <= MAX_YEAR))
def test_years_outside_the_bounds_are_refused(day: date) -> None:
    for text in (day.isoformat(), f"{day.day:02d}/{day.month:02d}/{day.year:04d}"):
        try:
            parse_date_es(text)
        except DateInputError as error:
            _assert_message(error)
        else:
            raise AssertionError(f"{text} was accepted")


period_shaped = st.builds(
    lambda y, m: f"{y}-{m}",
    st.integers(-1, 10**5).map(lambda n: f"{n:04d}") | st.sampled_from(["٢٠٢٦", "２０２６"]),
    st.integers(-1, 100).map(str) | st.sampled_from(["٣", "01", "1", "001"]),
)


@given(tricky_text | period_shaped)
@example("0000-01")
@example("9999-12")
@example("2026-13")
def test_parse_month_gives_a_whole_month_or_says_why(text: str) -> None:
    try:
        first, last = parse_month(text)
    except ValueError as error:  # services/resources.py turns it into a UserError
        _assert_message(error)
        return
    assert first.day == 1 and first.month == last.month and first.year == last.year
    assert MIN_YEAR <= first.year <= MAX_YEAR
    assert (last.toordinal() - first.toordinal()) in (27, 28, 29, 30)


number_shaped = st.builds(
    lambda sign, digits, sep, frac: f"{sign}{digits}{sep}{frac}",
    st.sampled_from(["", "-", "+", "−", " "]),
    st.text(alphabet=st.sampled_from("0123456789.٣３_"), max_size=30),
    st.sampled_from(["", ",", ".", "e", "E+"]),
    st.text(alphabet=st.sampled_from("0123456789"), max_size=10),
)


@given(tricky_text | number_shaped | st.floats().map(str) | st.integers().map(str))
@example("1" * 5_000)
@example("nan")
@example("-inf")
@example("1.234,5")
def test_number_of_is_a_finite_number_or_none(text: str) -> None:
    number = number_of(text)
    assert number is None or (isinstance(number, float) and math.isfinite(number))


@given(
    st.lists(tricky_text, min_size=0, max_size=6).map("|".join)
    | st.builds(lambda rest: "RD1|" + rest, tricky_text)
)
@example("RD1|a|b|²|c")
@example("RD1|a|b|٣|c")
def test_parse_qr_payload_reads_its_own_or_returns_none(payload: str) -> None:
    parsed = parse_qr_payload(payload)
    if parsed is not None:
        record_id, form_id, version, digest = parsed
        assert isinstance(version, int) and version >= 0


@given(st.uuids().map(str), st.sampled_from(["anexo-i", "consentimiento"]), st.integers(0, 10**6))
def test_qr_payload_round_trips(record_id: str, form_id: str, version: int) -> None:
    digest = "ab" * 32
    assert parse_qr_payload(qr_payload(record_id, form_id, version, digest)) == (
        record_id,
        form_id,
        version,
        digest[:16],
    )


# -- text cleaning --------------------------------------------------------------------

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
)
any_text = tricky_text | st.text(max_size=200)


@given(any_text, st.booleans())
def test_clean_text_is_idempotent_and_keeps_no_control_nor_override(
    text: str, multiline: bool
) -> None:
    cleaned = clean_text(text, multiline=multiline)
    assert clean_text(cleaned, multiline=multiline) == cleaned
    assert not _FORBIDDEN.search(cleaned), repr(cleaned)
    assert "\r" not in cleaned
    if not multiline:
        assert "\n" not in cleaned and "\t" not in cleaned


@given(any_text, st.one_of(st.none(), st.integers(0, 400)))
@example("a" * 10_000, 200)
@example("\u200b\u200b", 10)
def test_checked_text_is_clean_and_within_the_limit_or_refused(
    text: str, limit: int | None
) -> None:
    try:
        kept = checked_text(text, label="Nombre", field="first_name", max_length=limit)
    except TextRefused as error:
        assert isinstance(error, UserError)
        _assert_message(error)
        assert "Nombre" in str(error)
        return
    assert limit is None or len(kept) <= limit
    assert not _FORBIDDEN.search(kept)
    assert checked_text(kept, label="Nombre", field="first_name", max_length=limit) == kept
