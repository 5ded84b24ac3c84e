"""The audit trail as a keyed chain, its values kept apart

Every audit event gets a link in audit_link, made by the database as the
event is written: seq (1, 2, 3, ... with no gaps), the previous link's MAC,
and an HMAC-SHA256 over those, the event's columns and a keyed MAC of its
values. The values (the old "changes" column) move to audit_value, so that
retention can anonymise them while the chain still verifies; has_values says
in the chained row that there were some.

PostgreSQL: the keys are in tafdesk_private.audit_key, a schema nobody but
the owner may use; a deferred trigger links each event at commit through a
SECURITY DEFINER function under a transaction advisory lock, so concurrent
writers cannot fork the chain and hold the lock only while committing.
Administrators verify through tafdesk_audit_links(), which returns whether
each MAC holds, never a key. People's roles may add events and values in
their own name; nobody may change, delete or truncate any of it (TRUNCATE
now refused by a trigger too), but for anonymising values (administrators,
through tafdesk_audit_anonymise()).

SQLite: the triggers call tafdesk_audit_link(), which tafdesk registers on
each connection (tafdesk/db/audit_chain.py), with keys kept outside the file.

Events already recorded are linked here, oldest first.

Revision ID: 0017
Revises: 0016
Created: 2026-12-08 12:00:00
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

PRIVATE = "tafdesk_private"
GROUPS = "tafdesk_admin, tafdesk_locality_manager, tafdesk_business_support, tafdesk_lead_professional"
CHAIN_LOCK = 9085649652834518026  # pg_advisory_xact_lock's number for "tafdesk audit chain"
REFUSED = "audit events are append-only"
ANONYMISATION = "audit.values_anonymised"  # its values list what it anonymised: never anonymised itself


def upgrade() -> None:
    op.create_table(
        "audit_value",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=True),
        sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["id"], ["audit_event.id"], name=op.f("fk_audit_value_id_audit_event")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_value")),
    )
    op.create_table(
        "audit_link",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("segment", sa.Uuid(), nullable=False),
        sa.Column("prev_mac", sa.String(length=64), nullable=True),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.Column("values_mac", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["id"], ["audit_event.id"], name=op.f("fk_audit_link_id_audit_event")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_link")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_link_seq")),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    _move_values_apart(sqlite)
    if sqlite:
        _sqlite_triggers()
        _sqlite_link_existing()
    else:
        _pg_chain()
        op.execute(
            "DO $$ DECLARE r record; BEGIN "
            "FOR r IN SELECT id FROM audit_event ORDER BY occurred_at, created_at, id LOOP "
            "PERFORM tafdesk_audit_append(r.id); END LOOP; END $$"
        )


def _move_values_apart(sqlite: bool) -> None:
    op.execute(
        "INSERT INTO audit_value (id, changes, created_at, updated_at, version) "
        "SELECT id, changes, created_at, created_at, 1 FROM audit_event WHERE changes IS NOT NULL"
    )
    op.execute(f"ALTER TABLE audit_event ADD COLUMN has_values BOOLEAN NOT NULL DEFAULT {'0' if sqlite else 'false'}")
    with _guard_lifted(sqlite):
        op.execute("UPDATE audit_event SET has_values = true WHERE id IN (SELECT id FROM audit_value)")
    op.execute("ALTER TABLE audit_event DROP COLUMN changes")


@contextmanager
def _guard_lifted(sqlite: bool) -> Iterator[None]:
    """The owner's own migration may update audit_event: its guard is off meanwhile."""
    op.execute(
        "DROP TRIGGER audit_event_no_update"
        if sqlite
        else "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only"
    )
    yield
    op.execute(
        _sqlite_refusal("audit_event_no_update", "BEFORE UPDATE ON audit_event")
        if sqlite
        else "ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only"
    )


# -- SQLite --------------------------------------------------------------------

# The link of event {event}, after the chain's head, by the function tafdesk
# registers on its connections: it returns the segment (32 hex digits), the
# link's MAC (64) and the values' MAC (64, or nothing). OFFSET 0 keeps SQLite
# from copying the call into each substr(), which would make it three calls.
SQLITE_LINK = """INSERT INTO audit_link (id, seq, segment, prev_mac, mac, values_mac, created_at, updated_at, version)
SELECT id, seq, substr(r, 1, 32), prev_mac, substr(r, 33, 64), nullif(substr(r, 97), ''), at, at, 1 FROM (
  SELECT e.id, coalesce(h.seq, 0) + 1 AS seq, h.mac AS prev_mac, e.created_at AS at,
         tafdesk_audit_link(coalesce(h.seq, 0) + 1, h.mac, h.segment, e.id, e.occurred_at, e.actor_id, e.actor_name,
                            e.action, e.entity_type, e.entity_id, e.has_values, {changes}) AS r
  FROM audit_event e LEFT JOIN (SELECT seq, mac, segment FROM audit_link ORDER BY seq DESC LIMIT 1) h ON 1
  WHERE e.id = {event} LIMIT -1 OFFSET 0)"""
# Values come with their event, in its transaction, never later.
VALUE_ORPHAN = (
    "NOT EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.id AND has_values) "
    "OR EXISTS (SELECT 1 FROM audit_link WHERE id = NEW.id)"
)
ANONYMISING = "OLD.anonymised_at IS NULL AND NEW.anonymised_at IS NOT NULL AND NEW.id = OLD.id"
SQLITE_TRIGGERS = {
    # An event without values is linked as it is written; one with values
    # when they follow it (the bulk writers add every event before any value).
    "audit_event_link": "AFTER INSERT ON audit_event WHEN NOT NEW.has_values BEGIN "
    + SQLITE_LINK.format(changes="NULL", event="NEW.id")
    + "; END",
    "audit_value_check": f"BEFORE INSERT ON audit_value WHEN {VALUE_ORPHAN} BEGIN "
    "SELECT RAISE(ABORT, 'audit values are written with their event, never after it'); END",
    "audit_value_link": "AFTER INSERT ON audit_value BEGIN "
    + SQLITE_LINK.format(changes="NEW.changes", event="NEW.id")
    + "; END",
}


def _sqlite_refusal(name: str, when: str) -> str:
    return f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"


SQLITE_GUARDS = {
    "audit_value_no_update": f"BEFORE UPDATE ON audit_value WHEN NOT ({ANONYMISING})",
    "audit_value_no_delete": "BEFORE DELETE ON audit_value",
    "audit_link_no_update": "BEFORE UPDATE ON audit_link",
    "audit_link_no_delete": "BEFORE DELETE ON audit_link",
}


def _sqlite_triggers() -> None:
    for name, body in SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    for name, when in SQLITE_GUARDS.items():
        op.execute(_sqlite_refusal(name, when))


def _sqlite_link_existing() -> None:
    conn = op.get_bind()
    ids = [(row[0],) for row in conn.exec_driver_sql("SELECT id FROM audit_event ORDER BY occurred_at, created_at, id")]
    if ids:
        changes = "(SELECT changes FROM audit_value WHERE id = e.id)"
        conn.exec_driver_sql(SQLITE_LINK.format(changes=changes, event="?"), ids)


# -- PostgreSQL ----------------------------------------------------------------

# Who called a SECURITY DEFINER function (as migration 0016 finds them), and
# whether they bypass row-level security: the owner, or a superuser.
INVOKER = "CASE current_setting('role') WHEN 'none' THEN session_user ELSE current_setting('role')::name END"
BYPASSES = (
    f"(pg_has_role({INVOKER}, current_user, 'MEMBER') OR EXISTS "
    f"(SELECT FROM pg_roles WHERE rolname = {INVOKER} AND (rolsuper OR rolbypassrls)))"
)
# Each field as its length and text; times as UTC to the microsecond.
FIELD = "length(coalesce({v}, '')) || ':' || coalesce({v}, '')"
LINK_FIELDS = (
    "seq::text",
    "prev_mac",
    "e.id::text",
    "to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
    "e.actor_id::text",
    "e.actor_name",
    "e.action",
    "e.entity_type",
    "e.entity_id::text",
    "e.has_values::int::text",
    "vmac",
)


def _pg_chain() -> None:
    conn = op.get_bind()
    schema = _quoted(conn.exec_driver_sql("SELECT current_schema()").scalar_one())
    op.execute(f"CREATE SCHEMA {PRIVATE}")
    op.execute(f"REVOKE ALL ON SCHEMA {PRIVATE} FROM PUBLIC")
    op.execute(f"CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA {PRIVATE}")
    crypto = _quoted(
        conn.exec_driver_sql(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pgcrypto'"
        ).scalar_one()
    )
    op.execute(
        f"CREATE TABLE {PRIVATE}.audit_key (segment uuid PRIMARY KEY, key bytea NOT NULL, "
        "created_at timestamptz NOT NULL DEFAULT now())"
    )
    path = f"SET search_path = {schema}, {PRIVATE}, {crypto}, pg_temp"
    for signature, (kind, body) in _private_functions(schema, crypto).items():  # no SET: PostgreSQL inlines them
        op.execute(f"CREATE FUNCTION {PRIVATE}.{signature} {kind} AS $body$ {body} $body$")
    for signature, (kind, body, grantees) in _functions().items():
        op.execute(f"CREATE FUNCTION {signature} {kind} SECURITY DEFINER {path} AS $body$ {body} $body$")
        name = signature.split(" RETURNS ")[0]
        op.execute(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
        if grantees:
            op.execute(f"GRANT EXECUTE ON FUNCTION {name} TO {grantees}")
    for statement in PG_TRIGGERS:
        op.execute(statement)
    _pg_access_rules()


def _private_functions(schema: str, crypto: str) -> dict[str, tuple[str, str]]:
    """The MACs, every name in them qualified (they are inlined where used)."""
    fields = " || ".join(FIELD.format(v=f) for f in LINK_FIELDS)
    return {
        "values_mac(k bytea, changes text) RETURNS text": (
            "LANGUAGE sql STABLE",
            f"SELECT encode({crypto}.hmac(convert_to('tafdesk audit values 1' || {FIELD.format(v='changes')}, 'UTF8'), "
            "k, 'sha256'), 'hex')",
        ),
        f"link_mac(k bytea, seq bigint, prev_mac text, e {schema}.audit_event, vmac text) RETURNS text": (
            "LANGUAGE sql STABLE",
            f"SELECT encode({crypto}.hmac(convert_to('tafdesk audit link 1' || {fields}, 'UTF8'), k, 'sha256'), 'hex')",
        ),
    }


APPEND = f"""DECLARE e audit_event; head audit_link; vals audit_value; k bytea; seg uuid; vmac text; n bigint;
BEGIN
  PERFORM pg_advisory_xact_lock({CHAIN_LOCK});
  SELECT * INTO e FROM audit_event WHERE id = event;
  IF e.id IS NULL OR EXISTS (SELECT FROM audit_link WHERE id = event) THEN RETURN; END IF;
  SELECT * INTO head FROM audit_link ORDER BY seq DESC LIMIT 1;
  seg := head.segment;
  SELECT key INTO k FROM audit_key WHERE segment = seg;
  IF k IS NULL THEN
    seg := gen_random_uuid();
    k := gen_random_bytes(32);
    INSERT INTO audit_key (segment, key) VALUES (seg, k);
  END IF;
  IF e.has_values THEN
    SELECT * INTO vals FROM audit_value WHERE id = event;
    IF vals.id IS NULL THEN
      RAISE EXCEPTION 'audit event % says it has values, but none were written with it', event;
    END IF;
    vmac := values_mac(k, vals.changes);
  END IF;
  n := coalesce(head.seq, 0) + 1;
  INSERT INTO audit_link (id, seq, segment, prev_mac, mac, values_mac, created_at, updated_at, version)
  VALUES (event, n, seg, head.mac, link_mac(k, n, head.mac, e, vmac), vmac, e.created_at, e.created_at, 1);
END"""

LINKS = """#variable_conflict use_column
BEGIN
  PERFORM tafdesk_audit_require_admin();
  RETURN QUERY
  SELECT l.seq, coalesce(l.id, e.id), e.occurred_at, e.action::text, l.segment, l.prev_mac::text, l.mac::text,
         k.key IS NOT NULL,
         CASE WHEN k.key IS NULL OR e.id IS NULL THEN NULL ELSE l.mac = link_mac(k.key, l.seq, l.prev_mac, e, l.values_mac) END,
         e.has_values, l.values_mac::text,
         CASE WHEN v.id IS NULL THEN 'absent' WHEN v.anonymised_at IS NOT NULL THEN 'anonymised'
              WHEN k.key IS NULL THEN 'held' WHEN l.values_mac = values_mac(k.key, v.changes) THEN 'intact'
              ELSE 'changed' END
  FROM audit_link l FULL JOIN audit_event e ON e.id = l.id
  LEFT JOIN audit_value v ON v.id = coalesce(l.id, e.id)
  LEFT JOIN audit_key k ON k.segment = l.segment
  ORDER BY l.seq NULLS LAST, e.occurred_at;
END"""

ANONYMISE = f"""BEGIN
  PERFORM tafdesk_audit_require_admin();
  RETURN QUERY WITH done AS (
  UPDATE audit_value v
     SET changes = (SELECT coalesce(jsonb_object_agg(j.key, '[anonymised]'::text), '{{}}'::jsonb)::text
                      FROM jsonb_each(v.changes::jsonb) j),
         anonymised_at = now(), updated_at = now(), version = v.version + 1
   WHERE v.id = ANY (events) AND v.anonymised_at IS NULL
     AND v.id NOT IN (SELECT e.id FROM audit_event e WHERE e.action = '{ANONYMISATION}')
  RETURNING v.id) SELECT id FROM done;
END"""


def _functions() -> dict[str, tuple[str, str, str | None]]:
    """signature -> (language and volatility, body, who may execute it)."""
    return {
        "tafdesk_audit_require_admin() RETURNS void": (
            "LANGUAGE plpgsql STABLE",
            f"BEGIN IF NOT (coalesce(tafdesk_my_role() = 'admin', false) OR {BYPASSES}) THEN "
            "RAISE EXCEPTION 'only administrators may verify or anonymise the audit trail' "
            "USING ERRCODE = 'insufficient_privilege'; END IF; END",
            None,
        ),
        "tafdesk_audit_append(event uuid) RETURNS void": ("LANGUAGE plpgsql", APPEND, None),
        "tafdesk_audit_link_event() RETURNS trigger": (
            "LANGUAGE plpgsql",
            "BEGIN PERFORM tafdesk_audit_append(NEW.id); RETURN NULL; END",
            None,
        ),
        "tafdesk_audit_value_check() RETURNS trigger": (
            "LANGUAGE plpgsql",
            f"BEGIN IF {VALUE_ORPHAN} THEN RAISE EXCEPTION 'audit values are written with their event, never after it' "
            "USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END",
            None,
        ),
        # Row-level security: values are added to one's own event only.
        "tafdesk_audit_event_is_mine(event uuid) RETURNS boolean": (
            "LANGUAGE plpgsql STABLE",
            "BEGIN RETURN EXISTS (SELECT FROM audit_event WHERE id = event AND actor_id = tafdesk_my_user()); END",
            GROUPS,
        ),
        "tafdesk_audit_links() RETURNS TABLE (seq bigint, event_id uuid, occurred_at timestamptz, action text, "
        "segment uuid, prev_mac text, mac text, key_held boolean, mac_ok boolean, has_values boolean, "
        "values_mac text, values_state text)": ("LANGUAGE plpgsql STABLE", LINKS, "tafdesk_admin"),
        "tafdesk_audit_head() RETURNS TABLE (seq bigint, occurred_at timestamptz, mac text)": (
            "LANGUAGE plpgsql STABLE",
            "#variable_conflict use_column\nBEGIN PERFORM tafdesk_audit_require_admin(); RETURN QUERY "
            "SELECT l.seq, e.occurred_at, l.mac::text FROM audit_link l LEFT JOIN audit_event e ON e.id = l.id "
            "ORDER BY l.seq DESC LIMIT 1; END",
            "tafdesk_admin",
        ),
        "tafdesk_audit_anonymise(events uuid[]) RETURNS SETOF uuid": ("LANGUAGE plpgsql", ANONYMISE, "tafdesk_admin"),
    }


PG_TRIGGERS = [
    # Linked at commit: a writer holds the chain's lock only while committing.
    "CREATE CONSTRAINT TRIGGER audit_event_link AFTER INSERT ON audit_event DEFERRABLE INITIALLY DEFERRED "
    "FOR EACH ROW EXECUTE FUNCTION tafdesk_audit_link_event()",
    "CREATE TRIGGER audit_value_check BEFORE INSERT ON audit_value FOR EACH ROW EXECUTE FUNCTION tafdesk_audit_value_check()",
    # Nobody, the owner included, changes the trail but by anonymising values.
    "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()",
    f"CREATE TRIGGER audit_value_append_only BEFORE UPDATE ON audit_value FOR EACH ROW WHEN (NOT ({ANONYMISING})) "
    "EXECUTE FUNCTION audit_event_append_only()",
    "CREATE TRIGGER audit_value_no_delete BEFORE DELETE ON audit_value FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
    "CREATE TRIGGER audit_value_no_truncate BEFORE TRUNCATE ON audit_value "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()",
    "CREATE TRIGGER audit_link_append_only BEFORE UPDATE OR DELETE ON audit_link "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
    "CREATE TRIGGER audit_link_no_truncate BEFORE TRUNCATE ON audit_link "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()",
]


def _pg_access_rules() -> None:
    """Values: read with their event (its own policies decide), added to
    one's own events. Links: the owner's alone (no grant, no policy)."""
    op.execute(f"GRANT SELECT, INSERT ON audit_value TO {GROUPS}")
    op.execute("ALTER TABLE audit_value ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY audit_value_select ON audit_value FOR SELECT TO {GROUPS} "
        "USING (id IN (SELECT id FROM audit_event))"
    )
    op.execute(
        f"CREATE POLICY audit_value_insert ON audit_value FOR INSERT TO {GROUPS} "
        "WITH CHECK (tafdesk_audit_event_is_mine(id))"
    )
    op.execute("ALTER TABLE audit_link ENABLE ROW LEVEL SECURITY")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in (*SQLITE_TRIGGERS, *SQLITE_GUARDS):
            op.execute(f"DROP TRIGGER {name}")
    else:
        op.execute("DROP TRIGGER audit_event_link ON audit_event")
        op.execute("DROP TRIGGER audit_event_no_truncate ON audit_event")
    op.execute("ALTER TABLE audit_event ADD COLUMN changes TEXT")
    with _guard_lifted(sqlite):
        op.execute(
            "UPDATE audit_event SET changes = (SELECT changes FROM audit_value WHERE audit_value.id = audit_event.id)"
        )
    op.execute("ALTER TABLE audit_event DROP COLUMN has_values")
    op.drop_table("audit_link")
    op.drop_table("audit_value")
    if not sqlite:
        for signature in reversed(_functions()):
            op.execute(f"DROP FUNCTION {signature.split(' RETURNS ')[0]}")
        op.execute(f"DROP SCHEMA {PRIVATE} CASCADE")  # the keys, and pgcrypto if this migration made it


def _quoted(identifier: str) -> str:
    return identifier if identifier.startswith('"') else '"' + identifier.replace('"', '""') + '"'
