"""Rules of SPEC §4 that a form enforces while it is filled (named by their rule id).

Each rule reads the filled values and answers with blocking problems and warnings,
keyed by the field they concern. Forms list the rules they obey in `rules`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from reinsercion_desktop.domain.dates import add_months

TBC_TEST_MAX_MONTHS = 3  # "no more than 3 months before the protocol date", calendar months
PREGNANCY_TEST_WINDOW_DAYS = 30  # R-REF-3 default; a setting of the installation later


@dataclass
class RuleFindings:
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)


def _row(data: dict, table: str, row: str) -> dict:
    """A row of a fixed table, {} when absent or malformed (the engine reports the format)."""
    rows = data.get(table)
    found = rows.get(row) if isinstance(rows, dict) else None
    return found if isinstance(found, dict) else {}


def _add(messages: dict[str, str], field_id: str, message: str) -> None:
    """Several rules may speak of one field: keep every message."""
    messages[field_id] = f"{messages[field_id]} {message}" if field_id in messages else message


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _date(value: Any) -> date | None:
    from reinsercion_desktop.forms.values import as_date

    return as_date(value)


def hiv_positive_needs_tbc_tests(data: dict, findings: RuleFindings) -> None:
    """R-REF-2: HIV-positive → TBC test ≤ 3 months before the protocol, 3 bacilloscopies, chest X-ray."""
    if data.get("vih") != "positivo":
        return
    protocol = _date(data.get("fecha_protocolo"))
    mantoux = _row(data, "pruebas", "mantoux")
    tested = _date(mantoux.get("fecha"))
    if tested is None or not _filled(mantoux.get("resultado")):
        findings.errors["pruebas"] = (
            "R-REF-2: con VIH positivo hace falta la prueba de tuberculosis (Mantoux) con fecha y resultado."
        )
    elif protocol and not (add_months(protocol, -TBC_TEST_MAX_MONTHS) <= tested <= protocol):
        findings.errors["pruebas"] = (
            "R-REF-2: la prueba de tuberculosis debe ser de los 3 meses anteriores al protocolo."
        )
    xray = _row(data, "pruebas", "radiografia_torax")
    if "pruebas" not in findings.errors and not (
        _date(xray.get("fecha")) and _filled(xray.get("resultado"))
    ):
        findings.errors["pruebas"] = (
            "R-REF-2: con VIH positivo hace falta el informe de radiografía de tórax."
        )
    done = sum(
        1
        for key in ("primera", "segunda", "tercera")
        if _filled(_row(data, "baciloscopias", key).get("resultado"))
    )
    if done < 3:
        findings.errors["baciloscopias"] = (
            f"R-REF-2: con VIH positivo hacen falta los resultados de tres baciloscopias (hay {done})."
        )


def women_need_a_recent_pregnancy_test(data: dict, findings: RuleFindings) -> None:
    """R-REF-3: a woman needs a recent pregnancy test; STD screening is recommended for all."""
    protocol = _date(data.get("fecha_protocolo"))
    if data.get("sexo") == "M":
        test = _row(data, "pruebas", "test_embarazo")
        tested = _date(test.get("fecha"))
        window = timedelta(days=PREGNANCY_TEST_WINDOW_DAYS)
        if tested is None or not _filled(test.get("resultado")):
            _add(
                findings.errors,
                "pruebas",
                "R-REF-3: en mujeres hace falta un test de embarazo reciente con fecha y resultado.",
            )
        elif protocol and not (protocol - window <= tested <= protocol):
            _add(
                findings.errors,
                "pruebas",
                f"R-REF-3: el test de embarazo debe ser de los {PREGNANCY_TEST_WINDOW_DAYS} días anteriores al protocolo.",
            )
    serology = _row(data, "pruebas", "serologia")
    if not _filled(serology.get("resultado")):
        findings.warnings["pruebas"] = (
            "R-REF-3: se recomienda el cribado de enfermedades de transmisión sexual (serología)."
        )


RULES: dict[str, Callable[[dict, RuleFindings], None]] = {
    "R-REF-2": hiv_positive_needs_tbc_tests,
    "R-REF-3": women_need_a_recent_pregnancy_test,
}
