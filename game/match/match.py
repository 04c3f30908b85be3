"""A game in progress: rules, seats (human or bot), the current state, and its record.

This sits above the pure core: it asks bots for the empty seats' orders, calls the turn
function, and keeps the history the screens chart and the record a save writes.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from .. import __version__
from ..bots import BOTS
from ..core.model import Rules
from ..core.state import GameState, Intervention, Order, Outcome
from ..core.turn import new_game, play_quarter
from ..core.view import view
from .record import QuarterRecord, Record, track_values
from .replay import replay

HUMAN = "human"


def bot_kind(controller: str) -> str | None:
    """'bot:random' -> 'random'; 'human' -> None."""
    return controller.split(":", 1)[1] if controller.startswith("bot:") else None


@attrs.define
class Match:
    rules: Rules
    seed: int
    seats: dict[str, str]  # seat id -> "human" or "bot:<level>"
    state: GameState
    record: Record
    history: list[GameState]  # the state at the start of each quarter played, then the latest
    log: list[list[Outcome]]  # outcomes of new_game, then of each quarter
    bots: dict = attrs.field(factory=dict)
    save_path: Path | None = None  # where autosaves of this game go; chosen on the first one
    # The bots' orders for `state`, once asked for: a facilitator's console shows them before
    # the quarter resolves with them, and an expert bot's order takes a good part of a second.
    _bot_orders: tuple | None = attrs.field(default=None, init=False, repr=False, eq=False)

    @classmethod
    def start(
        cls, rules: Rules, seed: int, seats: dict[str, str], fingerprint: str = "", facilitator: bool = False
    ) -> Match:
        for seat_id in rules.seat_ids:
            seats.setdefault(seat_id, "bot:random")
        state, outcomes = new_game(rules, seed)
        record = Record(
            content=fingerprint,
            scenario=rules.scenario,
            seed=seed,
            seats=tuple((s, seats[s]) for s in rules.seat_ids),
            start_digest=state.digest(),
            game_version=__version__,
            start_tracks=track_values(rules, state),
            facilitator=facilitator,
        )
        match = cls(rules, seed, dict(seats), state, record, [state], [outcomes])
        match._seat_bots()
        return match

    @classmethod
    def from_record(cls, rules: Rules, record: Record, save_path: Path | None = None) -> Match:
        """The game a record holds, its orders replayed; the record is kept as it was read.

        Raises ValueError if the orders do not replay on these rules or a state differs from
        its digest: load saves through `saves.loading`, which says so in the user's words.
        """
        run = replay(rules, record)
        if not run.faithful:
            raise ValueError(run.problem())
        match = cls(
            rules,
            record.seed,
            record.controllers,
            run.states[-1],
            record,
            list(run.states),
            [list(o) for o in run.log],
            save_path=save_path,
        )
        match._seat_bots()
        return match

    def _seat_bots(self) -> None:
        for seat_id, controller in self.seats.items():
            kind = bot_kind(controller)
            if kind:
                self.bots[seat_id] = BOTS[kind](self.rules, seat_id, self.seed)

    @property
    def over(self) -> bool:
        return self.state.over

    def bot_orders(self) -> dict[str, Order]:
        """What each bot orders this quarter. A bot's order is a pure function of its view,
        so it is worked out once for each state."""
        if self._bot_orders is None or self._bot_orders[0] is not self.state:
            orders = {seat: bot.order(view(self.rules, self.state, seat)) for seat, bot in self.bots.items()}
            self._bot_orders = (self.state, orders)
        return dict(self._bot_orders[1])

    def play(
        self, orders: dict[str, Order] | None = None, interventions: tuple[Intervention, ...] = ()
    ) -> list[Outcome]:
        """Resolve the current quarter; bots fill the seats with no order given."""
        given = dict(orders or {})
        for seat, order in self.bot_orders().items():
            given.setdefault(seat, order)
        q = self.state.quarter
        state, outcomes = play_quarter(self.rules, self.state, given, tuple(interventions))
        ordered = tuple(given[s] if s in given else Order(s) for s in self.rules.seat_ids)
        self.record = self.record.with_quarter(
            QuarterRecord(
                q, ordered, state.digest(), tuple(interventions), track_values(self.rules, state), state.ending
            )
        )
        self.state = state
        self.history.append(state)
        self.log.append(outcomes)
        return outcomes

    def play_out(self) -> None:
        while not self.over:
            self.play()
