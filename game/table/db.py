"""The tables' SQLite file: schema, connections in WAL mode, and write transactions.

Every write runs in `BEGIN IMMEDIATE`: the write lock is taken before the first read, so
two seats submitting at once queue up instead of both reading "one order missing" and one
of them losing its update. WAL lets the seats that only poll keep reading meanwhile.
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

from ..saves.store import saves_dir

DB_NAME = "tables.sqlite3"
SCHEMA_VERSION = 4  # 2: key_failures; 3: the talks (offers); 4: the clock and the roster
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
    created REAL NOT NULL,
    quarter_seconds INTEGER NOT NULL DEFAULT 0,  -- the time a quarter has (0: no clock)
    talks_seconds INTEGER NOT NULL DEFAULT 0,    -- the first part of it in which offers may be made
    resolve_at_zero INTEGER NOT NULL DEFAULT 0,  -- 1: the quarter resolves when its time runs out
    clock_start REAL,                     -- when the current quarter's clock began
    clock_added REAL NOT NULL DEFAULT 0,  -- seconds the facilitator added to this quarter
    talks_added REAL NOT NULL DEFAULT 0,  -- of which added while the talks were on (they run longer)
    paused_since REAL,                    -- when the pause began (NULL: not paused)
    paused_for REAL NOT NULL DEFAULT 0    -- seconds this quarter's clock stood paused before that
);
CREATE TABLE IF NOT EXISTS seats (
    code TEXT NOT NULL REFERENCES tables(code),
    seat TEXT NOT NULL,
    position INTEGER NOT NULL,            -- the scenario's seat order
    controller TEXT NOT NULL,             -- "human" or "bot:<level>"
    key TEXT,                             -- set when a team takes the seat
    taken REAL,
    team TEXT NOT NULL DEFAULT '',        -- the team's name, given on joining
    players TEXT NOT NULL DEFAULT '[]',   -- JSON list of the students' names (may be empty)
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
CREATE TABLE IF NOT EXISTS key_failures (
    code TEXT NOT NULL,
    seat TEXT NOT NULL,                   -- a seat id, or "facilitator"
    failures INTEGER NOT NULL,            -- wrong keys in a row
    last REAL NOT NULL,                   -- when the last wrong key came
    PRIMARY KEY (code, seat)
);
"""
# Columns added since a table's file was first made: CREATE TABLE IF NOT EXISTS leaves an
# older file's tables as they were, so each is added to them (with its default) on opening.
ADDED_COLUMNS = {
    4: [
        ("tables", "quarter_seconds INTEGER NOT NULL DEFAULT 0"),
        ("tables", "talks_seconds INTEGER NOT NULL DEFAULT 0"),
        ("tables", "resolve_at_zero INTEGER NOT NULL DEFAULT 0"),
        ("tables", "clock_start REAL"),
        ("tables", "clock_added REAL NOT NULL DEFAULT 0"),
        ("tables", "talks_added REAL NOT NULL DEFAULT 0"),
        ("tables", "paused_since REAL"),
        ("tables", "paused_for REAL NOT NULL DEFAULT 0"),
        ("seats", "team TEXT NOT NULL DEFAULT ''"),
        ("seats", "players TEXT NOT NULL DEFAULT '[]'"),
    ],
}
MAX_WRONG_KEYS = 5
"""Wrong keys in a row for one seat before it is locked."""
LOCK_SECONDS = 60.0
"""The first lock; each wrong key after a lock doubles it, up to an hour. A team that mistypes
waits a minute; a guesser at this pace would need longer than the universe has for one key."""


def db_path() -> Path:
    """In a folder of its own beside the saves, with each table's record: the title's Continue
    and Load lists show games played at one keyboard, not the tables a class shares. `serve`
    gives each browser its own saves folder and every one of them this shared folder
    (SILICON_CURTAIN_TABLES)."""
    shared = os.environ.get("SILICON_CURTAIN_TABLES")
    return (Path(shared) if shared else saves_dir() / "tables") / DB_NAME


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, schema in place. The
    file holds every seat's key: it is made readable by its owner only (0600, in a 0700
    folder), and SQLite gives its -wal and -shm files the same mode."""
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    private(path.parent)  # made first by a table's content copy, or by an older game
    private(path)
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
                migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the file to SCHEMA_VERSION inside the caller's write transaction: the tables a
    new file lacks, then the columns an older file's tables lack (read again under the lock:
    another process may have migrated it meanwhile)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version >= SCHEMA_VERSION:
        return
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    for added in range(version + 1, SCHEMA_VERSION + 1):
        for table, column in ADDED_COLUMNS.get(added, ()):
            have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            if column.split()[0] not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def private(path: Path) -> None:
    """Create `path` empty and 0600 if it is missing; make it 0600 if it is there (an older
    game's database was world-readable). A folder is made 0700."""
    try:
        if path.is_dir():
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o700)
            return
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError:
        pass  # not ours to change: SQLite says what is wrong when it opens it


def locked_for(conn: sqlite3.Connection, code: str, seat: str, now: float) -> float:
    """Seconds left before `seat` at table `code` may try a key again (0: it may now)."""
    row = conn.execute("SELECT failures, last FROM key_failures WHERE code = ? AND seat = ?", (code, seat)).fetchone()
    if row is None or row[0] < MAX_WRONG_KEYS:
        return 0.0
    lock = min(LOCK_SECONDS * 2 ** (row[0] - MAX_WRONG_KEYS), 3600.0)
    return max(0.0, row[1] + lock - now)


def wrong_key(conn: sqlite3.Connection, code: str, seat: str, now: float) -> None:
    conn.execute(
        "INSERT INTO key_failures (code, seat, failures, last) VALUES (?, ?, 1, ?) "
        "ON CONFLICT (code, seat) DO UPDATE SET failures = failures + 1, last = excluded.last",
        (code, seat, now),
    )


def right_key(conn: sqlite3.Connection, code: str, seat: str) -> None:
    """A right key ends the run of wrong ones (a write only when there was one)."""
    if conn.execute("SELECT 1 FROM key_failures WHERE code = ? AND seat = ?", (code, seat)).fetchone():
        conn.execute("DELETE FROM key_failures WHERE code = ? AND seat = ?", (code, seat))


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
