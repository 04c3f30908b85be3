"""Where the shipped content and the saves are: a checkout's own folders, or an installed
package's data and the user's data folder.

Run from a checkout (a `pyproject.toml` beside `game/`), the game reads `content/` and saves
in `saves/` as it always has. Installed (`pip install`, `pipx`), the content is package data
(`game/shipped_content`, copied there when the wheel is built: setup.py) read through
`importlib.resources`, and saves go to the user's data folder (platformdirs), never beside
the code in site-packages, where an upgrade or an uninstall would delete them.
SILICON_CURTAIN_SAVES, or `--saves DIR` on any command, puts them anywhere else.

Standard library only at import: building the command line must stay cheap.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "silicon-curtain"
_HERE = Path(__file__).resolve().parent
CHECKOUT = _HERE.parent
SAVES_ENV = "SILICON_CURTAIN_SAVES"


def from_checkout() -> bool:
    """True when the game runs from a source checkout (or an editable install of one)."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "content").is_dir()


def shipped_content() -> Path:
    """The content that comes with the game."""
    if from_checkout():
        return CHECKOUT / "content"
    from importlib.resources import files

    return Path(str(files("game") / "shipped_content"))


def default_saves() -> Path:
    """Where saves live unless told: the checkout's `saves/`, else the user's data folder."""
    if from_checkout():
        return CHECKOUT / "saves"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "saves"


def saves_dir() -> Path:
    return Path(os.environ[SAVES_ENV]) if os.environ.get(SAVES_ENV) else default_saves()


TOLD = ".told-where"
"""In the saves folder the game chose, once it has said where that folder is."""
_NOT_GAMES = {TOLD, ".gitkeep"}  # a checkout's saves/ holds .gitkeep before any game


def where_told(*, on_first_write: bool = True) -> str | None:
    """The line that says where the games and tables are kept, once: the first time the
    game uses a folder it chose itself (the checkout's `saves/`, or the user's data folder
    when installed). None when the user chose the folder (`--saves`, SILICON_CURTAIN_SAVES),
    when they were told already, or, `on_first_write`, while the game has written nothing
    there. The folder remembers it was told (a marker file), so each folder is told of once.
    """
    if os.environ.get(SAVES_ENV):
        return None
    folder = default_saves()
    try:
        if (folder / TOLD).exists():
            return None
        if on_first_write and not any(p.name not in _NOT_GAMES for p in folder.iterdir()):
            return None
    except OSError:  # no folder yet: nothing written
        if on_first_write:
            return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / TOLD).touch()
    except OSError:
        pass  # told again next time: better than never
    shown = str(folder)
    home = str(Path.home())
    if shown.startswith(home + os.sep):
        shown = "~" + shown[len(home) :]
    return f"Your games and tables are kept in {shown} (--saves DIR or {SAVES_ENV} to choose another folder)"
