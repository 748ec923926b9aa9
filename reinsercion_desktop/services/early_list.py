"""The list of files read at an automated start while the ORM still loads (the launcher
asks for it once the key is unwrapped and while its background thread is importing).

Light on purpose: imported by the main thread before the background thread starts
(ui/preparation.import_login), it pulls in neither SQLAlchemy nor the table classes.
The rows are used only if the schema they were read under is the one the folder has once
opened (a migration at opening could have changed them); otherwise they are read again.
"""

from dataclasses import dataclass
from pathlib import Path

from reinsercion_desktop.db.list_rows import read_before_open
from reinsercion_desktop.domain.participant_list import ParticipantRow
from reinsercion_desktop.paths import DataPaths
from reinsercion_desktop.security.keys import DataKeys


@dataclass(frozen=True)
class EarlyList:
    revision: str
    rows: list[ParticipantRow]

    def if_current(self) -> list[ParticipantRow] | None:
        """The rows, if the opened folder's schema is the one they were read under."""
        from reinsercion_desktop.db.migrate import HEAD_REVISION  # loaded by then

        return self.rows if self.revision == HEAD_REVISION else None


def read_list_early(root: Path, keys: DataKeys) -> EarlyList | None:
    found = read_before_open(DataPaths(root).database, keys.sqlcipher)
    if found is None:
        return None
    revision, rows = found
    return EarlyList(revision, list(map(ParticipantRow._make, rows)))
