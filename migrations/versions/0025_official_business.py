"""an official absence's business: trip, meeting or training

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-26 20:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('leave_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('business', sa.String(length=20), nullable=True))
    # Every official absence recorded so far was a trip: the only business the form offered.
    op.execute("UPDATE leave_request SET business = 'official_trip' WHERE leave_type = 'official_trip'")


def downgrade():
    with op.batch_alter_table('leave_request', schema=None) as batch_op:
        batch_op.drop_column('business')
