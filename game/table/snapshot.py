"""A table keeps the rules it started with: a copy of the content, filed under its fingerprint.

Content is edited between classes (and sometimes during one, by an author in another window);
a table that read the live folder would stop, refusing a game whose rules changed under it.
So a table plays from a copy of the `.toml` files taken when it opened, shared by every
table opened with the same content, and the table's record points at it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..content import fingerprint
from .status import TableError


def keep_copy(source: Path, expected: str, store: Path) -> Path:
    """`store/<fingerprint>`: the `.toml` files of `source`, which must still hash to `expected`."""
    final = store / expected[:16]
    if final.is_dir() and fingerprint(final) == expected:
        return final
    store.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the tables folder: keys live there too
    store.mkdir(exist_ok=True)
    # Copied beside the final folder and renamed into place, so no process ever sees half a copy.
    work = Path(tempfile.mkdtemp(prefix=".copy-", dir=store))
    try:
        for path in sorted(source.rglob("*.toml")):
            if path.is_file():
                target = work / path.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        if fingerprint(work) != expected:
            raise TableError(f"the content in {source} changed while the table opened; open it again")
        try:
            os.rename(work, final)
        except OSError:
            if not (final.is_dir() and fingerprint(final) == expected):  # not another process's same copy
                raise
    except OSError as err:
        raise TableError(f"{store}: cannot keep a copy of the content ({err.strerror or err})") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return final
