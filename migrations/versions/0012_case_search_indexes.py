"""case search indexes

Revision ID: 0012
Revises: 0014
Create Date: 2026-11-27 10:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_case_file_created', 'case_file', ['created_at', 'id'])
    op.create_index('ix_case_file_kind_state_created', 'case_file', ['kind', 'state', 'created_at'])
    op.create_index('ix_case_file_village_created', 'case_file', ['village_id', 'created_at'])
    op.create_index('ix_case_file_subject_created', 'case_file', ['subject_person_id', 'created_at'])
    op.create_index('ix_task_office_case', 'task', ['office_code', 'org_unit_id', 'case_id'])
    op.create_index('ix_task_assignee_case', 'task', ['assignee_id', 'case_id'])
    # The overdue filter reads the case from the index too: widen the sweep's index by case_id.
    op.drop_index('ix_task_open_due', table_name='task')
    op.create_index('ix_task_open_due', 'task', ['status', 'due_date', 'case_id'])
    # Part-of-a-name search (ILIKE '%…%'): a trigram index on PostgreSQL; a plain one on SQLite.
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    op.create_index('ix_person_name_trgm', 'person', ['name'], postgresql_using='gin',
                    postgresql_ops={'name': 'gin_trgm_ops'})


def downgrade():
    op.drop_index('ix_person_name_trgm', table_name='person')
    op.drop_index('ix_task_open_due', table_name='task')
    op.create_index('ix_task_open_due', 'task', ['status', 'due_date'])
    op.drop_index('ix_task_assignee_case', table_name='task')
    op.drop_index('ix_task_office_case', table_name='task')
    op.drop_index('ix_case_file_subject_created', table_name='case_file')
    op.drop_index('ix_case_file_village_created', table_name='case_file')
    op.drop_index('ix_case_file_kind_state_created', table_name='case_file')
    op.drop_index('ix_case_file_created', table_name='case_file')
