"""one core for every procedure: a case belongs to an org unit, may have no subject, village or
parent, carries its approval route; a case's files are attachments of any kind; the next event's
number is kept on the case

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 14:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('org_unit_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('route', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('filing', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('current_step', sa.Integer(), nullable=False, server_default='0'))
        batch_op.alter_column('subject_person_id', existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column('village_id', existing_type=sa.Integer(), nullable=True)
    op.execute("UPDATE case_file SET event_count = "
               "(SELECT COALESCE(MAX(seq), 0) FROM event WHERE event.case_id = case_file.id)")
    # Every case so far is a cadre's own, in their village; its route lived on the leave request.
    op.execute("UPDATE case_file SET org_unit_id = village_id")
    op.execute("UPDATE case_file SET route = (SELECT route FROM leave_request WHERE case_id = case_file.id), "
               "filing = (SELECT filing FROM leave_request WHERE case_id = case_file.id), "
               "current_step = COALESCE((SELECT current_step FROM leave_request "
               "WHERE case_id = case_file.id), 0)")
    op.execute("UPDATE case_file SET route = '[]' WHERE route IS NULL")
    op.execute("UPDATE case_file SET filing = '[]' WHERE filing IS NULL")
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.alter_column('org_unit_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('route', existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column('filing', existing_type=sa.JSON(), nullable=False)
        batch_op.create_index(batch_op.f('ix_case_file_org_unit_id'), ['org_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_file_parent_id'), ['parent_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_case_file_org_unit_id_org_unit'), 'org_unit', ['org_unit_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_case_file_parent_id_case_file'), 'case_file', ['parent_id'], ['id'])
    with op.batch_alter_table('leave_request', schema=None) as batch_op:
        batch_op.drop_column('route')
        batch_op.drop_column('filing')
        batch_op.drop_column('current_step')

    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_attachment_case_id_case_file')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_attachment_uploaded_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_case_id'), ['case_id'], unique=False)
    op.execute("INSERT INTO attachment (id, case_id, filename, content_type, size, data, uploaded_by_id, uploaded_at) "
               "SELECT id, case_id, filename, content_type, size, data, uploaded_by_id, uploaded_at FROM leave_document")
    with op.batch_alter_table('leave_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_leave_document_case_id'))
    op.drop_table('leave_document')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("SELECT setval(pg_get_serial_sequence('attachment', 'id'), "
                   "COALESCE((SELECT MAX(id) FROM attachment), 0) + 1, false)")


def downgrade():
    raise NotImplementedError("the core cannot be folded back into leave")
