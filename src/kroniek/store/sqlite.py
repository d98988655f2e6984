"""SQLite backend: the embedded default (WAL mode, FTS5 for accent-insensitive search)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from .base import SCHEMA_VERSION, Store, StoreError, _schema

_WORD = re.compile(r"\w+")


class SQLiteStore(Store):
    SCHEMA = "schema.sql"
    BEGIN = "BEGIN IMMEDIATE"  # take the write lock up front: no deadlock half-way
    DB_ERRORS = (sqlite3.DatabaseError,)

    def __init__(self, path: str | Path, readonly: bool = False):
        self.location = str(path)
        if Path(self.location).is_dir():
            raise StoreError(f"{self.location} is a directory, not a database file")
        try:
            if readonly:
                if not Path(self.location).exists():
                    raise StoreError(f"no store at {self.location}")
                uri = Path(self.location).resolve().as_uri() + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None,
                                            check_same_thread=False)
                self.conn.execute("SELECT count(*) FROM documents")  # fails early on a foreign file
                return
            self.conn = sqlite3.connect(self.location, timeout=30, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.executescript(_schema(self.SCHEMA))
            self.conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        except sqlite3.DatabaseError as exc:
            raise StoreError(self.describe(exc)) from None

    def text_filter(self) -> str:
        return "d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"

    def text_query(self, text: str) -> str:
        # quote every word, so user input is never parsed as FTS5 syntax
        return " ".join(f'"{w}"' for w in _WORD.findall(text)) or '""'

    def describe(self, exc: BaseException) -> str:
        message = str(exc)
        where = self.location
        if "file is not a database" in message or "malformed" in message:
            return f"{where}: not a kroniek database, or it is corrupt ({message})"
        if "locked" in message or "busy" in message:
            return f"{where}: the database is locked by another process; try again when it finishes"
        if "full" in message or "disk I/O" in message:
            return f"{where}: the disk is full or failing; nothing of the failed batch was written"
        if "unable to open" in message:
            return f"{where}: cannot open the database (does the folder exist and is it writable?)"
        return f"{where}: database error: {message}"
