"""The next state in the making: a mutable working copy that one engine call works on."""

from __future__ import annotations

from typing import Any

from .model import Odds, Rules, Slots, odds_of
from .rng import Generator, Stream
from .state import GameState


class Draft:
    """A state's values as plain lists, changed in place by the engine, then frozen.

    `v` is the flat slot list every expression reads: the tracks, each seat's budget, then
    the read-only `quarter` and `ending` (see `effects.symbol_table`).
    """

    __slots__ = ("rules", "v", "quarter", "news", "pending", "queued", "fired", "used", "secrets", "rng")

    def __init__(self, rules: Rules, state: GameState, rng: Generator | None = None) -> None:
        self.rules = rules
        self.v: list[Any] = state.slots()
        self.quarter = state.quarter
        self.news = state.news
        self.pending = list(state.pending)
        self.queued = list(state.queued)
        self.fired = list(state.fired)
        self.used = list(state.used)
        self.secrets = state.secrets
        # Every roll of the game comes from this generator, standing where the state's does.
        self.rng: Generator = Stream(state.rng) if rng is None else rng

    def copy(self, rng: Generator) -> Draft:
        """Another draft standing where this one does, drawing from `rng`. A bot weighs a
        dozen orders from one state: copying one draft's lists beats building each anew."""
        d = Draft.__new__(Draft)
        d.rules, d.quarter, d.news, d.rng = self.rules, self.quarter, self.news, rng
        d.v, d.pending, d.queued = self.v.copy(), self.pending.copy(), self.queued.copy()
        d.fired, d.used, d.secrets = self.fired.copy(), self.used.copy(), self.secrets
        return d

    @property
    def ending(self) -> str:
        return self.v[-1]  # type: ignore[no-any-return]  # the last slot is the ending's id

    def roll(self, odds: float) -> tuple[bool, float | None]:
        """Whether a roll at `odds` succeeds, and the number drawn. Odds of 1 or 0 draw
        nothing, so content without chance never moves the generator."""
        if 0 < odds < 1:
            r = self.rng.random()
            return r < odds, r
        return odds >= 1, None

    def happens(self, chance: Odds, values: Slots) -> bool:
        """Whether an event's `chance` comes up on `values` (nobody reads the
        number drawn)."""
        return self.roll(odds_of(chance, values))[0]

    def freeze(self) -> GameState:
        v, n = self.v, len(self.rules.tracks)
        return GameState(
            scenario=self.rules.scenario,
            quarter=self.quarter,
            values=tuple(v[:n]),
            budgets=tuple(v[n:-2]),
            rng=self.rng.state,
            news=() if v[-1] else self.news,
            pending=tuple(self.pending),
            queued=tuple(self.queued),
            fired=tuple(self.fired),
            used=tuple(self.used),
            ending=v[-1],
            secrets=self.secrets,
        )
