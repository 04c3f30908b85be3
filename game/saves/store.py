"""Where saves live: writing a game in progress, listing the saves, and finding the last one.

A save's date is its file's modification time: the file itself holds no clock, so the same
game always writes the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from ..match.record import to_toml
from ..paths import default_saves, saves_dir
from .files import atomic_write
from .reader import SaveError, read_record

# The checkout's `saves/` from a checkout, the user's data folder when installed; tests,
# classrooms and `--saves DIR` point elsewhere with SILICON_CURTAIN_SAVES (game/paths.py).
DEFAULT_SAVES = default_saves()


def shown_path(path: Path) -> str:
    """A path as a person would type it: relative to where they are, when it is inside."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def write_save(match, path: Path | str, mode: int | None = None) -> Path:
    """Write `match`'s record atomically: the old file or the new one, never half of either.
    `mode` as for `atomic_write` (a table's save is its owner's alone: 0o600)."""
    path = Path(path)
    atomic_write(path, to_toml(match.record), mode)
    return path


def fresh_path(folder: Path, stem: str) -> Path:
    """`folder/stem.toml`, or `stem-2.toml`, `stem-3.toml` ...: never an existing file."""
    path = folder / f"{stem}.toml"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.toml"
        n += 1
    return path


def autosave_path(match) -> Path:
    """The file this game autosaves to: chosen once, on first use, so that a second game
    with the same scenario and seed never overwrites the first."""
    if match.save_path is None:
        match.save_path = fresh_path(saves_dir(), f"autosave-{match.rules.scenario}-{match.seed}")
    return match.save_path


def autosave(match) -> Path:
    """Called after every quarter and on quit: at most the quarter in progress is lost."""
    return write_save(match, autosave_path(match))


@attrs.frozen
class SaveEntry:
    """One line of the saves list: enough to choose, without replaying anything."""

    path: Path
    modified: float  # the file's mtime, seconds since the epoch
    scenario: str = ""
    quarters: int = 0  # quarters played
    seats: tuple[tuple[str, str], ...] = ()
    ending: str = ""  # "" while the game goes on
    parent: str = ""
    branch_quarter: int = 0
    problem: str = ""  # why it cannot be read; "" for a good save

    @property
    def over(self) -> bool:
        return bool(self.ending)


SESSIONS = "sessions"
"""Under the saves folder `serve` shares, one folder per browser (see commands/serve.py)."""


def list_saves(folder: Path | None = None) -> list[SaveEntry]:
    """Every `*.toml` in the saves folder, newest first; unreadable ones are listed with why.
    With SILICON_CURTAIN_ALL_SAVES=1 (the facilitator's browser under `serve`), every
    browser's saves in `sessions/*/` too."""
    folder = saves_dir() if folder is None else Path(folder)
    entries = []
    patterns = ["*.toml"] + ([f"{SESSIONS}/*/*.toml"] if os.environ.get("SILICON_CURTAIN_ALL_SAVES") == "1" else [])
    try:
        paths = [p for pattern in patterns for p in folder.glob(pattern) if not p.name.startswith(".")]
    except OSError:  # .x.tmp: a write in progress, not a save
        return []
    for path in paths:
        try:
            modified = path.stat().st_mtime
        except OSError:
            continue  # removed while we looked
        try:
            record = read_record(path)
        except SaveError as err:
            entries.append(SaveEntry(path, modified, problem=err.problem))
            continue
        entries.append(
            SaveEntry(
                path,
                modified,
                record.scenario,
                len(record.quarters),
                record.seats,
                record.ending,
                record.parent,
                record.branch_quarter,
            )
        )
    entries.sort(key=lambda e: (-e.modified, e.path.name))
    return entries


def latest_autosave(folder: Path | None = None) -> Path | None:
    """The most recently written save of a game still in progress: what "Continue" offers
    after a quit or a crash. None when there is none."""
    for entry in list_saves(folder):
        if not entry.problem and not entry.over:
            return entry.path
    return None
