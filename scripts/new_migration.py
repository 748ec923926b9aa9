"""Write a new Alembic revision by comparing the models with the current head.

Usage: python scripts/new_migration.py REV_ID "message"
"""

import sys
import tempfile
from pathlib import Path

from alembic import command

from reinsercion_desktop.db import migrate
from reinsercion_desktop.db.engine import make_engine
from tests.conftest import TEST_KEYS


def main() -> None:
    rev_id, message = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scratch.sqlite"
        key = TEST_KEYS.sqlcipher  # a scratch file: any key does
        if migrate.current_revision(path, key) is None and any(
            migrate.MIGRATIONS_DIR.glob("versions/*.py")
        ):
            migrate.upgrade_to_head(path, Path(folder) / "backups", cipher_key=key, target="head")
        engine = make_engine(path, cipher_key=key, foreign_keys=False)
        with engine.begin() as connection:
            config = migrate.alembic_config()
            config.attributes["connection"] = connection
            command.revision(config, message, autogenerate=True, rev_id=rev_id)
        engine.dispose()


if __name__ == "__main__":
    main()
