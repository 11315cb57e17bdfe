"""spot checks and explanations

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-26 18:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('spot_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('time', sa.String(length=5), nullable=True),
    sa.Column('method', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('present', sa.JSON(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_spot_check_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['village_id'], ['org_unit.id'], name=op.f('fk_spot_check_village_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spot_check'))
    )
    with op.batch_alter_table('spot_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spot_check_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_spot_check_village_id'), ['village_id'], unique=False)

    op.create_table('spot_check_finding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('spot_check_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('cover', sa.String(length=20), nullable=True),
    sa.Column('covered_by_case_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['covered_by_case_id'], ['case_file.id'], name=op.f('fk_spot_check_finding_covered_by_case_id_case_file')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_spot_check_finding_person_id_person')),
    sa.ForeignKeyConstraint(['spot_check_id'], ['spot_check.id'], name=op.f('fk_spot_check_finding_spot_check_id_spot_check')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spot_check_finding')),
    sa.UniqueConstraint('spot_check_id', 'person_id', name=op.f('uq_spot_check_finding_spot_check_id'))
    )
    with op.batch_alter_table('spot_check_finding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spot_check_finding_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spot_check_finding_spot_check_id'), ['spot_check_id'], unique=False)

    op.create_table('explanation',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('batched_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_explanation_case_id_case_file')),
    sa.ForeignKeyConstraint(['finding_id'], ['spot_check_finding.id'], name=op.f('fk_explanation_finding_id_spot_check_finding')),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_explanation')),
    sa.UniqueConstraint('finding_id', name=op.f('uq_explanation_finding_id'))
    )
    with op.batch_alter_table('explanation', schema=None) as batch_op:
        batch_op.create_index('ix_explanation_unbatched', ['batched_on', 'decided_on'], unique=False)


def downgrade():
    with op.batch_alter_table('explanation', schema=None) as batch_op:
        batch_op.drop_index('ix_explanation_unbatched')
    op.drop_table('explanation')
    with op.batch_alter_table('spot_check_finding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_spot_check_finding_spot_check_id'))
        batch_op.drop_index(batch_op.f('ix_spot_check_finding_person_id'))
    op.drop_table('spot_check_finding')
    with op.batch_alter_table('spot_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_spot_check_village_id'))
        batch_op.drop_index(batch_op.f('ix_spot_check_day'))
    op.drop_table('spot_check')
