"""Family match keys: folded names and postcode on people and families, reference counters

Known families are now looked up in the database by birthday, postcode and
folded names instead of being read whole for every import, and references
are numbered from a counter row. Existing rows get their keys and counters here.

Revision ID: 0005
Revises: 0004
Created: 2026-12-06 02:43:07.015023
"""

import datetime as dt
import re
import uuid

import sqlalchemy as sa
from alembic import op
from anyascii import anyascii

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    op.create_table(
        "reference_counter",
        sa.Column("prefix", sa.String(length=20), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_counter")),
        sa.UniqueConstraint("prefix", name=op.f("uq_reference_counter_prefix")),
    )
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.add_column(sa.Column("postcode_key", sa.String(length=10), nullable=True))
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("given_key", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("family_key", sa.String(length=100), nullable=True))

    _fill_keys()
    _fill_counters()

    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.alter_column("postcode_key", existing_type=sa.String(length=10), nullable=False)
        batch_op.create_index(batch_op.f("ix_family_postcode_key"), ["postcode_key"], unique=False)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.alter_column("given_key", existing_type=sa.String(length=100), nullable=False)
        batch_op.alter_column("family_key", existing_type=sa.String(length=100), nullable=False)
        batch_op.drop_index(batch_op.f("ix_person_date_of_birth"))
        batch_op.create_index(
            "ix_person_match_keys", ["date_of_birth", "given_key", "family_key", "family_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_match_keys")
        batch_op.create_index(batch_op.f("ix_person_date_of_birth"), ["date_of_birth"], unique=False)
        batch_op.drop_column("family_key")
        batch_op.drop_column("given_key")

    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_postcode_key"))
        batch_op.drop_column("postcode_key")

    op.drop_table("reference_counter")


# The folding as this revision defines it (a migration must not depend on
# application code that may change later; a change of folding needs its own
# migration to fill the keys again).
def _fold(name: str) -> str:
    text = re.sub(r"['’`]", "", anyascii(name).lower())
    return " ".join(re.sub(r"[^a-z]+", " ", text).split())


def _fill_keys() -> None:
    conn = op.get_bind()
    family = sa.table(
        "family", sa.column("id", sa.Uuid()), sa.column("postcode", sa.String()), sa.column("postcode_key", sa.String())
    )
    person = sa.table(
        "person",
        sa.column("id", sa.Uuid()),
        sa.column("given_name", sa.String()),
        sa.column("family_name", sa.String()),
        sa.column("given_key", sa.String()),
        sa.column("family_key", sa.String()),
    )
    families = conn.execute(sa.select(family.c.id, family.c.postcode)).all()
    _update(conn, family, [{"key": i, "postcode_key": re.sub(r"\s+", "", p).upper()} for i, p in families])
    people = conn.execute(sa.select(person.c.id, person.c.given_name, person.c.family_name)).all()
    _update(conn, person, [{"key": i, "given_key": _fold(g), "family_key": _fold(f)} for i, g, f in people])


def _update(conn, table, values: list[dict]) -> None:
    if not values:
        return
    names = [name for name in values[0] if name != "key"]
    statement = (
        table.update().where(table.c.id == sa.bindparam("key")).values({name: sa.bindparam(name) for name in names})
    )
    for start in range(0, len(values), BATCH):
        conn.execute(statement, values[start : start + BATCH])


def _fill_counters() -> None:
    """The highest number used after each prefix (F-, N-2026- ...)."""
    conn = op.get_bind()
    highest: dict[str, int] = {}
    for table in ("family", "case_record"):
        for (reference,) in conn.execute(sa.text(f"SELECT reference FROM {table}")):
            found = re.fullmatch(r"(.*-)(\d+)", reference or "")
            if found and len(found.group(1)) <= 20:
                highest[found.group(1)] = max(highest.get(found.group(1), 0), int(found.group(2)))
    now = dt.datetime.now(dt.UTC)
    if conn.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)  # stored as UTC wall time, as the models do
    counter = sa.table(
        "reference_counter",
        *(sa.column(n) for n in ("id", "prefix", "last_number", "created_at", "updated_at", "version")),
    )
    rows = [
        {"id": uuid.uuid4(), "prefix": p, "last_number": n, "created_at": now, "updated_at": now, "version": 1}
        for p, n in sorted(highest.items())
    ]
    if rows:
        conn.execute(counter.insert().values(id=sa.bindparam("id", type_=sa.Uuid())), rows)
