"""What a year of quality indicators costs at office scale (issue 12): the «indicadores»
report with every breakdown (≤ 1.5 s) and its PDF with charts (≤ 3 s), through the
application's own service on the encrypted database, as `reinsercion report` makes them.
"""

import gc
import statistics
import time
from pathlib import Path

from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.disclosure import protect
from reinsercion_desktop.domain.periods import Period, PeriodKind
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.indicators import IndicatorService
from reinsercion_desktop.services.report_issuer import local_issuer

RUNS = 3


def indicator_figures(folder: Path, keys: DataKeys) -> dict[str, float]:
    """Median seconds of the current year's indicators report and of its PDF, and how many
    tables the report held."""
    from reinsercion_desktop.reports.pdf_file import pdf_bytes

    db = Database(folder / "reinsercion.sqlite", cipher_key=keys.sqlcipher, audit_key=keys.audit)
    try:
        service = IndicatorService(db)
        year = Period.containing(db.clock.today(), PeriodKind.YEAR)
        issuer = local_issuer(db)
        report_times, pdf_times = [], []
        pdf_bytes(protect(service.report(year, issuer)))  # matplotlib's first import, once
        # As in the window, which freezes what it loaded at start-up (main_window.py): the
        # cyclic GC then walks only what a report makes, not this process's demo build.
        gc.collect()
        gc.freeze()
        for _ in range(RUNS):
            started = time.perf_counter()
            report = service.report(year, issuer)
            report_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            pdf_bytes(protect(report))
            pdf_times.append(time.perf_counter() - started)
    finally:
        gc.unfreeze()
        db.dispose()
    return {
        "indicators_year": statistics.median(report_times),
        "indicators_pdf": statistics.median(pdf_times),
        "tables": float(len(report.tables)),
    }
