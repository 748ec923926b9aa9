"""The report figures of `reinsercion bench`: the monthly Anexo II set (the C.P.D.s'
tables and the derived users per referring centre, services/anexo_ii.py) against the same
figures by hand-written SQL (db/anexo_ii_queries.baseline_monthly_counts), in one process
over one connection pool, alternated so neither side gets a warmer cache.
"""

import gc
import statistics
import time
from pathlib import Path

from reinsercion_desktop.db.anexo_ii_queries import baseline_monthly_counts
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.periods import Period, PeriodKind
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.anexo_ii import AnexoIIService

RUNS = 7


def last_full_month(db: Database) -> Period:
    """The month before today's (the demo's records run up to today)."""
    return Period.containing(db.clock.today(), PeriodKind.MONTH).previous()


def anexo_ii_figures(folder: Path, keys: DataKeys) -> dict[str, float]:
    """Median seconds of the monthly Anexo II report and of its hand-written SQL baseline,
    and how many rows the report's tables held (so a figure is not one of an empty month)."""
    db = Database(folder / "reinsercion.sqlite", cipher_key=keys.sqlcipher, audit_key=keys.audit)
    try:
        service = AnexoIIService(db)
        month = last_full_month(db)
        report_times, sql_times = [], []
        report = service.monthly(month)  # warm both sides once
        with db.read() as session:
            baseline_monthly_counts(session=session, start=month.start, end=month.end)
        # As in the window, which freezes what it loaded at start-up (main_window.py): the
        # cyclic GC then walks only what a report makes, on both sides alike.
        gc.collect()
        gc.freeze()
        for _ in range(RUNS):
            started = time.perf_counter()
            report = service.monthly(month)
            report_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            with db.read() as session:
                baseline_monthly_counts(session=session, start=month.start, end=month.end)
            sql_times.append(time.perf_counter() - started)
    finally:
        gc.unfreeze()
        db.dispose()
    return {
        "anexo_ii_monthly": statistics.median(report_times),
        "anexo_ii_monthly_sql": statistics.median(sql_times),
        "anexo_ii_rows": float(sum(len(t.rows) for t in report.tables)),
    }
