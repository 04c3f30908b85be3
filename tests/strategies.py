"""Hypothesis strategies and drawing helpers shared by the test modules.

Imported by name (`from strategies import ...`): pyproject.toml puts tests/ on sys.path
(`pythonpath`), for the whole suite, for one file, and under xdist alike. The helpers that
take `data` draw from `st.data()` inside a test, since what may be drawn there depends on the
game state reached so far.
"""

from __future__ import annotations

from hypothesis import strategies as st

from game.core.options import action_choices
from game.core.state import Intervention, Order
from game.core.view import view

NO_REASON = st.just("")  # orders with no reason, as a person gives them
seeds = st.integers()
"""Any seed: the game takes any int, negative or past 64 bits (`seed_state` folds it)."""

saved_seeds = st.integers(-(2**63), 2**63 - 1)
"""Any seed a save can hold: a TOML integer, signed 64-bit."""

reasons = st.one_of(st.just(""), st.text(max_size=20))
"""A reason given with an order: none, or any text at all."""


def order(rules, state, seat, data, reasons=NO_REASON) -> Order:
    """Any legal order `seat` could give in `state`: which affordable actions on its menu it
    takes and its answer to each choice in its news, with a reason drawn from `reasons`
    (none by default)."""
    seat_view = view(rules, state, seat)
    budget, picks = seat_view.budget, []
    for choice in action_choices(rules, seat_view):
        if choice.available and choice.action.cost <= budget and data.draw(st.booleans()):
            picks.append(choice.action.id)
            budget -= choice.action.cost
    answers = tuple((e, data.draw(st.sampled_from([o.id for o in rules.event(e).options]))) for e in seat_view.choices)
    return Order(seat, tuple(picks), answers, data.draw(reasons))


def orders(rules, state, data) -> dict[str, Order]:
    """A legal order for every seat in `state`, each drawn as `order` draws it."""
    return {seat: order(rules, state, seat, data) for seat in rules.seat_ids}


def interventions(rules, given, data) -> tuple[Intervention, ...]:
    """A facilitator's moves for a quarter whose orders are `given`: none, one or two, of every
    kind (set a track to a value it can hold, inject an event, a custom card whose effects
    move the mini fixture's tension and quota, force an ordered action to succeed or fail)."""
    kinds = ["set", "inject", "custom"] + (["force"] if any(o.actions for o in given.values()) else [])
    out = []
    for kind in data.draw(st.lists(st.sampled_from(kinds), max_size=2)):
        if kind == "set":
            track = data.draw(st.sampled_from(rules.tracks))
            value = (
                data.draw(st.sampled_from(track.states))
                if not track.is_number
                else data.draw(st.integers(int(track.min), int(track.max)))
            )
            out.append(Intervention("set", track=track.id, value=value, note=data.draw(st.text(max_size=8))))
        elif kind == "inject":
            out.append(Intervention("inject", event=data.draw(st.sampled_from([e.id for e in rules.events]))))
        elif kind == "custom":
            out.append(
                Intervention(
                    "custom",
                    title="Leak",
                    text="A memo leaks.",
                    effects=tuple(data.draw(st.lists(st.sampled_from(["tension += 3", "quota -= 5"]), max_size=2))),
                )
            )
        else:
            action = data.draw(st.sampled_from([a for o in given.values() for a in o.actions]))
            out.append(Intervention("force", action=action, success=data.draw(st.booleans())))
    return tuple(out)
