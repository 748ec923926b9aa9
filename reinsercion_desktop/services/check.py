"""`reinsercion check`: is the data file sound, at the newest schema, and what it holds."""

from dataclasses import dataclass

from reinsercion_desktop.db import migrate, queries
from reinsercion_desktop.services.audit_log import broken_links
from reinsercion_desktop.services.workspace import Workspace


@dataclass
class CheckReport:
    problems: list[str]
    counts: dict[str, int]
    revision: str | None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_workspace(workspace: Workspace) -> CheckReport:
    problems: list[str] = []
    revision = migrate.current_revision(workspace.paths.database, workspace.keys.sqlcipher)
    if revision != migrate.HEAD_REVISION:
        problems.append(
            f"El esquema está en la revisión {revision}, se esperaba {migrate.HEAD_REVISION}."
        )
    with workspace.db.read() as session:
        problems += queries.integrity_problems(session=session)
        counts = queries.record_counts(session=session)
    broken = broken_links(workspace.db)
    if broken:
        problems.append(
            f"El registro de auditoría está alterado a partir de la entrada {broken[0]}."
        )
    return CheckReport(problems=problems, counts=counts, revision=revision)
