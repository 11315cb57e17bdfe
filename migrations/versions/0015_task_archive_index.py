"""an index for a user's archive of closed tasks

Revision ID: 0015
Revises: 0012
Create Date: 2026-11-26 15:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_task_closed_by', 'task', ['closed_by_id', 'status', 'closed_at'], unique=False)


def downgrade():
    op.drop_index('ix_task_closed_by', table_name='task')
