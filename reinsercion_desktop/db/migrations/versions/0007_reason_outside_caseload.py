"""reason asked to open a file outside one's caseload, a centre setting

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 15:26:06.305300
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing centres ask the reason from the start (SPEC §9); the setting turns it off.
    with op.batch_alter_table('installation', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('reason_outside_caseload', sa.Boolean(), nullable=False, server_default='1')
        )


def downgrade() -> None:
    with op.batch_alter_table('installation', schema=None) as batch_op:
        batch_op.drop_column('reason_outside_caseload')
