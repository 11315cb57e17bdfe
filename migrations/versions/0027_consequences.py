"""consequences of a recall on the cadre and on the dispatching unit

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-26 21:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('person_consequence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_person_consequence_case_id_case_file')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_consequence_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_consequence')),
    sa.UniqueConstraint('case_id', 'kind', name=op.f('uq_person_consequence_case_id'))
    )
    with op.batch_alter_table('person_consequence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_consequence_person_id'), ['person_id'], unique=False)

    op.create_table('unit_consequence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_unit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_unit_consequence_case_id_case_file')),
    sa.ForeignKeyConstraint(['org_unit_id'], ['org_unit.id'], name=op.f('fk_unit_consequence_org_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_consequence')),
    sa.UniqueConstraint('case_id', 'kind', name=op.f('uq_unit_consequence_case_id'))
    )
    with op.batch_alter_table('unit_consequence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_consequence_org_unit_id'), ['org_unit_id'], unique=False)


def downgrade():
    with op.batch_alter_table('unit_consequence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_consequence_org_unit_id'))
    op.drop_table('unit_consequence')
    with op.batch_alter_table('person_consequence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_consequence_person_id'))
    op.drop_table('person_consequence')
