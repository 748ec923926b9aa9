"""A data folder made ready to use: paths, the data key, backup + migrations, the
encrypted database, the clock.

A folder opens only with its data key, unwrapped by a login (`services/gate.py`) or by
the recovery key; a new installation makes a new key (`Workspace.open` with
`DataKeys.generate()`), written to the key file once the installation is set up.

Files decrypted for a system viewer live in the workspace's private scratch folder
(`security/files.py`), wiped when the workspace closes (the window closes).
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path

from reinsercion_desktop.db import migrate, queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Installation
from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.paths import DataPaths
from reinsercion_desktop.security.files import ScratchFolder
from reinsercion_desktop.security.keyfile import KeyFile
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.audit_anchor import AnchorKeeper
from reinsercion_desktop.services.backup_files import pre_migration_copy
from reinsercion_desktop.services.conversion import finish_attachments

log = logging.getLogger(__name__)


@dataclass
class Workspace:
    paths: DataPaths
    db: Database
    keys: DataKeys = field(repr=False)
    clock: Clock = field(default_factory=Clock)
    scratch: ScratchFolder = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.scratch = ScratchFolder(self.paths.root)

    @classmethod
    def open(cls, root: Path, keys: DataKeys, clock: Clock | None = None) -> "Workspace":
        """Create the folders, migrate the schema (after a verified backup), connect."""
        paths = DataPaths(root)
        paths.ensure()
        clock = clock or Clock()
        backup = migrate.upgrade_to_head(
            paths.database,
            paths.backups,
            cipher_key=keys.sqlcipher,
            make_backup=pre_migration_copy(paths, keys, clock),  # a verified .rdcopia
        )
        if backup:
            log.info("schema migrated; backup kept at %s", backup.name)
        db = Database(paths.database, clock, cipher_key=keys.sqlcipher, audit_key=keys.audit)
        finish_attachments(paths, keys)  # a conversion cut short before its files were done
        db.audit_witness = AnchorKeeper(paths.root, keys, clock)
        return cls(paths=paths, db=db, keys=keys, clock=clock)

    def installation(self) -> Installation | None:
        with self.db.read() as session:
            return queries.local_installation(session=session)

    def is_initialized(self) -> bool:
        return self.installation() is not None

    def key_file(self) -> KeyFile:
        return KeyFile.load(self.paths.root)

    def close(self) -> None:
        self.scratch.close()
        self.db.dispose()

    def discard_unfinished(self) -> None:
        """A new installation whose set-up did not finish (bad input, cancelled wizard): its
        database goes, so the folder is new again. Never a folder with a key file."""
        self.close()
        if KeyFile.exists_in(self.paths.root):
            return
        database = self.paths.database
        for part in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            part.unlink(missing_ok=True)
