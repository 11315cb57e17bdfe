"""assessment rounds, each cadre's assessment, and objections while grades are noticed

Revision ID: 0030
Revises: 0029
Create Date: 2026-11-27 00:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'assessment_round',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('org_unit_id', sa.Integer(), nullable=False),
        sa.Column('office_code', sa.String(length=30), nullable=False),
        sa.Column('office_unit_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('excluded', sa.JSON(), nullable=False),
        sa.Column('published_on', sa.Date(), nullable=True),
        sa.Column('notice_until', sa.Date(), nullable=True),
        sa.Column('finalized_on', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id']),
        sa.ForeignKeyConstraint(['org_unit_id'], ['org_unit.id']),
        sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id']),
        sa.ForeignKeyConstraint(['office_unit_id'], ['org_unit.id']),
        sa.PrimaryKeyConstraint('case_id'),
    )
    with op.batch_alter_table('assessment_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_round_org_unit_id'), ['org_unit_id'], unique=False)
    op.create_table(
        'assessment',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('term_id', sa.Integer(), nullable=False),
        sa.Column('self_report', sa.Text(), nullable=True),
        sa.Column('satisfied', sa.Integer(), nullable=True),
        sa.Column('basic', sa.Integer(), nullable=True),
        sa.Column('unsatisfied', sa.Integer(), nullable=True),
        sa.Column('site_check', sa.Text(), nullable=True),
        sa.Column('opinion', sa.Text(), nullable=True),
        sa.Column('inputs', sa.JSON(), nullable=True),
        sa.Column('goals', sa.JSON(), nullable=True),
        sa.Column('scores', sa.JSON(), nullable=True),
        sa.Column('total', sa.Numeric(precision=7, scale=2), nullable=True),
        sa.Column('proposed_grade', sa.String(length=20), nullable=True),
        sa.Column('grade', sa.String(length=20), nullable=True),
        sa.Column('grade_reason', sa.Text(), nullable=True),
        sa.Column('forced_reason', sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id']),
        sa.ForeignKeyConstraint(['round_id'], ['assessment_round.case_id']),
        sa.ForeignKeyConstraint(['term_id'], ['term.id']),
        sa.PrimaryKeyConstraint('case_id'),
    )
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_round_id'), ['round_id'], unique=False)
    op.create_table(
        'assessment_objection',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('raised_by_id', sa.Integer(), nullable=False),
        sa.Column('raised_at', sa.DateTime(), nullable=False),
        sa.Column('resolved_on', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['assessment.case_id']),
        sa.ForeignKeyConstraint(['raised_by_id'], ['user_account.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('assessment_objection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_objection_case_id'), ['case_id'], unique=False)


def downgrade():
    with op.batch_alter_table('assessment_objection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_objection_case_id'))
    op.drop_table('assessment_objection')
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_round_id'))
    op.drop_table('assessment')
    with op.batch_alter_table('assessment_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_round_org_unit_id'))
    op.drop_table('assessment_round')
