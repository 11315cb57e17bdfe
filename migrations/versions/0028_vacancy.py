"""a team's vacancy after a recall or an adjustment, its replacement and acting leader

Revision ID: 0028
Revises: 0027
Create Date: 2026-11-26 21:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'vacancy',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.String(length=20), nullable=False),
        sa.Column('left_person_id', sa.Integer(), nullable=False),
        sa.Column('left_term_id', sa.Integer(), nullable=True),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('opened_on', sa.Date(), nullable=False),
        sa.Column('filled_by_id', sa.Integer(), nullable=True),
        sa.Column('filled_term_id', sa.Integer(), nullable=True),
        sa.Column('filled_at', sa.DateTime(), nullable=True),
        sa.Column('acting_leader_id', sa.Integer(), nullable=True),
        sa.Column('acting_named_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['team_id'], ['team.id']),
        sa.ForeignKeyConstraint(['left_person_id'], ['person.id']),
        sa.ForeignKeyConstraint(['left_term_id'], ['term.id']),
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id']),
        sa.ForeignKeyConstraint(['filled_by_id'], ['person.id']),
        sa.ForeignKeyConstraint(['filled_term_id'], ['term.id']),
        sa.ForeignKeyConstraint(['acting_leader_id'], ['person.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('case_id'),
    )
    with op.batch_alter_table('vacancy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vacancy_team_id'), ['team_id'], unique=False)


def downgrade():
    with op.batch_alter_table('vacancy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vacancy_team_id'))
    op.drop_table('vacancy')
