"""A report's CSV read with the Spanish locale's rules (CLDR through Babel, the same
conventions Excel follows on a Spanish Windows): every figure and every date parses to
the value the report holds. The machine's own locales are not needed."""

import csv
import io
from datetime import date

from babel.dates import parse_date
from babel.numbers import NumberFormatError, parse_decimal

from reinsercion_desktop.bench.report_files import fake_report
from reinsercion_desktop.domain.disclosure import protect
from reinsercion_desktop.domain.report_table import ColumnKind
from reinsercion_desktop.reports.csv_file import csv_bytes

NUMERIC = {
    ColumnKind.COUNT,
    ColumnKind.PERCENT,
    ColumnKind.DAYS,
    ColumnKind.NUMBER,
    ColumnKind.MONEY,
}
MASKED = {"<5", "—", ""}


def test_every_figure_and_date_of_the_csv_reads_back_in_spanish() -> None:
    report = protect(fake_report(tables=3, rows=40, charts=0))
    text = csv_bytes(report).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    checked, start = 0, 0
    for table in report.tables:
        header = [column.label for column in table.columns]
        start = lines.index(header, start) + 1  # tables may share a header: in order
        for row, written in zip(table.rows, lines[start : start + len(table.rows)], strict=True):
            for column, value, cell in zip(table.columns, row, written, strict=True):
                if cell in MASKED or value is None or isinstance(value, str):
                    continue
                if column.kind in NUMERIC:
                    try:
                        read = parse_decimal(cell.replace(" %", ""), locale="es_ES", strict=True)
                    except NumberFormatError as error:
                        raise AssertionError(
                            f"{column.label}: «{cell}» is not a Spanish number"
                        ) from error
                    assert abs(float(read) - float(value)) < 0.051, (column.label, cell, value)
                    checked += 1
                elif column.kind == ColumnKind.DATE:
                    assert isinstance(value, date)
                    assert parse_date(cell, locale="es_ES") == value
                    checked += 1
    assert checked > 100
