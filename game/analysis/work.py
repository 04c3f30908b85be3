"""What a worker needs to play a piece of a batch: the content, named so that any process,
here or on a cluster, compiles the same rules, once per process.

Local processes read the content folder (and compare its fingerprint, so an edit during a
run is caught); a cluster's workers may not share this machine's folders, so the content's
files travel with the piece (a scenario is about 150 kB) and are written once per worker
process into a private temporary folder.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from pathlib import Path

import attrs

from ..core.model import Rules


class ContentChanged(Exception):
    """The content a worker read is not the content the run started with."""


@attrs.frozen
class Source:
    """The content of a run: its folder and fingerprint, and for a cluster its files."""

    root: str
    fingerprint: str
    files: tuple[tuple[str, bytes], ...] = ()  # (path under root, bytes), when shipped

    @classmethod
    def of(cls, root: Path, fingerprint: str, ship: bool = False) -> Source:
        root = root.resolve()
        files: tuple[tuple[str, bytes], ...] = ()
        if ship:
            files = tuple((p.relative_to(root).as_posix(), p.read_bytes()) for p in sorted(root.rglob("*.toml")))
        return cls(str(root), fingerprint, files)


_LOADED: dict[tuple[str, str], Rules] = {}
_LOADING = threading.Lock()  # a Dask worker may run pieces in several threads


def rules_of(source: Source, scenario: str) -> Rules:
    """The compiled scenario, loaded once per process and content fingerprint."""
    with _LOADING:
        return _rules_of(source, scenario)


def _rules_of(source: Source, scenario: str) -> Rules:
    from ..content import ContentError, load
    from ..content.sources import fingerprint

    key = (source.fingerprint, scenario)
    if key in _LOADED:
        if source.files:  # shipped files cannot change under us
            return _LOADED[key]
        if fingerprint(Path(source.root)) == source.fingerprint:
            return _LOADED[key]
    root = _unpacked(source) if source.files else Path(source.root)
    try:
        content = load(root)
    except ContentError as err:
        raise ContentChanged(f"the content in {source.root} no longer loads ({err})") from None
    if content.fingerprint != source.fingerprint:
        raise ContentChanged(f"the content in {source.root} changed while the games ran; run again")
    _LOADED[key] = content.scenario(scenario)
    return _LOADED[key]


_UNPACKED: dict[str, Path] = {}


def _unpacked(source: Source) -> Path:
    """The shipped files, written once per worker process into a private temporary folder
    (not a shared, guessable path another user of the machine could fill first); removed
    when the process ends."""
    if source.fingerprint not in _UNPACKED:
        root = Path(tempfile.mkdtemp(prefix="silicon-curtain-content-"))
        atexit.register(shutil.rmtree, root, True)
        for rel, raw in source.files:
            path = root / rel
            if root not in path.resolve().parents:
                raise ContentChanged(f"the shipped content names a file outside its folder: {rel!r}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(raw)
        _UNPACKED[source.fingerprint] = root
    return _UNPACKED[source.fingerprint]


def play_games(
    source: Source, scenario: str, levels: dict[str, str], seed: int, start: int, count: int, players=None
) -> list:
    """`simulate`'s games start .. start+count-1 (game i on seed+i), in any process; `players`
    are the seats of outside programs (`bots.External`), started in the process that plays."""
    from ..balance import play_game

    rules = rules_of(source, scenario)
    return [play_game(rules, seed + i, levels, i, players) for i in range(start, start + count)]
