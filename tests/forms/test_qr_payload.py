"""Reading a QR payload back (forms/content.py): anything else is None, never an error."""

import pytest

from reinsercion_desktop.forms.content import parse_qr_payload, qr_payload


def test_a_payload_written_here_reads_back() -> None:
    payload = qr_payload("abc", "anexo-i", 3, "0123456789abcdef" * 4)
    assert parse_qr_payload(payload) == ("abc", "anexo-i", 3, "0123456789abcdef")


@pytest.mark.parametrize(
    "payload",
    ["RD1|a|b|²|c", "RD1|a|b|٣|c", "RD1|a|b||c", "RD1|a|b|1", "XX1|a|b|1|c", "", "|||||"],
)
def test_a_foreign_payload_is_none(payload: str) -> None:
    # "²" passed isdigit() and then made int() raise (found by tests/fuzz).
    assert parse_qr_payload(payload) is None
