"""Small-number protection (SPEC §9, issue 12 part 3): what a report that leaves the
installation may show.

The rules, named in the tests:

- R-DISC-1 (primary suppression): a COUNT cell with 0 < value < threshold prints as
  «<5» (f"<{threshold}"), in the rows and in the table's total row alike.
- R-DISC-2 (true zeros): a zero stays 0. It discloses nothing about a person, and the
  usual practice of statistical offices (INE, ONS, Eurostat's cell-suppression
  guidance) is to publish zeros; hiding them would also hide where a service is missing.
- R-DISC-3 (derived cells): a PERCENT/NUMBER/DAYS cell whose column names a COUNT column
  in `of` is hidden whenever that count is hidden (20 % of 15 gives 3 back); it prints
  «—», not «<5», since the hidden figure is a share or a mean, not a count under 5.
- R-DISC-4 (secondary suppression): a line with a visible total — a row, when the table
  has a COUNT column keyed «total»; a column, when the table has a total row — must never
  have exactly one hidden cell, or total − the visible cells gives it back. The next
  smallest visible non-zero cell of that line is hidden too (printed «—»: it is not under
  the threshold, and saying «<5» would be false), and so on until no line changes. When
  the line has no other non-zero cell to hide, its total is hidden instead.
- R-DISC-5 (totals): a total is hidden by R-DISC-1 only when under the threshold itself
  (or by R-DISC-4 as the last resort above); a visible total is the true total.

What this does not promise: the bound «<5» together with «—» (≥ threshold) may narrow a
hidden pair to a short range; the exact value is never total − visible cells.
"""

from dataclasses import replace
from typing import Any

from reinsercion_desktop.domain.report_table import ColumnKind, Report, ReportTable

DEFAULT_THRESHOLD = 5
HIDDEN = "—"  # a secondary suppression, or a figure derived from a hidden count
TOTAL_KEY = "total"
PROTECTED_NOTE = (
    "Recuentos menores de {t} mostrados como «<{t}»; «—»: dato oculto para que no pueda "
    "deducirse un recuento pequeño de los totales."
)
_DERIVED = (ColumnKind.PERCENT, ColumnKind.NUMBER, ColumnKind.DAYS)

Cell = tuple[int, int]  # (row index, column index); the total row is row len(rows)


def is_masked(value: Any) -> bool:
    """A cell protection replaced: «<5» or «—»."""
    return isinstance(value, str) and (value == HIDDEN or value.startswith("<"))


def protect(report: Report, threshold: int = DEFAULT_THRESHOLD) -> Report:
    """The report as it may leave the installation: every table protected (R-DISC-1…5),
    `exact` False, and a note saying how small counts are shown."""
    if threshold < 1:
        raise ValueError("el umbral de protección es un entero de 1 en adelante")
    sections = tuple(
        replace(section, tables=tuple(protect_table(t, threshold) for t in section.tables))
        for section in report.sections
    )
    note = PROTECTED_NOTE.format(t=threshold)
    notes = report.notes if note in report.notes else (*report.notes, note)
    return replace(report, sections=sections, exact=False, notes=notes)


def protect_table(table: ReportTable, threshold: int = DEFAULT_THRESHOLD) -> ReportTable:
    grid = [list(row) for row in table.rows]
    if table.total is not None:
        grid.append(list(table.total))
    counts = [i for i, column in enumerate(table.columns) if column.kind == ColumnKind.COUNT]
    primary: set[Cell] = {
        (r, c) for r, line in enumerate(grid) for c in counts if _small(line[c], threshold)
    }
    secondary = _secondary(table, grid, counts, primary)
    hidden = primary | secondary
    for r, c in primary:
        grid[r][c] = f"<{threshold}"
    for r, c in secondary:
        grid[r][c] = HIDDEN
    for c, column in enumerate(table.columns):
        if column.kind in _DERIVED and column.of is not None:
            source = table.column_index(column.of)
            for r in range(len(grid)):
                if (r, source) in hidden and grid[r][c] is not None:
                    grid[r][c] = HIDDEN
    rows = tuple(tuple(line) for line in grid[: len(table.rows)])
    total = tuple(grid[-1]) if table.total is not None else None
    return table.with_rows(rows, total)


def _small(value: Any, threshold: int) -> bool:
    return _number(value) and 0 < value < threshold


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _lines(
    table: ReportTable, grid: list[list[Any]], counts: list[int]
) -> list[tuple[list[Cell], Cell]]:
    """Every (members, total cell) a reader could subtract: rows summed into the «total»
    column, columns summed into the total row."""
    lines: list[tuple[list[Cell], Cell]] = []
    keys = [column.key for column in table.columns]
    if TOTAL_KEY in keys and table.columns[keys.index(TOTAL_KEY)].kind == ColumnKind.COUNT:
        total_column = keys.index(TOTAL_KEY)
        members = [c for c in counts if c != total_column]
        for r in range(len(grid)):
            lines.append(([(r, c) for c in members], (r, total_column)))
    if table.total is not None:
        total_row = len(grid) - 1
        for c in counts:
            lines.append(([(r, c) for r in range(total_row)], (total_row, c)))
    return lines


def _secondary(
    table: ReportTable, grid: list[list[Any]], counts: list[int], primary: set[Cell]
) -> set[Cell]:
    lines = _lines(table, grid, counts)
    hidden = set(primary)
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            if total in hidden:
                continue
            inside = [cell for cell in members if cell in hidden]
            if len(inside) != 1:
                continue
            candidates = [
                cell
                for cell in members
                if cell not in hidden and _number(grid[cell[0]][cell[1]]) and grid[cell[0]][cell[1]]
            ]
            if candidates:
                hidden.add(min(candidates, key=lambda cell: (grid[cell[0]][cell[1]], cell)))
            else:  # nothing else to hide: the total would give the one hidden cell back
                hidden.add(total)
            changed = True
    return hidden - primary
