"""holiday notices

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 14:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('holiday_notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=False),
    sa.Column('entered_at', sa.DateTime(), nullable=False),
    sa.Column('superseded_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['entered_by_id'], ['user_account.id'], name=op.f('fk_holiday_notice_entered_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_holiday_notice')),
    sa.UniqueConstraint('year', 'version', name=op.f('uq_holiday_notice_year'))
    )
    with op.batch_alter_table('holiday_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_holiday_notice_year'), ['year'], unique=False)

    op.create_table('calendar_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notice_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['notice_id'], ['holiday_notice.id'], name=op.f('fk_calendar_day_notice_id_holiday_notice')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_day')),
    sa.UniqueConstraint('notice_id', 'day', name=op.f('uq_calendar_day_notice_id'))
    )
    with op.batch_alter_table('calendar_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_day_notice_id'), ['notice_id'], unique=False)


def downgrade():
    with op.batch_alter_table('calendar_day', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_day_notice_id'))

    op.drop_table('calendar_day')
    with op.batch_alter_table('holiday_notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_holiday_notice_year'))

    op.drop_table('holiday_notice')
