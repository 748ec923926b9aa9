"""exchange peers

Issue 13: the centres and offices this installation exchanges bundles with, their public
keys (Ed25519 signing, age X25519 encryption) and the fingerprint someone confirmed by
phone before they were trusted.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08 01:20:09.915743
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('peer',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('peer_installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('signing_public', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('age_recipient', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('fingerprint', sqlmodel.sql.sqltypes.AutoString(length=19), nullable=False),
    sa.Column('confirmed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('confirmed_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer'))
    )
    with op.batch_alter_table('peer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_peer_installation_id'), ['peer_installation_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('peer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_peer_peer_installation_id'))
        batch_op.drop_index(batch_op.f('ix_peer_installation_id'))

    op.drop_table('peer')
