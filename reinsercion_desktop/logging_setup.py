"""Logs go to the data folder (never personal data in them: ids, not names)."""

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path


def configure_logging(logs_dir: Path, *, level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(getattr(handler, "_reinsercion", False) for handler in root.handlers):
        return
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            logs_dir / "reinsercion.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return  # a read-only folder must not stop the application
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._reinsercion = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
