"""work log: daily entries with their revisions, and the details of a review case

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 10:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'work_log_entry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('work_done', sa.Text(), nullable=False),
        sa.Column('households_count', sa.Integer(), nullable=True),
        sa.Column('households', sa.Text(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id']),
        sa.ForeignKeyConstraint(['team_id'], ['team.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('person_id', 'day'),
    )
    op.create_index('ix_work_log_entry_team_day', 'work_log_entry', ['team_id', 'day'])
    op.create_table(
        'work_log_revision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entry_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('work_done', sa.Text(), nullable=False),
        sa.Column('households_count', sa.Integer(), nullable=True),
        sa.Column('households', sa.Text(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('written_at', sa.DateTime(), nullable=False),
        sa.Column('written_by_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['entry_id'], ['work_log_entry.id']),
        sa.ForeignKeyConstraint(['written_by_id'], ['user_account.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('entry_id', 'seq'),
    )
    op.create_table(
        'work_log_review',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('office_code', sa.String(length=30), nullable=False),
        sa.Column('period_start', sa.Date(), nullable=False),
        sa.Column('period_end', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id']),
        sa.ForeignKeyConstraint(['team_id'], ['team.id']),
        sa.PrimaryKeyConstraint('case_id'),
        sa.UniqueConstraint('team_id', 'office_code', 'period_start'),
    )


def downgrade():
    op.drop_table('work_log_review')
    op.drop_table('work_log_revision')
    op.drop_index('ix_work_log_entry_team_day', table_name='work_log_entry')
    op.drop_table('work_log_entry')
