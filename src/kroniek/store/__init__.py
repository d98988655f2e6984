"""The event store: a growing corpus of documents and their events.

SQLite (WAL mode, FTS5) is the embedded default; PostgreSQL is selected by a
URL. Both share one schema (``schema.sql``, ``schema_pg.sql``: the public
SQL interface) and one behaviour: ingestion is idempotent (documents keyed by
content hash) and crash-safe (each batch of documents is one transaction).
"""

from __future__ import annotations

from .base import Query, Store, StoreError, content_hash
from .sqlite import SQLiteStore


def open_store(location: str, readonly: bool = False) -> Store:
    """The store at ``location``: a PostgreSQL URL, else a SQLite file path.

    ``readonly`` opens an existing store without creating or changing anything.
    """
    if location.startswith(("postgres://", "postgresql://")):
        from .postgres import PostgresStore

        return PostgresStore(location, readonly=readonly)
    return SQLiteStore(location, readonly=readonly)


__all__ = ["Query", "SQLiteStore", "Store", "StoreError", "content_hash", "open_store"]
