"""Writing files so that a crash or kill at any instant leaves the old file or the new one."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from pathlib import Path


def _umask() -> int:
    # Read once, at import: os.umask can only be read by setting it, which races other threads.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# mkstemp makes its file private (0600); a save should get the mode any new file gets.
NEW_FILE_MODE = 0o666 & ~_umask()


STALE_SECONDS = 600  # no write takes this long: a temporary file this old was left by a kill


def _sweep(path: Path) -> None:
    """Remove temporary files of earlier writes to `path` that a kill left behind. Only old
    ones: a fresh one may be another process's write in progress."""
    now = time.time()
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
        except OSError:
            pass  # gone already, or not ours to remove: the save itself is written


def atomic_write(path: Path | str, text: str, mode: int | None = None) -> None:
    """Temporary file in the same folder, flush, fsync, rename over the target, fsync the folder.
    The file keeps its mode, or gets `mode` (default: what the umask gives a new file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if mode is None:
            try:
                mode = path.stat().st_mode & 0o777  # overwriting keeps the file's mode
            except OSError:
                mode = NEW_FILE_MODE
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        _sweep(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    try:  # make the rename itself durable; not every platform lets a folder be opened
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
