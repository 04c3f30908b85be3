"""Where saves live, and writing a game in progress to one."""

from __future__ import annotations

import os
from pathlib import Path

from .files import atomic_write
from .record import to_toml

# Saves belong to the user's checkout (`saves/` beside `content/`); tests and classrooms can
# point elsewhere with SILICON_CURTAIN_SAVES.
DEFAULT_SAVES = Path(__file__).resolve().parents[2] / "saves"


def saves_dir() -> Path:
    return Path(os.environ.get("SILICON_CURTAIN_SAVES", DEFAULT_SAVES))


def write_save(match, path: Path | str) -> Path:
    """Write `match`'s record atomically: the old file or the new one, never half of either."""
    path = Path(path)
    atomic_write(path, to_toml(match.record))
    return path


def autosave_path(match) -> Path:
    return saves_dir() / f"autosave-{match.rules.scenario}-{match.seed}.toml"


def autosave(match) -> Path:
    """Called after every quarter and on quit: at most the quarter in progress is lost."""
    return write_save(match, autosave_path(match))
