"""A data folder made ready to use: paths, backup + migrations, the database, the clock."""

import logging
from dataclasses import dataclass, field
from pathlib import Path

from reinsercion_desktop.db import migrate, queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Installation
from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.paths import DataPaths

log = logging.getLogger(__name__)


@dataclass
class Workspace:
    paths: DataPaths
    db: Database
    clock: Clock = field(default_factory=Clock)

    @classmethod
    def open(cls, root: Path, clock: Clock | None = None) -> "Workspace":
        """Create the folders, migrate the schema (after a verified backup), connect."""
        paths = DataPaths(root)
        paths.ensure()
        backup = migrate.upgrade_to_head(paths.database, paths.backups)
        if backup:
            log.info("schema migrated; backup kept at %s", backup)
        clock = clock or Clock()
        return cls(paths=paths, db=Database(paths.database, clock), clock=clock)

    def installation(self) -> Installation | None:
        with self.db.read() as session:
            return queries.local_installation(session=session)

    def is_initialized(self) -> bool:
        return self.installation() is not None

    def close(self) -> None:
        self.db.dispose()
