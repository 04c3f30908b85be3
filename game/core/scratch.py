"""The mutable working copy of a state that one call of the turn function works on."""

from __future__ import annotations

from .model import UNCHANGED, Effect, Rules
from .rng import Stream
from .state import Change, GameState


class Scratch:
    """Mutable working copy of a state, private to one call of a pure function."""

    __slots__ = ("rules", "v", "quarter", "pending", "queued", "fired", "used", "rng", "n_tracks", "report", "news")

    def __init__(self, rules: Rules, state: GameState, report: bool = True, rng=None):
        self.rules = rules
        self.report = report  # False: nobody reads the outcomes, so none are built
        self.n_tracks = len(state.values)
        # tracks, then budgets in seat order, then the read-only `quarter` and `ending`
        self.v = state.slots()
        self.quarter = state.quarter
        self.pending = list(state.pending)
        self.queued = list(state.queued)
        self.fired = list(state.fired)
        self.used = list(state.used)
        # `rng`: anything with Stream's `random()` and `state` standing at `state.rng` (a
        # lookahead's TapeReader); the turn function's own rolls come from a Stream.
        self.rng = Stream(state.rng) if rng is None else rng
        self.news: tuple[str, ...] = ()  # the next quarter's news, once drawn

    def copy(self, rng) -> Scratch:
        """Another working copy standing where this one does, drawing from `rng`.

        A lookahead imagines a dozen quarters from one state: copying one prepared copy's
        lists costs less than building each from the frozen state's tuples."""
        s = Scratch.__new__(Scratch)
        s.rules, s.report, s.n_tracks, s.quarter, s.news = self.rules, self.report, self.n_tracks, self.quarter, self.news
        s.v, s.pending, s.queued = self.v.copy(), self.pending.copy(), self.queued.copy()
        s.fired, s.used, s.rng = self.fired.copy(), self.used.copy(), rng
        return s

    def name_of(self, index: int) -> str:
        if index < self.n_tracks:
            return self.rules.tracks[index].id
        return f"budget.{self.rules.seats[index - self.n_tracks].id}"

    def apply(self, effect: Effect, changes: list) -> None:
        self.apply_all((effect,), changes)

    def apply_all(self, effects, changes: list) -> None:
        v = self.v
        for effect in effects:
            if effect.run is not None:  # a set: the common case, done in one call
                old = effect.run(v)
                if old is not UNCHANGED and self.report:
                    changes.append(Change(self.name_of(effect.target), old, v[effect.target]))
            elif effect.kind == "queue":
                self.queued.append((self.quarter + 1, effect.event))
            else:  # delay
                inner = effect.inner
                if inner.kind == "queue":
                    self.queued.append((self.quarter + effect.delay, inner.event))
                else:
                    self.pending.append((self.quarter + effect.delay, inner.key))

    def roll(self, odds: float) -> tuple[bool, float | None]:
        """Odds of 1 or 0 draw nothing, so content without chance never moves the generator."""
        if odds >= 1:
            return True, None
        if odds <= 0:
            return False, None
        r = self.rng.random()
        return r < odds, r

    def freeze(self, state: GameState, news: tuple[str, ...], ending: str = "") -> GameState:
        n = self.n_tracks
        return GameState(
            scenario=state.scenario,
            quarter=self.quarter,
            values=tuple(self.v[:n]),
            budgets=tuple(self.v[n:n + len(self.rules.seats)]),
            rng=self.rng.state,
            news=news,
            pending=tuple(self.pending),
            queued=tuple(self.queued),
            fired=tuple(self.fired),
            used=tuple(self.used),
            ending=ending,
        )


def odds_of(fn, v) -> float:
    """A chance or odds expression read as a probability: absent is certain, and anything
    outside 0..1 is clamped, so content cannot write a broken roll."""
    return 1.0 if fn is None else max(0.0, min(1.0, float(fn(v))))
