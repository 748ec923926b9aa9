"""circuit: referrals, stays, outings, controls, incidents, contributions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 06:39:50.288460
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('referral',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('participant_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('referring_centre_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('origin_centre_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('form_instance_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('protocol_date', sa.Date(), nullable=False),
    sa.Column('received_date', sa.Date(), nullable=True),
    sa.Column('included_date', sa.Date(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('incomplete_cause', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('fixed_date', sa.Date(), nullable=True),
    sa.Column('fix_note', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('consensus', sqlmodel.sql.sqltypes.AutoString(length=15), nullable=False),
    sa.Column('exclusion_criteria', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('exclusion_override', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('voluntary', sa.Boolean(), nullable=False),
    sa.Column('prison', sa.Boolean(), nullable=False),
    sa.Column('court_order', sa.Boolean(), nullable=False),
    sa.Column('court_order_note', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('postponed_reason', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('postponed_note', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('postponed_until', sa.Date(), nullable=True),
    sa.Column('keep_decision', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('priority_until', sa.Date(), nullable=True),
    sa.Column('priority_vivienda_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('vivienda_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('assigned_date', sa.Date(), nullable=True),
    sa.Column('planned_admission_date', sa.Date(), nullable=True),
    sa.Column('centre_consulted_note', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('closed_date', sa.Date(), nullable=True),
    sa.Column('closed_reason', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.ForeignKeyConstraint(['form_instance_id'], ['form_instance.id'], name=op.f('fk_referral_form_instance_id_form_instance')),
    sa.ForeignKeyConstraint(['origin_centre_id'], ['referring_centre.id'], name=op.f('fk_referral_origin_centre_id_referring_centre')),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_referral_participant_id_participant')),
    sa.ForeignKeyConstraint(['priority_vivienda_id'], ['vivienda.id'], name=op.f('fk_referral_priority_vivienda_id_vivienda')),
    sa.ForeignKeyConstraint(['referring_centre_id'], ['referring_centre.id'], name=op.f('fk_referral_referring_centre_id_referring_centre')),
    sa.ForeignKeyConstraint(['vivienda_id'], ['vivienda.id'], name=op.f('fk_referral_vivienda_id_vivienda')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral'))
    )
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referral_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referral_status'), ['status'], unique=False)

    op.create_table('referral_event',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('referral_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_referral_event_referral_id_referral')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral_event'))
    )
    with op.batch_alter_table('referral_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_event_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referral_event_referral_id'), ['referral_id'], unique=False)

    op.create_table('stay',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('participant_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('referral_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('vivienda_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('admission_date', sa.Date(), nullable=False),
    sa.Column('programme', sqlmodel.sql.sqltypes.AutoString(length=15), nullable=False),
    sa.Column('prison', sa.Boolean(), nullable=False),
    sa.Column('court_order', sa.Boolean(), nullable=False),
    sa.Column('planned_discharge_date', sa.Date(), nullable=True),
    sa.Column('discharge_date', sa.Date(), nullable=True),
    sa.Column('discharge_type', sqlmodel.sql.sqltypes.AutoString(length=15), nullable=False),
    sa.Column('discharge_reason', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('disciplinary_criterion', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('abandonment_reason', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('over_9_months_justification', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('discharge_notice_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_stay_participant_id_participant')),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_stay_referral_id_referral')),
    sa.ForeignKeyConstraint(['vivienda_id'], ['vivienda.id'], name=op.f('fk_stay_vivienda_id_vivienda')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stay'))
    )
    with op.batch_alter_table('stay', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stay_admission_date'), ['admission_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_stay_discharge_date'), ['discharge_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_stay_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stay_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stay_vivienda_id'), ['vivienda_id'], unique=False)

    op.create_table('economic_contribution',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('stay_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('monthly_income', sa.Float(), nullable=False),
    sa.Column('income_origin', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('duration_months', sa.Integer(), nullable=False),
    sa.Column('family_circumstances', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('daily_amount', sa.Float(), nullable=False),
    sa.Column('authorised_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('authorised_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['stay_id'], ['stay.id'], name=op.f('fk_economic_contribution_stay_id_stay')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_economic_contribution'))
    )
    with op.batch_alter_table('economic_contribution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_economic_contribution_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_economic_contribution_stay_id'), ['stay_id'], unique=False)

    op.create_table('incident',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('stay_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('severity', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.ForeignKeyConstraint(['stay_id'], ['stay.id'], name=op.f('fk_incident_stay_id_stay')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident'))
    )
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incident_stay_id'), ['stay_id'], unique=False)

    op.create_table('outing',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('stay_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.ForeignKeyConstraint(['stay_id'], ['stay.id'], name=op.f('fk_outing_stay_id_stay')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outing'))
    )
    with op.batch_alter_table('outing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outing_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outing_stay_id'), ['stay_id'], unique=False)

    op.create_table('tox_control',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('installation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('stay_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('result', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('substances', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('after_outing', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['stay_id'], ['stay.id'], name=op.f('fk_tox_control_stay_id_stay')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tox_control'))
    )
    with op.batch_alter_table('tox_control', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tox_control_installation_id'), ['installation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tox_control_stay_id'), ['stay_id'], unique=False)

    with op.batch_alter_table('installation', schema=None) as batch_op:
        # Existing installations get the defaults: a VAR, 30 days of adaptation, no cost yet.
        batch_op.add_column(sa.Column('programme_kind', sqlmodel.sql.sqltypes.AutoString(length=15), nullable=False, server_default='var'))
        batch_op.add_column(sa.Column('adaptation_days', sa.Integer(), nullable=False, server_default='30'))
        batch_op.add_column(sa.Column('cost_per_place_day', sa.Float(), nullable=False, server_default='0'))



def downgrade() -> None:
    with op.batch_alter_table('installation', schema=None) as batch_op:
        batch_op.drop_column('cost_per_place_day')
        batch_op.drop_column('adaptation_days')
        batch_op.drop_column('programme_kind')

    with op.batch_alter_table('tox_control', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tox_control_stay_id'))
        batch_op.drop_index(batch_op.f('ix_tox_control_installation_id'))

    op.drop_table('tox_control')
    with op.batch_alter_table('outing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outing_stay_id'))
        batch_op.drop_index(batch_op.f('ix_outing_installation_id'))

    op.drop_table('outing')
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_stay_id'))
        batch_op.drop_index(batch_op.f('ix_incident_installation_id'))

    op.drop_table('incident')
    with op.batch_alter_table('economic_contribution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_economic_contribution_stay_id'))
        batch_op.drop_index(batch_op.f('ix_economic_contribution_installation_id'))

    op.drop_table('economic_contribution')
    with op.batch_alter_table('stay', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stay_vivienda_id'))
        batch_op.drop_index(batch_op.f('ix_stay_participant_id'))
        batch_op.drop_index(batch_op.f('ix_stay_installation_id'))
        batch_op.drop_index(batch_op.f('ix_stay_discharge_date'))
        batch_op.drop_index(batch_op.f('ix_stay_admission_date'))

    op.drop_table('stay')
    with op.batch_alter_table('referral_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_event_referral_id'))
        batch_op.drop_index(batch_op.f('ix_referral_event_installation_id'))

    op.drop_table('referral_event')
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_status'))
        batch_op.drop_index(batch_op.f('ix_referral_participant_id'))
        batch_op.drop_index(batch_op.f('ix_referral_installation_id'))

    op.drop_table('referral')
