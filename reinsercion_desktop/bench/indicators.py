"""What a year of quality indicators costs (issue 12: ≤ 1.5 s with every breakdown, at
office scale), through the application's own service on the encrypted database."""

import statistics
import time
from pathlib import Path

from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.indicators import IndicatorService

RUNS = 3


def indicator_figures(folder: Path, keys: DataKeys, *, year: str = "2026") -> dict[str, float]:
    """{"indicators_year": median seconds of IndicatorService.sections(year), "tables": n}."""
    db = Database(folder / "reinsercion.sqlite", cipher_key=keys.sqlcipher, audit_key=keys.audit)
    try:
        service = IndicatorService(db)
        times, tables = [], 0
        for _ in range(RUNS):
            started = time.perf_counter()
            sections = service.sections(Period.parse(year))
            times.append(time.perf_counter() - started)
            tables = sum(len(section.tables) for section in sections)
    finally:
        db.dispose()
    return {"indicators_year": statistics.median(times), "tables": float(tables)}
