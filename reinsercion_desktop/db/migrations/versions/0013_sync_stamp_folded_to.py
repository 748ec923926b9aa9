"""sync stamp folded_to

Issue 13: the audit entry up to which a record's local changes are already counted in
its stamps (an import folds unsent changes in before merging; the next bundle out must
not count them twice). Existing rows start at 0.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08 02:42:31.060674
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('sync_stamp', schema=None) as batch_op:
        batch_op.add_column(sa.Column('folded_to', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('sync_stamp', schema=None) as batch_op:
        batch_op.drop_column('folded_to')
