"""presence start changes: who moved a jurisdiction's go-live date

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-27 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('presence_start_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_unit_id', sa.Integer(), nullable=False),
    sa.Column('old_date', sa.Date(), nullable=True),
    sa.Column('new_date', sa.Date(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=False),
    sa.Column('changed_by_name', sa.String(length=100), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['user_account.id'], name=op.f('fk_presence_start_change_changed_by_id_user_account')),
    sa.ForeignKeyConstraint(['org_unit_id'], ['org_unit.id'], name=op.f('fk_presence_start_change_org_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_presence_start_change'))
    )
    with op.batch_alter_table('presence_start_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_presence_start_change_org_unit_id'), ['org_unit_id'], unique=False)


def downgrade():
    with op.batch_alter_table('presence_start_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_presence_start_change_org_unit_id'))

    op.drop_table('presence_start_change')
