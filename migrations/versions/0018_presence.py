"""presence: sign-ins, missed days, duty days, and the day a jurisdiction's presence records begin

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 10:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('org_unit') as batch:
        batch.add_column(sa.Column('presence_from', sa.Date(), nullable=True))
    op.create_table(
        'sign_in',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('location', sa.String(length=200), nullable=True),
        sa.Column('late', sa.Boolean(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_sign_in_person_id_person')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'],
                                name=op.f('fk_sign_in_recorded_by_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in')),
        sa.UniqueConstraint('person_id', 'day', name=op.f('uq_sign_in_person_id')),
    )
    op.create_index('ix_sign_in_day', 'sign_in', ['day'])
    op.create_table(
        'missed_day',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('confirmations', sa.JSON(), nullable=False),
        sa.Column('confirmed', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_missed_day_person_id_person')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'],
                                name=op.f('fk_missed_day_recorded_by_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_missed_day')),
        sa.UniqueConstraint('person_id', 'day', name=op.f('uq_missed_day_person_id')),
    )
    op.create_index('ix_missed_day_day', 'missed_day', ['day'])
    op.create_table(
        'duty_day',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_unit_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['org_unit_id'], ['org_unit.id'], name=op.f('fk_duty_day_org_unit_id_org_unit')),
        sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'],
                                name=op.f('fk_duty_day_created_by_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_day')),
        sa.UniqueConstraint('org_unit_id', 'day', name=op.f('uq_duty_day_org_unit_id')),
    )


def downgrade():
    op.drop_table('duty_day')
    op.drop_index('ix_missed_day_day', table_name='missed_day')
    op.drop_table('missed_day')
    op.drop_index('ix_sign_in_day', table_name='sign_in')
    op.drop_table('sign_in')
    with op.batch_alter_table('org_unit') as batch:
        batch.drop_column('presence_from')
