"""form instances and issued pdfs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 06:07:21.639297
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('form_instance',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('form_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('definition_version', sa.Integer(), nullable=False),
    sa.Column('participant_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('vivienda_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('data', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('finalized_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('finalized_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('signed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('signed_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('signed_by_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('signed_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('amends_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('amendment_reason', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.ForeignKeyConstraint(['amends_id'], ['form_instance.id'], name=op.f('fk_form_instance_amends_id_form_instance')),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_form_instance_participant_id_participant')),
    sa.ForeignKeyConstraint(['vivienda_id'], ['vivienda.id'], name=op.f('fk_form_instance_vivienda_id_vivienda')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_instance'))
    )
    with op.batch_alter_table('form_instance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_instance_form_id'), ['form_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_instance_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_instance_participant_id'), ['participant_id'], unique=False)

    op.create_table('issued_pdf',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('form_instance_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('status_at_issue', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('definition_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['form_instance_id'], ['form_instance.id'], name=op.f('fk_issued_pdf_form_instance_id_form_instance')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_pdf'))
    )
    with op.batch_alter_table('issued_pdf', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issued_pdf_form_instance_id'), ['form_instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_pdf_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_pdf_sha256'), ['sha256'], unique=False)

    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('form_instance_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_attachment_form_instance_id'), ['form_instance_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_attachment_form_instance_id_form_instance'), 'form_instance', ['form_instance_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attachment_form_instance_id_form_instance'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_attachment_form_instance_id'))
        batch_op.drop_column('form_instance_id')

    with op.batch_alter_table('issued_pdf', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issued_pdf_sha256'))
        batch_op.drop_index(batch_op.f('ix_issued_pdf_installation_id'))
        batch_op.drop_index(batch_op.f('ix_issued_pdf_form_instance_id'))

    op.drop_table('issued_pdf')
    with op.batch_alter_table('form_instance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_instance_participant_id'))
        batch_op.drop_index(batch_op.f('ix_form_instance_installation_id'))
        batch_op.drop_index(batch_op.f('ix_form_instance_form_id'))

    op.drop_table('form_instance')
