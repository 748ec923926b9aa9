"""retention and backup settings, anonymised files, consent records

SPEC §10–§11 (issue 11): how many years a closed file is kept before it is listed for
review, how many automatic backups are kept and when the second place is due; when a
file was anonymised on request; and the consents a person gave, with their scope and
revocation.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 19:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('installation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention_years', sa.Integer(), nullable=False, server_default='5'))
        batch_op.add_column(sa.Column('backup_keep_daily', sa.Integer(), nullable=False, server_default='7'))
        batch_op.add_column(sa.Column('backup_keep_weekly', sa.Integer(), nullable=False, server_default='4'))
        batch_op.add_column(sa.Column('backup_keep_monthly', sa.Integer(), nullable=False, server_default='12'))
        batch_op.add_column(sa.Column('backup_reminder_days', sa.Integer(), nullable=False, server_default='7'))
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymised_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))

    op.create_table('consent_record',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('participant_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('form_instance_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('granted_on', sa.Date(), nullable=False),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.Column('revocation_note', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.ForeignKeyConstraint(['form_instance_id'], ['form_instance.id'], name=op.f('fk_consent_record_form_instance_id_form_instance')),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_consent_record_participant_id_participant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_record'))
    )
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_record_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_record_participant_id'), ['participant_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_record_participant_id'))
        batch_op.drop_index(batch_op.f('ix_consent_record_installation_id'))
    op.drop_table('consent_record')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('anonymised_at')
    with op.batch_alter_table('installation', schema=None) as batch_op:
        batch_op.drop_column('backup_reminder_days')
        batch_op.drop_column('backup_keep_monthly')
        batch_op.drop_column('backup_keep_weekly')
        batch_op.drop_column('backup_keep_daily')
        batch_op.drop_column('retention_years')
