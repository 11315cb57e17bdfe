"""the handover between an outgoing and an incoming cadre, its items, and the term-end case

Revision ID: 0029
Revises: 0028
Create Date: 2026-11-26 23:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'handover',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('source', sa.String(length=20), nullable=False),
        sa.Column('outgoing_term_id', sa.Integer(), nullable=False),
        sa.Column('incoming_person_id', sa.Integer(), nullable=False),
        sa.Column('incoming_term_id', sa.Integer(), nullable=True),
        sa.Column('handover_date', sa.Date(), nullable=False),
        sa.Column('outgoing_absent', sa.Boolean(), nullable=False),
        sa.Column('absent_reason', sa.Text(), nullable=True),
        sa.Column('checklist_done', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id']),
        sa.ForeignKeyConstraint(['team_id'], ['team.id']),
        sa.ForeignKeyConstraint(['outgoing_term_id'], ['term.id']),
        sa.ForeignKeyConstraint(['incoming_person_id'], ['person.id']),
        sa.ForeignKeyConstraint(['incoming_term_id'], ['term.id']),
        sa.PrimaryKeyConstraint('case_id'),
    )
    with op.batch_alter_table('handover', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_handover_incoming_person_id'), ['incoming_person_id'], unique=False)
    op.create_table(
        'handover_item',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('heading', sa.String(length=20), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('detail', sa.Text(), nullable=True),
        sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('resolution', sa.Text(), nullable=True),
        sa.Column('documents', sa.JSON(), nullable=False),
        sa.Column('case_ref_id', sa.Integer(), nullable=True),
        sa.Column('automatic', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['handover.case_id']),
        sa.ForeignKeyConstraint(['case_ref_id'], ['case_file.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('handover_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_item_case_id'), ['case_id'], unique=False)
    op.create_table(
        'term_end',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('term_id', sa.Integer(), nullable=False),
        sa.Column('planned_end_date', sa.Date(), nullable=False),
        sa.Column('decision', sa.String(length=10), nullable=True),
        sa.Column('new_end_date', sa.Date(), nullable=True),
        sa.Column('handover_case_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id']),
        sa.ForeignKeyConstraint(['term_id'], ['term.id']),
        sa.ForeignKeyConstraint(['handover_case_id'], ['case_file.id']),
        sa.PrimaryKeyConstraint('case_id'),
        sa.UniqueConstraint('term_id', 'planned_end_date', name=op.f('uq_term_end_term_id')),
    )


def downgrade():
    op.drop_table('term_end')
    with op.batch_alter_table('handover_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_item_case_id'))
    op.drop_table('handover_item')
    with op.batch_alter_table('handover', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_incoming_person_id'))
        batch_op.drop_index(batch_op.f('ix_handover_team_id'))
    op.drop_table('handover')
