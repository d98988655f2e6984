"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

PostgreSQL comes from ``KRONIEK_TEST_PG_URL`` (an admin URL) or, failing
that, from a throwaway cluster started here with the server binaries of
Debian's ``postgresql`` package. Locally the PostgreSQL half skips when no
server can be had; under CI (``CI`` set) it fails instead, so it cannot be
skipped silently.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from kroniek.store import Store, open_store

_counter = itertools.count()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    url = os.environ.get("KRONIEK_TEST_PG_URL")
    if url:
        yield url
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        _unavailable("no PostgreSQL server binaries (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="kroniek-pg-"))
    data, sockets = base / "data", base / "run"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    try:
        subprocess.run(_as_postgres([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]),
                       check=True, capture_output=True)
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-w", "-l", str(base / "log"), "-o",
                                     f"-p {port} -k {sockets} -c listen_addresses=''", "start"]),
                       check=True, capture_output=True)
    except (subprocess.CalledProcessError, OSError) as exc:
        _unavailable(f"cannot start a PostgreSQL server: {exc}")
    try:
        yield f"postgresql://postgres@/postgres?host={sockets}&port={port}"
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture
def pg_url(pg_admin_url: str) -> Iterator[str]:
    """A fresh, empty database for one test."""
    import psycopg

    name = f"kroniek_test_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(pg_admin_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base, _, query = pg_admin_url.partition("?")
    yield base.rsplit("/", 1)[0] + f"/{name}" + (f"?{query}" if query else "")
    with psycopg.connect(pg_admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "events.sqlite")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_location: str) -> Iterator[Store]:
    with open_store(db_location) as s:
        yield s
