"""index interviews by person and date, covering the appointment they set

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 15:10:00.000000
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('interview', schema=None) as batch_op:
        batch_op.create_index(
            'ix_interview_person_latest',
            ['participant_id', 'on_date', 'created_at', 'next_appointment_date', 'next_appointment_time'],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table('interview', schema=None) as batch_op:
        batch_op.drop_index('ix_interview_person_latest')
