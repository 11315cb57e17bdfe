"""absence thresholds: recall details, absence crossings, person grades

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-26 19:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('recall',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=20), nullable=False),
    sa.Column('grounds', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('evidence', sa.JSON(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('notice_no', sa.String(length=50), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_recall_case_id_case_file')),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_recall'))
    )
    op.create_table('absence_crossing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=20), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_absence_crossing_case_id_case_file')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_absence_crossing_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_absence_crossing')),
    sa.UniqueConstraint('person_id', 'kind', 'key', name=op.f('uq_absence_crossing_person_id'))
    )
    with op.batch_alter_table('absence_crossing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_absence_crossing_person_id'), ['person_id'], unique=False)

    op.create_table('person_grade',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('grade', sa.String(length=20), nullable=False),
    sa.Column('wording', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('source_case_id', sa.Integer(), nullable=True),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_grade_person_id_person')),
    sa.ForeignKeyConstraint(['source_case_id'], ['case_file.id'], name=op.f('fk_person_grade_source_case_id_case_file')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_grade')),
    sa.UniqueConstraint('person_id', 'period', 'kind', name=op.f('uq_person_grade_person_id'))
    )
    with op.batch_alter_table('person_grade', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_grade_person_id'), ['person_id'], unique=False)


def downgrade():
    with op.batch_alter_table('person_grade', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_grade_person_id'))
    op.drop_table('person_grade')
    with op.batch_alter_table('absence_crossing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_absence_crossing_person_id'))
    op.drop_table('absence_crossing')
    op.drop_table('recall')
