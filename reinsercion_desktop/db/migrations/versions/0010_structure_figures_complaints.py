"""vivienda year figures, complaints, small count threshold

Issue 12 (§12 of the seed): each vivienda's budget and care-staff hours per year (the
structure and cost indicators), the complaints users make (quejas y reclamaciones) with
their answer, and the threshold under which a count prints as «<5» (SPEC §9).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 22:17:10.283863
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('vivienda_year',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('vivienda_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('budget_planned', sa.Float(), nullable=False),
    sa.Column('budget_actual', sa.Float(), nullable=True),
    sa.Column('staff_weekly_hours', sa.Float(), nullable=False),
    sa.Column('full_time_weekly_hours', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['vivienda_id'], ['vivienda.id'], name=op.f('fk_vivienda_year_vivienda_id_vivienda')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vivienda_year')),
    sa.UniqueConstraint('vivienda_id', 'year', name=op.f('uq_vivienda_year_vivienda_id'))
    )
    with op.batch_alter_table('vivienda_year', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vivienda_year_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vivienda_year_vivienda_id'), ['vivienda_id'], unique=False)

    op.create_table('complaint',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('vivienda_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('participant_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_complaint_participant_id_participant')),
    sa.ForeignKeyConstraint(['vivienda_id'], ['vivienda.id'], name=op.f('fk_complaint_vivienda_id_vivienda')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint'))
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_received_on'), ['received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_vivienda_id'), ['vivienda_id'], unique=False)

    with op.batch_alter_table('installation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('small_count_threshold', sa.Integer(), nullable=False, server_default='5'))


def downgrade() -> None:
    with op.batch_alter_table('installation', schema=None) as batch_op:
        batch_op.drop_column('small_count_threshold')

    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_vivienda_id'))
        batch_op.drop_index(batch_op.f('ix_complaint_received_on'))
        batch_op.drop_index(batch_op.f('ix_complaint_participant_id'))
        batch_op.drop_index(batch_op.f('ix_complaint_installation_id'))

    op.drop_table('complaint')
    with op.batch_alter_table('vivienda_year', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vivienda_year_vivienda_id'))
        batch_op.drop_index(batch_op.f('ix_vivienda_year_installation_id'))

    op.drop_table('vivienda_year')
