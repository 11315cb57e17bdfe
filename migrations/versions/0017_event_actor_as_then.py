"""history names who acted as they were then: the actor's name, office and unit on each event

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 10:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event') as batch:
        batch.add_column(sa.Column('actor_name', sa.String(length=50), nullable=True))
        batch.add_column(sa.Column('actor_office', sa.String(length=30), nullable=True))
        batch.add_column(sa.Column('actor_unit', sa.String(length=100), nullable=True))
    # Events written before: the best record there is of the name is the person's name today.
    op.execute("UPDATE event SET actor_name = (SELECT person.name FROM user_account "
               "JOIN person ON person.id = user_account.person_id WHERE user_account.id = event.actor_id)")


def downgrade():
    with op.batch_alter_table('event') as batch:
        batch.drop_column('actor_unit')
        batch.drop_column('actor_office')
        batch.drop_column('actor_name')
