"""exchange bundles and sync state

Issue 13: the history of the bundles made for and taken from each peer (sequences,
acknowledgements, the audit entries each carried or wrote), where each shared record
stands with each peer (the version pairs of domain/sync_merge.py) and the conflicts kept
for a person to resolve. Bookkeeping of the exchange, not synchronised records.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 01:24:46.254902
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('exchange_bundle',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('peer_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('direction', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('audit_from', sa.Integer(), nullable=False),
    sa.Column('audit_to', sa.Integer(), nullable=False),
    sa.Column('acknowledged', sa.Integer(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('counts', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('made_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('applied_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('sender_audit_seq', sa.Integer(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.ForeignKeyConstraint(['peer_id'], ['peer.id'], name=op.f('fk_exchange_bundle_peer_id_peer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_bundle')),
    sa.UniqueConstraint('peer_id', 'direction', 'sequence', name=op.f('uq_exchange_bundle_peer_id'))
    )
    with op.batch_alter_table('exchange_bundle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_bundle_peer_id'), ['peer_id'], unique=False)

    op.create_table('sync_conflict',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('peer_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('table_name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('record_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('local_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('incoming_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('incoming_mine', sa.Integer(), nullable=False),
    sa.Column('incoming_theirs', sa.Integer(), nullable=False),
    sa.Column('bundle_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('found_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('resolved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('resolved_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.ForeignKeyConstraint(['peer_id'], ['peer.id'], name=op.f('fk_sync_conflict_peer_id_peer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict'))
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_peer_id'), ['peer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_record_id'), ['record_id'], unique=False)

    op.create_table('sync_stamp',
    sa.Column('peer_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('record_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('table_name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('mine', sa.Integer(), nullable=False),
    sa.Column('theirs', sa.Integer(), nullable=False),
    sa.Column('stamps', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sent_in', sa.Integer(), nullable=True),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.ForeignKeyConstraint(['peer_id'], ['peer.id'], name=op.f('fk_sync_stamp_peer_id_peer')),
    sa.PrimaryKeyConstraint('peer_id', 'record_id', name=op.f('pk_sync_stamp'))
    )


def downgrade() -> None:
    op.drop_table('sync_stamp')
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_record_id'))
        batch_op.drop_index(batch_op.f('ix_sync_conflict_peer_id'))

    op.drop_table('sync_conflict')
    with op.batch_alter_table('exchange_bundle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_bundle_peer_id'))

    op.drop_table('exchange_bundle')
