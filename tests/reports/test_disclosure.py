"""Small-number protection (domain/disclosure.py): the rules R-DISC-1…5, by hand and as
properties over random tables (hypothesis)."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from reinsercion_desktop.domain.disclosure import HIDDEN, is_masked, protect, protect_table
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.domain.report_table import (
    Column,
    ColumnKind,
    Report,
    ReportIssuer,
    ReportSection,
    ReportTable,
)

COUNT, PERCENT, TEXT = ColumnKind.COUNT, ColumnKind.PERCENT, ColumnKind.TEXT


def table(rows, *, row_totals=True, column_totals=True, percent=False) -> ReportTable:  # type: ignore[no-untyped-def]
    width = len(rows[0])
    columns = [Column("label", "Grupo")] + [Column(f"c{i}", f"C{i}", COUNT) for i in range(width)]
    body = [[f"fila {r}", *row] for r, row in enumerate(rows)]
    if row_totals:
        columns.append(Column("total", "Total", COUNT))
        for line in body:
            line.append(sum(line[1:]))
    if percent:
        columns.append(Column("pct", "%", PERCENT, of="c0"))
        grand = sum(line[1] for line in body) or 1
        for line in body:
            line.append(round(100 * line[1] / grand, 1))
    total = None
    if column_totals:
        total = ["Total"] + [sum(line[i] for line in body) for i in range(1, len(columns))]
        if percent:
            total[-1] = 100.0
    return ReportTable(
        "t", "Tabla", tuple(columns), tuple(map(tuple, body)), tuple(total) if total else None
    )


def test_r_disc_1_small_counts_print_as_under_threshold() -> None:
    protected = protect_table(table([[3, 12], [20, 30]], row_totals=False, column_totals=False))
    assert protected.rows[0][1:] == ("<5", 12)
    assert protected.rows[1][1:] == (20, 30)


def test_r_disc_1_the_threshold_is_a_setting() -> None:
    protected = protect_table(table([[7, 12, 40], [20, 30, 50]], column_totals=False), 10)
    assert protected.rows[0][1] == "<10"
    assert protected.rows[0][2] == HIDDEN  # R-DISC-4: 12 is the next smallest of the row


def test_r_disc_2_zeros_stay_zeros() -> None:
    protected = protect_table(table([[0, 12], [20, 0]], row_totals=False, column_totals=False))
    assert protected.rows[0][1] == 0 and protected.rows[1][2] == 0


def test_r_disc_3_a_percentage_of_a_hidden_count_is_hidden() -> None:
    protected = protect_table(table([[3, 12], [20, 30], [25, 9]], percent=True))
    assert protected.rows[0][1] == "<5" and protected.rows[0][-1] == HIDDEN
    for row in protected.rows:
        assert is_masked(row[-1]) == is_masked(row[1])  # hidden with its count, only then


def test_r_disc_4_a_lone_hidden_cell_of_a_row_hides_the_next_smallest() -> None:
    protected = protect_table(table([[3, 12, 40]], column_totals=False))
    # total 55 − 12 − 40 would give 3 back: 12 (the next smallest) is hidden too
    assert protected.rows[0][1:] == ("<5", HIDDEN, 40, 55)


def test_r_disc_4_repeats_across_rows_and_columns_until_stable() -> None:
    protected = protect_table(table([[3, 12, 40], [9, 15, 6], [30, 8, 50]]))
    assert_no_cell_recoverable(protected)
    assert protected.rows[0][1] == "<5"


def test_r_disc_4_with_nothing_else_to_hide_the_total_is_hidden() -> None:
    # the total counts something the visible columns do not (here a NUMBER column)
    columns = (
        Column("label", "Grupo"), Column("c0", "C0", COUNT), Column("c1", "C1", COUNT),
        Column("hours", "Horas", ColumnKind.NUMBER), Column("total", "Total", COUNT),
    )  # fmt: skip
    protected = protect_table(ReportTable("t", "T", columns, (("a", 3, 0, 10.0, 13),)))
    assert protected.rows[0][1:] == ("<5", 0, 10.0, HIDDEN)


def test_r_disc_5_a_total_is_hidden_only_when_small() -> None:
    protected = protect_table(table([[1, 2], [0, 0]]))
    assert protected.rows[0][-1] == "<5"  # 3
    big = protect_table(table([[3, 12], [20, 30]]))
    assert big.rows[0][-1] == 15 and big.total[-1] == 65


def test_protect_marks_the_report_and_says_how_small_counts_are_shown() -> None:
    issuer = ReportIssuer("FADA", "office")
    report = Report(
        "indicadores", "Indicadores", Period.parse("2026"), issuer,
        (ReportSection("S", (table([[3, 12]]),)),), made_on=date(2027, 1, 5), exact=True,
    )  # fmt: skip
    protected = protect(report)
    assert not protected.exact
    assert any("«<5»" in note for note in protected.notes)
    assert report.tables[0].rows[0][1] == 3  # the exact report is left as it was


def assert_no_cell_recoverable(protected: ReportTable) -> None:
    """For every line with a visible total, never exactly one hidden member."""
    grid = [list(row) for row in protected.rows] + (
        [list(protected.total)] if protected.total else []
    )
    keys = [c.key for c in protected.columns]
    counts = [i for i, c in enumerate(protected.columns) if c.kind == COUNT]
    if "total" in keys:
        t = keys.index("total")
        for line in grid:
            if not is_masked(line[t]):
                assert sum(is_masked(line[c]) for c in counts if c != t) != 1, line
    if protected.total is not None:
        for c in counts:
            if not is_masked(grid[-1][c]):
                assert sum(is_masked(line[c]) for line in grid[:-1]) != 1, c


matrices = st.integers(1, 6).flatmap(
    lambda width: st.lists(
        st.lists(st.one_of(st.integers(0, 6), st.integers(0, 60)), min_size=width, max_size=width),
        min_size=1,
        max_size=7,
    )
)


@settings(max_examples=300, deadline=None)
@given(matrices, st.booleans(), st.booleans(), st.integers(2, 11))
def test_no_hidden_value_is_total_minus_the_visible_cells(
    rows, row_totals, column_totals, threshold
) -> None:  # type: ignore[no-untyped-def]
    original = table(rows, row_totals=row_totals, column_totals=column_totals)
    protected = protect_table(original, threshold)
    assert_no_cell_recoverable(protected)
    for before_line, after_line in zip(
        [*original.rows, *([original.total] if original.total else [])],
        [*protected.rows, *([protected.total] if protected.total else [])],
        strict=True,
    ):
        for before, after in zip(before_line, after_line, strict=True):
            if isinstance(before, int) and 0 < before < threshold:
                assert after == f"<{threshold}"  # R-DISC-1
            elif before == 0:
                assert after == 0  # R-DISC-2
            elif not is_masked(after):
                assert after == before  # what shows is the truth
            else:
                assert after == HIDDEN  # R-DISC-4: a large cell is never «<t»
