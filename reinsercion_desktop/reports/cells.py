"""A report cell as Spanish text, the same in the PDF and the CSV (and the dock may use it).

Decimal comma, no thousands separator in CSV (Spanish Excel reads «1234,5» as a number,
but «1.234,5» only under some settings); the PDF groups thousands with a point.
Masked cells («<5», «—») and text print as they are; None prints empty. Days: a whole
number of days prints without decimals («3»), a mean or a median with one («19,5»);
other figures: whole numbers as they are, fractions with two decimals («2,88», «3,00»).
"""

from datetime import date, datetime
from typing import Any

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.report_table import ColumnKind, Report

DECIMALS = {
    ColumnKind.PERCENT: 1,
    ColumnKind.DAYS: 1,
    ColumnKind.MONEY: 2,
    ColumnKind.NUMBER: 2,
    ColumnKind.COUNT: 0,
}
NUMERIC = frozenset(DECIMALS)
UNITS = {ColumnKind.PERCENT: "%", ColumnKind.MONEY: "€"}


def unit_shown(kind: ColumnKind, label: str) -> bool:
    """Whether a cell carries its unit: a percentage or an amount whose header does not
    already say «%» or «€»."""
    return kind in UNITS and UNITS[kind] not in label


def cell_text(value: Any, kind: ColumnKind, *, grouped: bool = False, unit: bool = False) -> str:
    """`unit`: «52,2 %», «98.000,00 €» (the PDF and the dock, where the header does not
    say it already; never the CSV, where Excel must read a plain number)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, datetime | date):
        return format_date_es(value)
    if isinstance(value, int | float) and kind in NUMERIC:
        if kind == ColumnKind.DAYS and float(value).is_integer():
            return number_text(int(value), 0, grouped=grouped)
        if isinstance(value, int) and kind in (ColumnKind.COUNT, ColumnKind.NUMBER):
            return number_text(value, 0, grouped=grouped)  # places, place-days, hours
        # An index keeps its two decimals, so a column of them lines up («3,00», «2,88»).
        text = number_text(value, DECIMALS[kind], grouped=grouped)
        if unit and kind in UNITS:
            return f"{text}\u00a0{UNITS[kind]}"
        return text
    if isinstance(value, float):
        return number_text(value, 2, grouped=grouped, trim=True)
    return str(value)


def number_text(value: float, decimals: int, *, grouped: bool = False, trim: bool = False) -> str:
    """«1234,5» (or «1.234,5» grouped); an int stays without decimals; `trim` drops
    trailing zeros (an index of 2,00 prints 2)."""
    if isinstance(value, int) and (decimals == 0 or trim):
        text = f"{value:,d}" if grouped else f"{value:d}"
        return text.replace(",", ".")
    text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def heading_lines(report: Report) -> list[str]:
    """Who issues it, for which period and scope: the first lines of every file."""
    issuer = report.issuer
    who = " · ".join(part for part in (issuer.name, issuer.code, issuer.province) if part)
    lines = [report.title, who, f"Período: {report.period.label}"]
    if report.scope:
        lines.append(f"Ámbito: {report.scope}")
    if report.made_on is not None:
        lines.append(f"Emitido el {format_date_es(report.made_on)}")
    lines.append(
        "COPIA INTERNA — cifras exactas, no difundir"
        if report.exact
        else "Datos agregados; recuentos menores del umbral protegidos"
    )
    return lines
