"""Branches: a new game that replays a saved one up to a quarter and then plays on with new
orders ("what if the regulator had cut the quota in Q3?"), and its comparison with its parent.

The branch keeps the parent's seed and its orders before the branch quarter, so the game's
random stream is the same up to there: what differs afterwards follows from the new orders.

A branch may also change answers of the branch quarter's talks ("what if the regulator had
rejected the vendor's deal?"): that quarter is then played again by the engine with the
orders the parent gave and the changed answers, and the new orders start the quarter after.
The engine refuses answers the rules do not allow (IllegalOrder), as it would in play.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from .. import __version__
from ..core.deals import ACCEPTED, REJECTED, Offer
from ..core.model import Track
from ..match import Match, Record, to_toml, track_values
from ..match.record import QuarterRecord
from ..match.replay import Replay, first_divergence, play_settled
from .files import atomic_write
from .store import fresh_path, saves_dir

# What a changed answer says in the branch's record, where a bot's reason would be.
FLIPPED = "changed in this what-if branch"


def flippable(run: Replay, quarter: int) -> tuple[tuple[int, Offer], ...]:
    """The offers of `quarter`'s talks whose answer a branch may change, with their index in
    the quarter's record: those accepted or rejected (a lapsed one was never answered)."""
    if not 1 <= quarter <= min(run.quarters, len(run.record.quarters)):
        return ()
    offers = run.record.quarters[quarter - 1].offers
    return tuple((i, o) for i, o in enumerate(offers) if o.answer in (ACCEPTED, REJECTED))


def flipped(offer: Offer) -> Offer:
    """`offer` with the other answer: accepted for rejected, rejected for accepted."""
    return attrs.evolve(offer, answer=REJECTED if offer.accepted else ACCEPTED, answer_reason=FLIPPED)


def branch_record(
    run: Replay, quarter: int, parent: str, seats: dict[str, str], fingerprint: str, flips: tuple[int, ...] = ()
) -> Record:
    """The record of a game that keeps `run`'s quarters before `quarter`, ready for that
    quarter's new orders. Digests are those of the replay, so a parent replayed on other
    content gives a branch that is a faithful game of the content at hand.

    With `flips` (indexes into `flippable(run, quarter)`'s offers), `quarter` is played again
    with its orders and those answers changed, and the branch waits on the quarter after.
    Raises IllegalOrder if the rules do not allow the changed talks or the orders with them."""
    if not 1 <= quarter <= run.quarters + 1:
        raise ValueError(f"a branch starts at Q1..Q{run.quarters + 1}, not Q{quarter}")
    if run.states[quarter - 1].over:
        raise ValueError(f"the game was over before Q{quarter}")
    rules = run.rules
    kept = tuple(
        attrs.evolve(q, digest=state.digest(), tracks=track_values(rules, end), ending=state.ending)
        for q, state, end in zip(run.record.quarters[: quarter - 1], run.states[1:quarter], run.settled[1:quarter])
    )
    if flips:
        can = dict(flippable(run, quarter))
        unknown = [i for i in flips if i not in can]
        if unknown:
            raise ValueError(f"Q{quarter} has no answered offer {unknown[0]} to change")
        kept = (*kept, _replayed_with(run, quarter, set(flips)))
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
        branch_quarter=quarter,  # with flips, the quarter the answers changed; new orders from the next
        start_tracks=track_values(rules, start),
        facilitator=run.record.facilitator,
    )


def _replayed_with(run: Replay, quarter: int, flips: set[int]) -> QuarterRecord:
    """`quarter` played again by the engine on the state the parent reached, with the
    parent's orders and interventions and the answers of the offers `flips` changed."""
    rules, q = run.rules, run.record.quarters[quarter - 1]
    offers = tuple(flipped(o) if i in flips else o for i, o in enumerate(q.offers))
    orders = {o.seat: o for o in q.orders}
    after, _, settled = play_settled(rules, run.states[quarter - 1], orders, q.interventions, offers)
    return QuarterRecord(
        quarter, q.orders, after.digest(), q.interventions, track_values(rules, settled), after.ending, offers
    )


def start_branch(
    run: Replay,
    parent_path: Path,
    quarter: int,
    seats: dict[str, str],
    fingerprint: str,
    flips: tuple[int, ...] = (),
) -> Match:
    """Write the branch as a new file beside its parent, or in the saves folder if the
    parent's folder cannot be written, and return the game, waiting on `quarter`'s orders
    (or the next quarter's, with `flips`: see `branch_record`). Raises IllegalOrder, before
    writing anything, if the changed answers are not ones the rules allow."""
    parent_path = Path(parent_path)
    stem = f"{parent_path.stem}-branch-q{quarter}"
    record = branch_record(run, quarter, parent_path.name, seats, fingerprint, flips)
    try:
        path = fresh_path(parent_path.parent, stem)
        atomic_write(path, to_toml(record))
    except OSError:
        path = fresh_path(saves_dir(), stem)
        record = attrs.evolve(record, parent=str(parent_path.resolve()))
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
