"""recall and adjustment: the decision, the notice, the talk and the replacement on a recall case

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-26 20:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('recall', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decided_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('notice_office', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('notice_unit_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('talk_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('talk_note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('replacement_person_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_recall_notice_unit_id_org_unit', 'org_unit', ['notice_unit_id'], ['id'])
        batch_op.create_foreign_key('fk_recall_replacement_person_id_person', 'person',
                                    ['replacement_person_id'], ['id'])
        batch_op.create_unique_constraint('uq_recall_notice_no', ['notice_no'])


def downgrade():
    with op.batch_alter_table('recall', schema=None) as batch_op:
        batch_op.drop_constraint('uq_recall_notice_no', type_='unique')
        batch_op.drop_constraint('fk_recall_replacement_person_id_person', type_='foreignkey')
        batch_op.drop_constraint('fk_recall_notice_unit_id_org_unit', type_='foreignkey')
        batch_op.drop_column('replacement_person_id')
        batch_op.drop_column('talk_note')
        batch_op.drop_column('talk_date')
        batch_op.drop_column('notice_unit_id')
        batch_op.drop_column('notice_office')
        batch_op.drop_column('decided_on')
