"""Replaying a record headless: each quarter's orders through the turn function again, and
the first place where the states differ from what the record says they were.

Two points of a quarter are kept. `states[q]` is the state after quarter q resolved, with
quarter q+1's news already drawn (the engine draws it at the end of a quarter): what the
seats face next and what the record's digest proves. `settled[q]` is the state as quarter q
left it, before the next news (`settled_state`): what a report, a dashboard, a chart or a
comparison of quarter q shows, so it never contradicts the quarter's report or gives away
the next news. `settled[0]` is the scenario's opening, before quarter 1's news.

A replay never raises for what a record holds: an order these rules refuse stops it (with
the reason), and a state that differs from its digest is noted, and the replay goes on, so
a viewer can still show a save made with other content ("replay anyway").
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..core.model import Rules
from ..core.sink import OutcomeLog
from ..core.state import GameState, IllegalOrder, Order, Outcome, new_state
from ..core.turn import new_game, play_quarter
from .record import Record, track_values


@attrs.frozen
class Divergence:
    """Where a replay first parts from its record: the quarter (0 is the start) and why."""

    quarter: int
    saved: str  # the digest the record holds
    replayed: str  # the digest of the replayed state
    tracks: tuple[tuple[str, object, object], ...] = ()  # (track, saved, replayed) that differ
    recorded_tracks: bool = True  # False when the record kept no track values to compare
    ending: tuple[str, str] | None = None  # (saved, replayed) when the ending differs

    @property
    def where(self) -> str:
        return "the start" if self.quarter == 0 else f"Q{self.quarter}"

    def describe(self) -> str:
        """One line: 'Q4: tension saved 45, replayed 50; licence saved ...'."""
        parts = [f"{t} saved {_show(a)}, replayed {_show(b)}" for t, a, b in self.tracks]
        if self.ending:
            parts.append(f"ending saved {_show(self.ending[0] or 'none')}, replayed {_show(self.ending[1] or 'none')}")
        if not parts:
            if not self.recorded_tracks:
                parts.append("the state differs (this save kept no track values to say which)")
            else:
                parts.append(
                    "every track matches: the budgets, the random stream, scheduled effects, "
                    "the next quarter's news or the recorded digest itself differ"
                )
        elif self.saved == self.replayed:
            parts.append("the digest matches, so the file's track values were changed")
        return f"{self.where}: " + "; ".join(parts)


def _show(value) -> str:
    return repr(value) if isinstance(value, str) else f"{value:g}" if isinstance(value, float) else str(value)


@attrs.frozen
class Replay:
    rules: Rules
    record: Record
    states: tuple[GameState, ...]  # states[0] at the start; states[q] after quarter q resolved (next news drawn)
    log: tuple[tuple[Outcome, ...], ...]  # new_game's outcomes, then each replayed quarter's
    divergence: Divergence | None = None  # the first quarter that differs from the record
    stopped: str = ""  # why the replay could not go on; "" when every quarter replayed
    # settled[0]: the opening before Q1's news; settled[q]: as quarter q left it, before the next news
    settled: tuple[GameState, ...] = ()

    def end_of_quarter(self, quarter: int) -> GameState:
        """The state as `quarter` left it, before the next quarter's news (0: the opening)."""
        return self.settled[quarter]

    @property
    def quarters(self) -> int:
        """How many quarters replayed."""
        return len(self.states) - 1

    @property
    def faithful(self) -> bool:
        """Every recorded quarter replayed, to exactly the states the record holds."""
        return not self.stopped and self.divergence is None

    def problem(self) -> str:
        """What is wrong, in one line; "" when faithful."""
        if self.divergence is not None:
            return f"first divergence at {self.divergence.describe()}"
        return self.stopped

    def outcomes_of(self, quarter: int) -> list[Outcome]:
        """Everything that happened in `quarter`: its news (drawn at the end of the quarter
        before), then choices, orders, delayed effects, rules and the ending."""
        return [o for outcomes in self.log for o in outcomes if o.quarter == quarter]


def replay(rules: Rules, record: Record) -> Replay:
    """Play the record's quarters again on `rules`; see the module's docstring."""
    state, outcomes = new_game(rules, record.seed)
    states, log = [state], [tuple(outcomes)]
    settled = [opening_state(rules, record.seed)]
    # Format 1 kept each quarter's tracks after the next news; later formats as the quarter left them.
    settled_tracks = record.format >= 2
    divergence = diverges(rules, 0, record.start_digest, record.start_tracks, "", state)
    stopped = ""
    for q in record.quarters:
        if state.over:
            stopped = f"Q{q.quarter}: the game had already ended at Q{state.quarter} ({state.ending})"
            break
        if q.quarter != state.quarter:
            stopped = f"Q{q.quarter}: the record skips from Q{state.quarter - 1} to Q{q.quarter}"
            break
        try:
            state, outcomes, end = play_settled(rules, state, {o.seat: o for o in q.orders}, q.interventions, q.offers)
        except IllegalOrder as err:
            stopped = f"Q{q.quarter}: these rules refuse an order: {err}"
            break
        states.append(state)
        settled.append(end)
        log.append(tuple(outcomes))
        if divergence is None:
            divergence = diverges(
                rules, q.quarter, q.digest, q.tracks, q.ending, state, end if settled_tracks else state
            )
    return Replay(rules, record, tuple(states), tuple(log), divergence, stopped, tuple(settled))


def play_settled(
    rules: Rules, state: GameState, orders: dict[str, Order], interventions: Sequence = (), offers: Sequence = ()
) -> tuple[GameState, list[Outcome], GameState]:
    """`play_quarter`, with the state as the quarter left it: (next state, outcomes, settled)."""
    log = OutcomeLog(rules)
    after, _ = play_quarter(rules, state, orders, tuple(interventions), offers=tuple(offers), sink=log)
    return after, log.outcomes, settled_state(rules, after, log.end_values, state.quarter)


def settled_state(rules: Rules, after: GameState, end_values: Sequence[object], quarter: int) -> GameState:
    """The state as `quarter` left it, from the state the engine returned (`after`, which may
    hold the next quarter's news) and the slots the sink heard when it settled.

    Its values, budgets, quarter, ending and once-only records are exact, and it has no news:
    the next quarter's is not drawn yet, and this quarter's is over. It is a state to show,
    not to play on: its generator and scheduled effects are those after the next news.
    """
    n, s = len(rules.tracks), len(rules.seats)
    if len(end_values) != n + s + 2 or end_values[-2] != quarter:
        raise ValueError(f"no settled values for Q{quarter}: the sink heard {len(end_values)} slots")
    drawn = after.news if after.quarter != quarter else ()  # the next quarter's news, if drawn
    fired = after.fired[: len(after.fired) - len(drawn)] if drawn else after.fired
    return attrs.evolve(
        after,
        quarter=quarter,
        values=tuple(end_values[:n]),
        budgets=tuple(end_values[n : n + s]),  # type: ignore[arg-type]
        news=(),
        fired=fired,
        ending=end_values[-1],
    )


def opening_state(rules: Rules, seed: int) -> GameState:
    """The scenario's opening, before quarter 1's news: the start of every end-of-quarter series."""
    return new_state(rules, seed)


def diverges(
    rules: Rules, quarter: int, digest: str, tracks, ending: str, state: GameState, tracked: GameState | None = None
) -> Divergence | None:
    """The difference between a recorded quarter and a replayed state, or None. `tracked` is
    the state the record's tracks are compared with (the settled one, in format 2 and later);
    the digest is always `state`'s."""
    replayed = track_values(rules, state if tracked is None else tracked)
    moved = ()
    if tracks:
        saved = dict(tracks)
        moved = tuple(
            (t, saved.get(t, "(missing)"), v) for t, v in replayed if t not in saved or not _same(saved[t], v)
        )
        moved += tuple((t, saved[t], "(no such track)") for t in saved if t not in rules.track_index)
    other_ending = None if ending == state.ending else (ending, state.ending)
    # Saves that keep no track values (written before quarters kept them) keep no ending
    # either; the digest covers the ending all the same.
    if not tracks:
        other_ending = None
    real = state.digest()
    if real == digest and not moved and other_ending is None:
        return None
    return Divergence(quarter, digest, real, moved, bool(tracks), other_ending)


def _same(saved, replayed) -> bool:
    """Equal as the file can say it: 2 and 2.0 are the same number, "2" and 2 are not."""
    if isinstance(saved, bool) or isinstance(replayed, bool):
        return saved is replayed
    if isinstance(saved, (int, float)) and isinstance(replayed, (int, float)):
        return saved == replayed
    return type(saved) is type(replayed) and saved == replayed


def first_divergence(a: Replay, b: Replay) -> int | None:
    """The first position (0 is the start, q after quarter q) where two replays' states
    differ, or None if one is a prefix of the other (or they are the same)."""
    for i, (x, y) in enumerate(zip(a.states, b.states)):
        if x.digest() != y.digest():
            return i
    return None
