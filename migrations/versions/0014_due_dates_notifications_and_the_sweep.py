"""due dates, notifications and the daily sweep

Revision ID: 0014
Revises: 0009
Create Date: 2026-11-26 14:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'sweep_run',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('job', sa.String(length=50), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.Column('report', sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sweep_run')),
        sa.UniqueConstraint('job', 'day', name=op.f('uq_sweep_run_job')),
    )
    op.create_table(
        'notification',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('params', sa.JSON(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.Column('task_id', sa.Integer(), nullable=True),
        sa.Column('read_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_notification_case_id_case_file')),
        sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_notification_task_id_task')),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_notification_user_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notification')),
    )
    op.create_index('ix_notification_user', 'notification', ['user_id', 'at'], unique=False)
    op.create_index('ix_notification_unread', 'notification', ['user_id', 'read_at'], unique=False)
    op.create_table(
        'task_notice',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('task_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_notice_task_id_task')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_task_notice')),
        sa.UniqueConstraint('task_id', 'kind', name=op.f('uq_task_notice_task_id')),
    )
    op.create_table(
        'supervision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('task_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('office_code', sa.String(length=30), nullable=False),
        sa.Column('org_unit_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_supervision_case_id_case_file')),
        sa.ForeignKeyConstraint(['org_unit_id'], ['org_unit.id'], name=op.f('fk_supervision_org_unit_id_org_unit')),
        sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_supervision_task_id_task')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision')),
        sa.UniqueConstraint('task_id', name=op.f('uq_supervision_task_id')),
    )
    op.create_index(op.f('ix_supervision_case_id'), 'supervision', ['case_id'], unique=False)
    op.create_index('ix_supervision_office', 'supervision', ['office_code', 'org_unit_id', 'at'], unique=False)
    op.create_index('ix_task_open_due', 'task', ['status', 'due_date'], unique=False)
    op.create_index('ix_task_inbox_office_due', 'task', ['status', 'office_code', 'org_unit_id', 'due_date'],
                    unique=False)


def downgrade():
    op.drop_index('ix_task_inbox_office_due', table_name='task')
    op.drop_index('ix_task_open_due', table_name='task')
    op.drop_index('ix_supervision_office', table_name='supervision')
    op.drop_index(op.f('ix_supervision_case_id'), table_name='supervision')
    op.drop_table('supervision')
    op.drop_table('task_notice')
    op.drop_index('ix_notification_unread', table_name='notification')
    op.drop_index('ix_notification_user', table_name='notification')
    op.drop_table('notification')
    op.drop_table('sweep_run')
