"""sign-out (签退) on the day's sign-in

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-26 20:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sign_in', schema=None) as batch_op:
        batch_op.add_column(sa.Column('out_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('left_early', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('sign_in', schema=None) as batch_op:
        batch_op.drop_column('left_early')
        batch_op.drop_column('out_at')
