"""one core for every procedure

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 14:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_count', sa.Integer(), nullable=False, server_default='0'))
    op.execute("UPDATE case_file SET event_count = "
               "(SELECT COALESCE(MAX(seq), 0) FROM event WHERE event.case_id = case_file.id)")


def downgrade():
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.drop_column('event_count')
