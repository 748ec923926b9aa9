"""index participants by case manager

A case manager's caseload (and their Pendientes) starts from their few hundred files;
without this index every such read scanned the participant table, and on the encrypted
database every page read is decrypted: 1.1 s for the busiest caseload at office scale.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 17:30:00.000000
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index('ix_participant_case_manager_id', ['case_manager_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index('ix_participant_case_manager_id')
