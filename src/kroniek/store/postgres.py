"""PostgreSQL backend, for teams: the same schema and behaviour as SQLite.

Selected by a URL (``--db postgresql://user@host/dbname``). Needs the
``psycopg`` driver (``pip install kroniek[postgres]``) and the ``unaccent``
extension (part of PostgreSQL's contrib, trusted since PostgreSQL 13).
"""

from __future__ import annotations

from .base import SCHEMA_VERSION, Store, StoreError, _schema


class PostgresStore(Store):
    SCHEMA = "schema_pg.sql"
    BEGIN = "BEGIN"
    GROUP_CONCAT = "string_agg"

    def __init__(self, url: str, readonly: bool = False):
        try:
            import psycopg
        except ImportError:
            raise StoreError("PostgreSQL needs the psycopg driver: pip install 'kroniek[postgres]'") from None
        self.DB_ERRORS = (psycopg.Error,)
        self.location = _redact(url)
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
            if readonly:
                self.conn.execute("SET default_transaction_read_only = on")
                self.conn.execute("SELECT count(*) FROM documents")
                return
            self.conn.execute("SELECT pg_advisory_lock(727274)")  # one schema set-up at a time
            try:
                self.conn.execute(_schema(self.SCHEMA))
            finally:
                self.conn.execute("SELECT pg_advisory_unlock(727274)")
            self.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
                         (SCHEMA_VERSION,))
        except psycopg.Error as exc:
            raise StoreError(self.describe(exc)) from None

    def sql(self, statement: str) -> str:
        return statement.replace("%", "%%").replace("?", "%s")

    def text_filter(self) -> str:
        return "d.fts @@ plainto_tsquery('simple', unaccent(?))"

    def describe(self, exc: BaseException) -> str:
        message = " ".join(str(exc).split())
        if "connection" in message and ("refused" in message or "failed" in message):
            return f"{self.location}: cannot connect to PostgreSQL ({message})"
        if "No space left" in message or "could not extend" in message:
            return f"{self.location}: the disk is full; nothing of the failed batch was written"
        return f"{self.location}: database error: {message}"


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"
