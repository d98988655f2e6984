"""The event store: a growing corpus of documents and their events.

SQLite (WAL mode, FTS5) is the embedded default; see ``schema.sql`` for the
public schema. Ingestion is idempotent (documents keyed by content hash) and
crash-safe (each batch of documents is one transaction).
"""

from __future__ import annotations

from .sqlite import Query, SQLiteStore, StoreError, open_store

__all__ = ["Query", "SQLiteStore", "StoreError", "open_store"]
