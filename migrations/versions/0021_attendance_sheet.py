"""monthly attendance sheets

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-26 19:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('attendance_sheet',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('submit_by', sa.Date(), nullable=False),
    sa.Column('file_by', sa.Date(), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=True),
    sa.Column('frozen_at', sa.DateTime(), nullable=True),
    sa.Column('leave_slips', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_attendance_sheet_case_id_case_file')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_attendance_sheet_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_attendance_sheet')),
    sa.UniqueConstraint('unit_id', 'month', name=op.f('uq_attendance_sheet_unit_id'))
    )


def downgrade():
    op.drop_table('attendance_sheet')
