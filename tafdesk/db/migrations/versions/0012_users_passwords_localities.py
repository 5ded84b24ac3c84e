"""Users: passwords, lockout, several localities

app_user gains an Argon2id password hash (SQLite: on PostgreSQL the server
checks passwords), a count of failed sign-ins and a lock-out time.
A user's locality moves to user_locality, so a manager or business support
officer can work in more than one; existing localities are copied over.

Revision ID: 0012
Revises: 0011
Created: 2026-12-06 08:38:43.911542
"""

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_locality",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("locality_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["locality_id"], ["locality.id"], name=op.f("fk_user_locality_locality_id_locality")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_user_locality_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_locality")),
        sa.UniqueConstraint("user_id", "locality_id", name=op.f("uq_user_locality_user_id_locality_id")),
    )
    with op.batch_alter_table("user_locality", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_locality_locality_id"), ["locality_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_user_locality_user_id"), ["user_id"], unique=False)

    _copy_localities_over()
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("failed_sign_ins", sa.Integer(), server_default=sa.text("0"), nullable=False))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_constraint(batch_op.f("fk_app_user_locality_id_locality"), type_="foreignkey")
        batch_op.drop_column("locality_id")


def downgrade() -> None:
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locality_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_app_user_locality_id_locality"), "locality", ["locality_id"], ["id"])
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_sign_ins")
        batch_op.drop_column("password_hash")
    _copy_localities_back()

    with op.batch_alter_table("user_locality", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_locality_user_id"))
        batch_op.drop_index(batch_op.f("ix_user_locality_locality_id"))

    op.drop_table("user_locality")


_USER = sa.table("app_user", sa.column("id", sa.Uuid()), sa.column("locality_id", sa.Uuid()))
_USER_LOCALITY = sa.table(
    "user_locality",
    sa.column("id", sa.Uuid()),
    sa.column("user_id", sa.Uuid()),
    sa.column("locality_id", sa.Uuid()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("version", sa.Integer()),
)


def _copy_localities_over() -> None:
    conn = op.get_bind()
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "id": uuid.uuid4(),
            "user_id": user_id,
            "locality_id": locality_id,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        for user_id, locality_id in conn.execute(
            sa.select(_USER.c.id, _USER.c.locality_id).where(_USER.c.locality_id.is_not(None))
        )
    ]
    if rows:
        conn.execute(_USER_LOCALITY.insert(), rows)


def _copy_localities_back() -> None:
    """Back to one locality a user: the first of theirs, by id."""
    conn = op.get_bind()
    first: dict[object, object] = {}
    for user_id, locality_id in conn.execute(
        sa.select(_USER_LOCALITY.c.user_id, _USER_LOCALITY.c.locality_id).order_by(_USER_LOCALITY.c.locality_id)
    ):
        first.setdefault(user_id, locality_id)
    for user_id, locality_id in first.items():
        conn.execute(_USER.update().where(_USER.c.id == user_id).values(locality_id=locality_id))
