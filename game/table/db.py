"""The tables' SQLite file: schema, connections in WAL mode, and write transactions.

Every write runs in `BEGIN IMMEDIATE`: the write lock is taken before the first read, so
two seats submitting at once queue up instead of both reading "one order missing" and one
of them losing its update. WAL lets the seats that only poll keep reading meanwhile.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

from ..saves.store import saves_dir

DB_NAME = "tables.sqlite3"
SCHEMA_VERSION = 2  # 2: the talks (offers)
BUSY_SECONDS = 30.0  # a resolution takes milliseconds; waiting this long means something is stuck

SCHEMA = """
CREATE TABLE IF NOT EXISTS tables (
    code TEXT PRIMARY KEY,
    scenario TEXT NOT NULL,
    content_root TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    seed INTEGER NOT NULL,
    facilitator_key TEXT NOT NULL,
    quarter INTEGER NOT NULL DEFAULT 1,   -- the quarter awaiting orders (the last one once over)
    ending TEXT NOT NULL DEFAULT '',
    paused INTEGER NOT NULL DEFAULT 0,    -- 1: the facilitator holds the quarter even when all are in
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS seats (
    code TEXT NOT NULL REFERENCES tables(code),
    seat TEXT NOT NULL,
    position INTEGER NOT NULL,            -- the scenario's seat order
    controller TEXT NOT NULL,             -- "human" or "bot:<level>"
    key TEXT,                             -- set when a team takes the seat
    taken REAL,
    PRIMARY KEY (code, seat)
);
CREATE TABLE IF NOT EXISTS orders (
    code TEXT NOT NULL REFERENCES tables(code),
    quarter INTEGER NOT NULL,
    seat TEXT NOT NULL,
    actions TEXT NOT NULL,                -- JSON list of action ids
    choices TEXT NOT NULL,                -- JSON list of [event id, option id]
    submitted REAL NOT NULL,
    PRIMARY KEY (code, quarter, seat)     -- a seat's order for a quarter is final once given
);
CREATE TABLE IF NOT EXISTS interventions (
    code TEXT NOT NULL REFERENCES tables(code),
    quarter INTEGER NOT NULL,
    n INTEGER NOT NULL,                   -- in the order the facilitator made them
    data TEXT NOT NULL,                   -- JSON of the Intervention's fields
    PRIMARY KEY (code, quarter, n)
);
CREATE TABLE IF NOT EXISTS offers (
    code TEXT NOT NULL REFERENCES tables(code),
    quarter INTEGER NOT NULL,
    n INTEGER NOT NULL,                   -- in the order offered, the bots' first
    data TEXT NOT NULL,                   -- JSON of the Offer's fields, its answer included
    PRIMARY KEY (code, quarter, n)
);
CREATE TABLE IF NOT EXISTS resolutions (
    code TEXT NOT NULL REFERENCES tables(code),
    quarter INTEGER NOT NULL,
    digest TEXT NOT NULL,                 -- the state after it, to catch changed content on replay
    forced INTEGER NOT NULL,              -- 1 when the facilitator resolved it with seats missing
    pid INTEGER NOT NULL,                 -- which process resolved it, for the record
    resolved REAL NOT NULL,
    PRIMARY KEY (code, quarter)           -- a quarter resolves once, whoever tries
);
"""


def db_path() -> Path:
    """In a folder of its own beside the saves, with each table's record: the title's Continue
    and Load lists show games played at one keyboard, not the tables a class shares."""
    return saves_dir() / "tables" / DB_NAME


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, schema in place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        _wal(conn)
        conn.execute("PRAGMA synchronous = FULL")  # a classroom's game outlives a power cut
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            with immediate(conn):
                # executescript() would commit first; one statement at a time keeps the lock
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.close()
        raise
    return conn


def _wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL; the switch wants a moment alone with the file, so retry if it is busy."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
            continue
        if mode.lower() != "wal":
            raise sqlite3.OperationalError(f"this file system does not support WAL (journal mode {mode})")
        return


def read_together(conn: sqlite3.Connection):
    """A read transaction: every SELECT inside sees the file as of the first one (WAL keeps that
    snapshot), so a quarter that resolves meanwhile shows in all of them or in none."""
    return _transaction(conn, "BEGIN")


def immediate(conn: sqlite3.Connection):
    """A write transaction that holds the write lock from its first statement."""
    return _transaction(conn, "BEGIN IMMEDIATE")


@contextmanager
def _transaction(conn: sqlite3.Connection, begin: str):
    conn.execute(begin)
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
