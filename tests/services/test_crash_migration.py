"""kill -9 during a migration (issue 11, crash safety): a folder at an old schema is cut
while its pre-migration copy is written or while a revision runs; the next open migrates it
from the untouched file, nothing is lost, and no half copy carries a real copy's name."""

import json
from contextlib import closing
from pathlib import Path

import pytest

from reinsercion_desktop.db import migrate
from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.db.plain import encrypt_copy
from reinsercion_desktop.services.check import check_workspace
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import TEST_KEYS
from tests.db.test_migrations import FIXTURE_PEOPLE
from tests.kill_helpers import assert_named_copies_verify, kill_after_marks

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "db" / "rev_0005.sqlite"

# The child opens the folder as the window does; markers around the pre-migration copy and
# at the start of each revision's upgrade (alembic's step, wrapped).
CHILD = """
import sys
from pathlib import Path

from alembic.runtime import migration

import reinsercion_desktop.services.workspace as workspace_module
from reinsercion_desktop.services import backup_files
from reinsercion_desktop.security.keys import DataKeys


def mark(word):
    print("@@marca", word, flush=True)


made_copy = workspace_module.pre_migration_copy


def marked_copy(*args):
    copy = made_copy(*args)

    def run():
        mark("copia")
        path = copy()
        mark("copiada")
        return path

    return run


made_step = migration.RevisionStep.__init__


def marked_step(self, *args, **kwargs):
    made_step(self, *args, **kwargs)
    upgrade, revision = self.migration_fn, self.revision.revision

    def run(*args, **kwargs):
        mark("revision " + revision)
        return upgrade(*args, **kwargs)

    self.migration_fn = run


written = backup_files._add_file


def marked_member(*args, **kwargs):
    mark("miembro")  # a member of the copy being written into its partial file
    return written(*args, **kwargs)


backup_files._add_file = marked_member
workspace_module.pre_migration_copy = marked_copy
migration.RevisionStep.__init__ = marked_step
workspace = workspace_module.Workspace.open(Path(sys.argv[1]), DataKeys(bytes(range(32))))
mark("abierta")
workspace.close()
"""


def _people(database: Path) -> set[tuple]:
    with closing(connect(database, TEST_KEYS.sqlcipher)) as connection:
        return set(
            connection.execute("SELECT first_name, surname1, surname2, codapel FROM participant")
        )


def after(word: str, times: int = 1):  # type: ignore[no-untyped-def]
    return lambda marks: sum(1 for mark in marks if mark.startswith(word)) >= times


@pytest.mark.parametrize(
    "moment",
    [
        after("copia"),  # the pre-migration copy begins: the database being copied
        after("miembro"),  # its partial file being written
        after("copiada"),  # the copy named, the migration about to begin
        after("revision", 2),  # in the second revision (0007)
        after("revision", 4),  # in the last revision (0009)
    ],
    ids=["copy-start", "copy-member", "copy-named", "revision-0007", "revision-0009"],
)
def test_kill_9_during_a_migration_then_the_next_open_finishes_it(tmp_path, moment) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "data"
    root.mkdir()
    database = root / "reinsercion.sqlite"
    encrypt_copy(FIXTURE, database, TEST_KEYS.sqlcipher)
    before = migrate.current_revision(database, TEST_KEYS.sqlcipher)
    seen = kill_after_marks(["-c", CHILD, str(root)], until=moment)
    assert seen.killed, seen.output
    assert "abierta" not in seen.marks  # cut before the migration was over
    revision = migrate.current_revision(database, TEST_KEYS.sqlcipher)
    assert revision in (before, migrate.HEAD_REVISION)  # all revisions or none
    assert_named_copies_verify(root)
    workspace = Workspace.open(root, TEST_KEYS)  # the next start
    try:
        report = check_workspace(workspace)
    finally:
        workspace.close()
    assert migrate.current_revision(database, TEST_KEYS.sqlcipher) == migrate.HEAD_REVISION
    assert _people(database) == FIXTURE_PEOPLE
    # The fixtures keep their attachments' records, not their files: check says so.
    assert [p for p in report.problems if "documento adjunto" not in p] == [], json.dumps(
        report.problems, ensure_ascii=False
    )
    assert_named_copies_verify(root)
    assert any((root / "copias").glob("copia-*-antes-de-migrar.rdcopia"))
