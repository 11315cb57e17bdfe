"""login safety: a session token per account, and every login attempt

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-27 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    # Sessions signed in before the upgrade carry no token: they end, and their users log in again.
    with op.batch_alter_table('user_account') as batch:
        batch.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
    op.create_table(
        'login_attempt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('username', sa.String(length=100), nullable=False),
        sa.Column('address', sa.String(length=64), nullable=True),
        sa.Column('outcome', sa.String(length=10), nullable=False),
        sa.Column('by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], name=op.f('fk_login_attempt_by_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempt')),
    )
    op.create_index('ix_login_attempt_username_at', 'login_attempt', ['username', 'at'], unique=False)
    op.create_index('ix_login_attempt_address_at', 'login_attempt', ['address', 'at'], unique=False)


def downgrade():
    op.drop_index('ix_login_attempt_address_at', table_name='login_attempt')
    op.drop_index('ix_login_attempt_username_at', table_name='login_attempt')
    op.drop_table('login_attempt')
    with op.batch_alter_table('user_account') as batch:
        batch.drop_column('session_token')
