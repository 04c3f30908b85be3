"""The quiet quarter: `play_quarter` with no report, run as Python written for the scenario.

A bot looking ahead resolves dozens of quarters for every order it gives, and a balance run
plays thousands of games; nobody reads what happened in them, only the state they end in.
For those, the scenario's conditions, odds and effects are written out once as a handful of
Python functions (`quiet_source.py`, `pysource.py`) and compiled, so a quarter runs as straight-line code
instead of a walk over entries and closures. It is built on first use (`Rules.quiet`), not
at load, so validating content stays fast.

The phases, their order and every roll are exactly those of `turn.play_quarter`; a property
test plays the two side by side and compares the states they reach.
"""

from __future__ import annotations

from functools import cached_property

from .expr import names_in
from .model import Rules
from .quiet_source import ModuleWriter
from .ranges import Slots
from .scratch import Scratch
from .state import GameState, Order


def _chance(S: Scratch, x) -> bool:
    """`Scratch.roll(odds_of(...))`: certain odds draw nothing from the generator."""
    p = float(x)
    if p >= 1.0 or p != p:  # odds_of clamps with min(1.0, p), which keeps 1.0 against a NaN
        return True
    if p <= 0.0:
        return False
    return S.rng.random() < p


_NAMESPACE = {"min": min, "max": max, "abs": abs, "float": float, "type": type, "int": int, "set": set, "tuple": tuple,
              "_chance": _chance}


class QuietQuarter:
    """One scenario's quarter, compiled; `play` is `play_quarter(report=False)`.

    Written in two versions. The narrowed one (`Rules.quiet`) assumes what `Slots` says the
    slots hold, which every state that content, play and bots make satisfies, and leaves
    out the clamps, roundings and tests whose outcome that decides (about a third of the
    effects' work). The full one (`full`) assumes nothing; it is written, on first use, only
    for a state that does not fit, such as one a facilitator set 50.5 on a whole-number
    track. A working copy keeps to the version it started on: the narrowed code only
    writes values that fit.
    """

    def __init__(self, rules: Rules, narrowed: bool = True):
        self.rules = rules
        self.slots = Slots(rules) if narrowed else None
        self.source = ModuleWriter(rules, self.slots).module()  # kept for reading when something looks wrong
        namespace = {"__builtins__": {}, **_NAMESPACE}
        # One function at a time: compiling the whole module at once peaks ~10 MB higher (its
        # syntax tree), for no gain in time. Literals come through repr, so no string in the
        # source holds a real newline and every "\ndef " starts a function.
        for i, function in enumerate(self.source.split("\ndef ")):
            code = function if i == 0 else "def " + function
            exec(compile(code, f"<quiet quarter of {rules.scenario}>", "exec"), namespace)
        self.news = namespace["news"]
        self.news_chained = namespace["news_chained"]
        self.rules_and_news = namespace["rules_and_news"]
        self.rules_phase_tallied = namespace["rules_phase_tallied"]
        self.points = {seat.id: namespace[f"points_{i}"] for i, seat in enumerate(rules.seats)}
        self.ending_effects = {e.id: namespace[f"end_{i}"] for i, e in enumerate(rules.endings) if e.effects}
        self.actions = {a.id: namespace[f"action_{i}"] for i, a in enumerate(rules.actions)}
        self.menus = {seat.id: namespace[f"menu_{i}"] for i, seat in enumerate(rules.seats)}
        self.fits = namespace.get("fits")  # values -> whether the narrowed code may run on them
        self.seat_ids = rules.seat_ids
        self.budget_unread = unread_budgets(rules)
        # The news events that ask a seat to choose: event id -> (seat, {option id: effects})
        # with the first option's effects as the default when the seat gives no answer.
        self.choosers = {
            e.id: (e.choice_seat, {o.id: namespace[f"option_{i}_{j}"] for j, o in enumerate(e.options)}, e.options[0].id)
            for i, e in enumerate(rules.events) if e.options
        }

    @cached_property
    def full(self) -> QuietQuarter:
        return self if self.slots is None else QuietQuarter(self.rules, narrowed=False)

    def for_state(self, state: GameState) -> QuietQuarter:
        """The version that may resolve `state`: this one, or the full one if it does not fit."""
        return self.for_values(state.slots())

    def for_values(self, v: list) -> QuietQuarter:
        """`for_state` for a working copy's values."""
        return self if self.fits is None or self.fits(v) else self.full

    def play(self, state: GameState, orders: dict[str, Order], forced: dict[str, bool],
             tally: list | None) -> GameState:
        """The quarter's orders, already checked, resolved; `forced` maps an action to the
        outcome its roll is forced to. See `play_quarter` for `tally`."""
        s = self.for_state(state).resolve(state, orders, forced, tally)
        return s.freeze(state, s.news, s.v[-1])

    def draw_news(self, s: Scratch, tally: list | None) -> None:
        """Phase 1 of quarter `s.quarter` into the working copy: its news in `s.news`."""
        v = s.v
        q = s.quarter
        due = {event for (when, event) in s.queued if when <= q} if s.queued else ()
        if due:
            s.queued = [(when, event) for (when, event) in s.queued if when > q]
            fired = self.news_chained(v, s, q, due, set(s.fired))
        else:
            fired = self.news(v, s, q, set(s.fired))
        s.fired.extend(fired)
        s.news = tuple(fired)
        if tally is not None:
            tally.extend(("event", event_id) for event_id in fired)

    def open(self, state: GameState, tally: list | None) -> GameState:
        """Quarter 1's news drawn on a new game's state (see `turn.new_game`)."""
        s = self.for_state(state).opening(state, tally)
        return s.freeze(state, s.news)

    def opening(self, state: GameState, tally: list | None, rng=None) -> Scratch:
        """`open`, left as the working copy (its news in `s.news`), for a game that goes on
        on it (`advance`). Call it on the version `for_state` picks for `state`, as the
        game goes on with that version; `rng` as for `resolve`."""
        s = Scratch(self.rules, state, report=False, rng=rng)
        s.v[-2] = state.quarter
        self.draw_news(s, tally)
        return s

    def resolve(self, state: GameState, orders: dict[str, Order], forced: dict[str, bool],
                tally: list | None = None, rng=None) -> Scratch:
        """The quarter, left as the working copy: up to its ending, or through the next
        quarter's news (drawn into `news`).

        For a lookahead that reads the values and freezes a state only when it goes on from
        one; `play` is this and a frozen state. The orders must be legal (play_quarter
        checks them; a bot builds them from its own menu). `rng` stands in for the state's
        generator, standing where it does (see `rng.Tape`).
        """
        quiet = self.for_state(state)
        return quiet.advance(Scratch(self.rules, state, report=False, rng=rng), state.news, orders, forced, tally)

    def advance(self, s: Scratch, news: tuple[str, ...], orders: dict[str, Order], forced: dict[str, bool],
                tally: list | None = None, seen: list | None = None) -> Scratch:
        """`resolve` on a working copy standing at a quarter whose news is `news`: a game
        whose every state nobody reads goes on from one quarter to the next on one copy,
        passing on the `s.news` each quarter leaves, and freezes a state only at its end.
        `seen`: the values the seats ordered on, if the caller holds them unchanged (a copy
        of `s.v` by default). `s` must stand on a state this version may resolve (see
        `for_state`), as every quarter it resolves leaves it."""
        v = s.v
        if seen is None:
            seen = v.copy()  # odds are rolled on the state the seats saw when they ordered

        choosers = self.choosers
        for event_id in news:
            if event_id in choosers:
                seat, effects, first = choosers[event_id]
                order = orders.get(seat)
                answer = order.choice(event_id) if order else None
                answer = answer if answer in effects else first  # as Event.option falls back
                effects[answer](v, s)
                if tally is not None:
                    tally.append(("option", f"{event_id}:{answer}"))

        rank, actions = self.rules.action_rank, self.actions
        for order in map(orders.get, self.seat_ids):  # seat by seat, in seat order
            if order is not None and order.actions:
                for action_id in sorted(order.actions, key=rank.__getitem__):
                    actions[action_id](v, s, seen, forced)
        return self.settle(s, tally)

    def answered(self, news: tuple[str, ...], seat: str, answers: tuple[tuple[str, str], ...]) -> list:
        """The option effects `advance` applies for `news` when only `seat` orders and answers
        `answers` (everyone else's choices take their first option)."""
        options = []
        for event_id in news:
            if event_id in self.choosers:
                chooser, effects, first = self.choosers[event_id]
                answer = Order(seat, (), answers).choice(event_id) if chooser == seat else None
                options.append(effects[answer if answer in effects else first])
        return options

    def imagine(self, s: Scratch, options: list, action_id: str | None, forced: dict[str, bool], seen: list) -> Scratch:
        """`advance` with one seat ordering at most one action, its answers' effects
        `options` (see `answered`), and no tally: a bot's lookahead resolves a dozen such
        quarters on the same news for every order it gives, and skips the lookups."""
        v = s.v
        for option in options:
            option(v, s)
        if action_id is not None:
            self.actions[action_id](v, s, seen, forced)
        return self.settle(s, None)

    def settle(self, s: Scratch, tally: list | None) -> Scratch:
        """The rest of the quarter once the orders are in: delayed effects falling due, the
        non-player rules, then the ending reached, or the refill and next quarter's news."""
        q = s.quarter
        v = s.v
        if s.pending:
            due = [key for (when, key) in s.pending if when <= q]
            s.pending = [(when, key) for (when, key) in s.pending if when > q]
            for key in due:
                s.apply(self.rules.effects_by_key[key], [])

        # The non-player rules, then the ending reached, or the refill (see `rules_phase`);
        # untallied, the next quarter's news too, unless a chain falls due in it.
        ending = self.rules_and_news(v, s, q) if tally is None else self.rules_phase_tallied(v, s, q, tally)
        if ending:
            v[-1] = ending  # before its effects, which may read `ending`
            if ending in self.ending_effects:
                self.ending_effects[ending](v, s)
        elif ending is None or tally is not None:
            s.quarter = v[-2] = q + 1
            self.draw_news(s, tally)
        return s


def unread_budgets(rules: Rules) -> frozenset[str]:
    """The seats whose budget nothing but an order's cost and the refill reads: no condition,
    chance, objective or effect's value names it (an effect on the budget itself may, as its
    result stays there). For them, an action that fails and has no failure effects ends the
    quarter as a pass does, the budget aside; a bot's lookahead uses this to skip resolving it."""
    trees = [fn.tree for fn in (
        *(x for rule in rules.rules for x in (rule.when, rule.chance)),
        *(x for event in rules.events for x in (event.when, event.chance)),
        *(end.when for end in rules.endings),
        *(o.points for seat in rules.seats for o in seat.objectives),
    ) if fn is not None]
    blocks = [*(r.effects for r in rules.rules), *(e.effects for e in rules.events),
              *(o.effects for e in rules.events for o in e.options), *(e.effects for e in rules.endings),
              *(a.effects for a in rules.actions), *(a.fail_effects for a in rules.actions),
              tuple(rules.effects_by_key.values())]
    for block in blocks:
        for effect in block:
            while effect.kind == "delay":
                effect = effect.inner
            if effect.kind == "set":
                trees.append(effect.value.tree)
    read = set().union(*map(names_in, trees))
    return frozenset(seat.id for seat in rules.seats if f"budget.{seat.id}" not in read)
