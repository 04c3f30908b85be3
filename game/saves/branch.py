"""Branches: a new game that replays a saved one up to a quarter and then plays on with new
orders ("what if the regulator had cut the quota in Q3?"), and its comparison with its parent.

The branch keeps the parent's seed and its orders before the branch quarter, so the game's
random stream is the same up to there: what differs afterwards follows from the new orders.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from .. import __version__
from ..core.model import Track
from ..match import Match, Record, to_toml, track_values
from ..match.replay import Replay, first_divergence
from .files import atomic_write
from .store import fresh_path, saves_dir


def branch_record(run: Replay, quarter: int, parent: str, seats: dict[str, str], fingerprint: str) -> Record:
    """The record of a game that keeps `run`'s quarters before `quarter`, ready for that
    quarter's new orders. Digests are those of the replay, so a parent replayed on other
    content gives a branch that is a faithful game of the content at hand."""
    if not 1 <= quarter <= run.quarters + 1:
        raise ValueError(f"a branch starts at Q1..Q{run.quarters + 1}, not Q{quarter}")
    if run.states[quarter - 1].over:
        raise ValueError(f"the game was over before Q{quarter}")
    rules = run.rules
    kept = tuple(
        attrs.evolve(q, digest=state.digest(), tracks=track_values(rules, end), ending=state.ending)
        for q, state, end in zip(run.record.quarters[: quarter - 1], run.states[1:quarter], run.settled[1:quarter])
    )
    old = dict(run.record.seats)
    start = run.states[0]
    return Record(
        content=fingerprint,
        scenario=rules.scenario,
        seed=run.record.seed,
        seats=tuple((s, seats.get(s, old[s])) for s in rules.seat_ids),
        start_digest=start.digest(),
        quarters=kept,
        game_version=__version__,
        parent=parent,
        branch_quarter=quarter,
        start_tracks=track_values(rules, start),
        facilitator=run.record.facilitator,
    )


def start_branch(run: Replay, parent_path: Path, quarter: int, seats: dict[str, str], fingerprint: str) -> Match:
    """Write the branch as a new file beside its parent, or in the saves folder if the
    parent's folder cannot be written, and return the game, waiting on `quarter`'s orders."""
    parent_path = Path(parent_path)
    stem = f"{parent_path.stem}-branch-q{quarter}"
    try:
        path = fresh_path(parent_path.parent, stem)
        record = branch_record(run, quarter, parent_path.name, seats, fingerprint)
        atomic_write(path, to_toml(record))
    except OSError:
        path = fresh_path(saves_dir(), stem)
        record = branch_record(run, quarter, str(parent_path.resolve()), seats, fingerprint)
        atomic_write(path, to_toml(record))
    return Match.from_record(run.rules, record, save_path=path)


def parent_path(branch_path: Path, parent: str) -> Path:
    """Where a branch's parent (as its save names it) is: beside the branch, else in the saves folder."""
    named = Path(parent)
    if named.is_absolute():
        return named
    beside = Path(branch_path).parent / named
    return beside if beside.exists() or not (saves_dir() / named).exists() else saves_dir() / named


# Which point of each quarter a comparison row holds, for the screens to say so.
POINT = "each row is the game at the end of that quarter, before the next quarter's news"


@attrs.frozen
class Comparison:
    """A branch beside its parent, quarter by quarter, on the main tracks: the opening, then
    each quarter as it ended (before the next news), like a report of the quarter says."""

    tracks: tuple[Track, ...]
    labels: tuple[str, ...]  # "Start", then "Q1 2026-Q1" ...: the opening, then the end of each quarter
    parent: tuple[tuple | None, ...]  # a row of track values per label; None once that game had ended
    branch: tuple[tuple | None, ...]
    branch_quarter: int
    diverged: int | None  # the first row whose games differ; None if they never do
    moved: tuple[tuple[str, object, object], ...] = ()  # (track id, parent, branch) differing there
    moved_text: tuple[str, ...] = ()  # the same in words: "Tension 55 % vs 60 %"

    def summary(self) -> str:
        if self.diverged is None:
            return "The branch and its parent have not diverged: the same states as far as both go."
        where = "the start" if self.diverged == 0 else f"the end of {self.labels[self.diverged]}"
        if not self.moved:
            what = "no track differs yet (budgets, the random stream, scheduled effects or the next news do)"
        else:
            what = "; ".join(self.moved_text or (f"{t} {a} vs {b}" for t, a, b in self.moved))
        early = (
            ""
            if self.diverged >= self.branch_quarter
            else (f" That is before the branch quarter Q{self.branch_quarter}: the parent file has changed since.")
        )
        return f"First divergence at {where}: {what} (parent vs branch).{early}"


def main_tracks(rules) -> tuple[Track, ...]:
    """The tracks the content marks as main, or the public ones if it marks none."""
    return tuple(t for t in rules.tracks if t.main) or tuple(t for t in rules.tracks if t.visibility == "public")


def compare(parent: Replay, branch: Replay) -> Comparison:
    rules = branch.rules
    tracks = main_tracks(rules)
    idx = [rules.track_index[t.id] for t in tracks]
    rows = max(parent.quarters, branch.quarters) + 1
    labels = tuple("Start" if p == 0 else f"Q{p} {rules.quarter_label(p)}" for p in range(rows))

    def column(run: Replay):
        return tuple(
            tuple(run.settled[p].values[i] for i in idx) if p < len(run.settled) else None for p in range(rows)
        )

    diverged = first_divergence(parent, branch)
    moved: tuple = ()
    text: tuple[str, ...] = ()
    if diverged is not None:
        a, b = parent.settled[diverged], branch.settled[diverged]
        differ = [(t, x, y) for t, x, y in zip(rules.tracks, a.values, b.values) if x != y]
        moved = tuple((t.id, x, y) for t, x, y in differ)
        text = tuple(f"{t.name} {t.format(x)} vs {t.format(y)}" for t, x, y in differ)
    return Comparison(
        tracks, labels, column(parent), column(branch), branch.record.branch_quarter, diverged, moved, text
    )
