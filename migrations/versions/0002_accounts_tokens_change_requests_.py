"""accounts: API tokens; editing: change requests; audit: revisions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 05:24:32.393862

House rules: one concern per revision; reversible; safe while the previous release still
serves; no ORM imports (models change, migrations must not).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.Enum('PUBLIC', 'PRACTITIONER', 'STATE_EDITOR', 'SECRETARIAT', name='role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('jurisdiction_id', sa.Integer(), nullable=True),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("(role = 'STATE_EDITOR') = (jurisdiction_id IS NOT NULL)", name=op.f('ck_api_token_editor_has_jurisdiction')),
    sa.CheckConstraint("role <> 'PUBLIC'", name=op.f('ck_api_token_not_public')),
    sa.ForeignKeyConstraint(['jurisdiction_id'], ['jurisdiction.id'], name=op.f('fk_api_token_jurisdiction_id_jurisdiction'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_token_jurisdiction_id'), ['jurisdiction_id'], unique=False)

    op.create_table('change_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('status', sa.Enum('PENDING', 'APPLIED', 'REJECTED', name='change_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('jurisdiction_id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=True),
    sa.Column('base_version', sa.Integer(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('note', sa.String(length=2000), nullable=True),
    sa.Column('submitted_by', sa.String(length=250), nullable=False),
    sa.Column('submitted_token_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reviewed_by', sa.String(length=250), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('review_reason', sa.String(length=2000), nullable=True),
    sa.ForeignKeyConstraint(['jurisdiction_id'], ['jurisdiction.id'], name=op.f('fk_change_request_jurisdiction_id_jurisdiction'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['submitted_token_id'], ['api_token.id'], name=op.f('fk_change_request_submitted_token_id_api_token'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_request'))
    )
    with op.batch_alter_table('change_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_request_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_request_jurisdiction_id'), ['jurisdiction_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_request_status'), ['status'], unique=False)

    op.create_table('revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=250), nullable=False),
    sa.Column('token_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.Enum('CREATE', 'UPDATE', 'RETIRE', 'REMOVE', 'CONFIRM', name='revision_action', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=True),
    sa.Column('jurisdiction_id', sa.Integer(), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('reason', sa.String(length=2000), nullable=True),
    sa.Column('change_request_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['change_request_id'], ['change_request.id'], name=op.f('fk_revision_change_request_id_change_request'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['token_id'], ['api_token.id'], name=op.f('fk_revision_token_id_api_token'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revision'))
    )
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revision_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_revision_change_request_id'), ['change_request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_revision_jurisdiction_id'), ['jurisdiction_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_revision_token_id'), ['token_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revision_token_id'))
        batch_op.drop_index(batch_op.f('ix_revision_jurisdiction_id'))
        batch_op.drop_index(batch_op.f('ix_revision_change_request_id'))
        batch_op.drop_index(batch_op.f('ix_revision_authority_id'))

    op.drop_table('revision')
    with op.batch_alter_table('change_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_request_status'))
        batch_op.drop_index(batch_op.f('ix_change_request_jurisdiction_id'))
        batch_op.drop_index(batch_op.f('ix_change_request_authority_id'))

    op.drop_table('change_request')
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_token_jurisdiction_id'))

    op.drop_table('api_token')
