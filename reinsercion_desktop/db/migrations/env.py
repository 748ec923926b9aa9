"""Alembic environment, driven from code: the caller passes an open connection."""

from alembic import context

from reinsercion_desktop.db.models import all_tables

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=all_tables(),
    render_as_batch=True,
    transactional_ddl=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
