"""A report as one CSV file, as Spanish Excel opens it with a double click: UTF-8 with a
BOM (else accents break), «;» between fields (the comma is the decimal mark), decimal
comma, dates dd/mm/aaaa.

The file starts with the report's heading lines (title, issuer, period, scope); then each
table: its title on a line of its own, the header row, the rows, the total row, and its
note, then an empty line.
"""

import csv
import io

from reinsercion_desktop.domain.report_table import Report, ReportTable
from reinsercion_desktop.reports.cells import cell_text, heading_lines

BOM = "\ufeff"


def csv_bytes(report: Report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for line in heading_lines(report):
        writer.writerow([line])
    for note in report.notes:
        writer.writerow([note])
    for section in report.sections:
        writer.writerow([])
        writer.writerow([section.title.upper()])
        if section.intro:
            writer.writerow([section.intro])
        for table in section.tables:
            _write_table(writer, table)
    return (BOM + buffer.getvalue()).encode("utf-8")


def _write_table(writer: "csv._writer", table: ReportTable) -> None:  # type: ignore[name-defined]
    writer.writerow([])
    writer.writerow([table.title])
    writer.writerow([column.label for column in table.columns])
    lines = list(table.rows) + ([table.total] if table.total is not None else [])
    for line in lines:
        writer.writerow(
            [
                cell_text(value, column.kind)
                for value, column in zip(line, table.columns, strict=True)
            ]
        )
    if table.note:
        writer.writerow([table.note])
