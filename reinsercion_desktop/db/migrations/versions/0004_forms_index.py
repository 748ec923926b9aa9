"""index forms by person, form and date

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 07:02:21.935089
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('form_instance', schema=None) as batch_op:
        batch_op.create_index('ix_form_instance_person_form_created', ['participant_id', 'form_id', 'created_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('form_instance', schema=None) as batch_op:
        batch_op.drop_index('ix_form_instance_person_form_created')

