"""Unexpected errors are reported by reference, the log without a statement's values
(issue 10 part 6: an IntegrityError carried a person's name and HIV status)."""

import logging
import re
import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError

from reinsercion_desktop.error_reports import (
    hide_statement_parameters,
    log_unexpected,
    unexpected_message,
)

STATEMENT = "INSERT INTO participant (first_name, hiv_status) VALUES (?, ?)"


def integrity_error() -> IntegrityError:
    return IntegrityError(
        STATEMENT, ("Remedios Zurbarán", "positivo"), sqlite3.IntegrityError("NOT NULL")
    )


def test_a_statement_error_anywhere_in_the_chain_prints_without_its_values() -> None:
    inner = integrity_error()
    assert "Zurbarán" in str(inner)  # what SQLAlchemy prints by default
    try:
        try:
            raise inner
        except IntegrityError as error:
            raise RuntimeError("saving failed") from error
    except RuntimeError as outer:
        hide_statement_parameters(outer)
    assert "Zurbarán" not in str(inner) and "positivo" not in str(inner)
    assert "[SQL: INSERT INTO participant" in str(inner)  # which statement stays


def test_the_log_keeps_the_traceback_under_the_reference_and_no_values(
    caplog: pytest.LogCaptureFixture,
) -> None:
    try:
        raise integrity_error()
    except IntegrityError as error:
        with caplog.at_level(logging.ERROR, logger="reinsercion"):
            reference = log_unexpected(error)
    assert re.fullmatch(r"[0-9a-f]{8}", reference)
    [record] = caplog.records
    logged = caplog.text
    assert f"reference {reference}" in logged and "Traceback" in logged
    assert "IntegrityError" in logged and "NOT NULL" in logged
    assert "Remedios" not in logged and "positivo" not in logged
    assert record.exc_info is not None


def test_the_message_is_spanish_and_carries_only_the_reference() -> None:
    message = unexpected_message("1a2b3c4d")
    assert message.startswith("Error inesperado (referencia 1a2b3c4d)")
    assert "\n" not in message
