"""Profile amendments: a profile imported again with different content, held for business support

Revision ID: 0006
Revises: 0005
Created: 2026-12-06 03:25:33.449701
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('profile_amendment',
    sa.Column('profile_id', sa.Uuid(), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.Column('document_sha256', sa.String(length=64), nullable=False),
    sa.Column('differences', sa.Text(), nullable=False),
    sa.Column('source_name', sa.String(length=400), nullable=True),
    sa.Column('received_by_id', sa.Uuid(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'accepted', 'rejected', name='amendment_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('decided_by_id', sa.Uuid(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version_number', sa.Integer(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['app_user.id'], name=op.f('fk_profile_amendment_decided_by_id_app_user')),
    sa.ForeignKeyConstraint(['profile_id'], ['profile360.id'], name=op.f('fk_profile_amendment_profile_id_profile360'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['received_by_id'], ['app_user.id'], name=op.f('fk_profile_amendment_received_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_amendment'))
    )
    with op.batch_alter_table('profile_amendment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_amendment_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_profile_amendment_status'), ['status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('profile_amendment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_amendment_status'))
        batch_op.drop_index(batch_op.f('ix_profile_amendment_profile_id'))

    op.drop_table('profile_amendment')
