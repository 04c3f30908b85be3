"""The turn function: one quarter's orders in, the next state and what happened out.

A quarter runs the brief's four phases. The news of quarter q is drawn when quarter q-1
resolves (or by `new_game` for quarter 1), so the state always waits on orders with its
news known; `play_quarter` then resolves choices and orders, delayed effects, the
non-player rules and the end conditions, refills budgets, and draws the next news.
Everything is a pure function of (rules, state, orders): randomness comes from the
generator stored in the state.
"""

from __future__ import annotations

from .effects import check_track_value, compile_immediate
from .expr import ExprError
from .model import ALL, Effect, Rules
from .scratch import Scratch, odds_of
from .state import Change, GameState, IllegalOrder, Intervention, Order, Outcome, new_state


def new_game(rules: Rules, seed: int, *, report: bool = True,
             tally: list | None = None) -> tuple[GameState, list[Outcome]]:
    """A fresh game at quarter 1, with quarter 1's news drawn. `report` and `tally` as for
    `play_quarter`: a balance run plays its thousands of games quietly from the start."""
    state = new_state(rules, seed)
    if not report:
        return rules.quiet.open(state, tally), []
    s = Scratch(rules, state)
    outcomes: list[Outcome] = []
    news = _draw_news(s, outcomes)
    return s.freeze(state, tuple(news)), outcomes


def _draw_news(s: Scratch, outcomes: list[Outcome], tally: list | None = None) -> list[str]:
    """Phase 1 of quarter `s.quarter`: chained, scheduled, triggered and chance events."""
    q = s.quarter
    v = s.v
    v[-2] = q
    fired_now: list[str] = []
    due_set = {ev for (when, ev) in s.queued if when <= q}
    if due_set:
        s.queued = [(when, ev) for (when, ev) in s.queued if when > q]
        deck = s.rules.events  # a chained event comes up whatever its calendar says
    else:
        deck = s.rules.deck(q)
    already = set(s.fired)
    for event in deck:
        if event.id not in due_set:
            if event.chained_only or (event.once and event.id in already) or event.id in fired_now:
                continue
            if event.quarters and q not in event.quarters:
                continue
            if event.when is not None and not event.when(v):
                continue
            # A certain event draws nothing from the generator: skip the call.
            if event.chance is not None and not s.roll(odds_of(event.chance, v))[0]:
                continue
        changes: list[Change] = []
        s.apply_all(event.effects, changes)
        fired_now.append(event.id)
        s.fired.append(event.id)
        if s.report:
            outcomes.append(Outcome(q, "news", "event", event.id, event.title, changes=tuple(changes),
                                    visible_to=event.visible_to))
        elif tally is not None:
            tally.append(("event", event.id))
    return fired_now


def check_order(rules: Rules, state: GameState, order: Order, values: list | None = None) -> None:
    """Raise IllegalOrder unless `order` is one the seat may give now. `values`, the slots
    of `state`, may be passed by a caller checking several orders on one state."""
    if order.seat not in rules.seat_ids:
        raise IllegalOrder(f"unknown seat {order.seat!r}")
    v = values  # built only if an action has a requirement to read
    seen, cost = set(), 0
    by_id = rules._action_by_id
    for action_id in order.actions:
        action = by_id.get(action_id)
        if action is None:
            raise IllegalOrder(f"{order.seat}: unknown action {action_id!r}")
        if action.seat != order.seat:
            raise IllegalOrder(f"{order.seat}: {action_id!r} belongs to {action.seat}")
        if action_id in seen:
            raise IllegalOrder(f"{order.seat}: {action_id!r} ordered twice")
        if action.once and action_id in state.used:
            raise IllegalOrder(f"{order.seat}: {action_id!r} can be taken only once")
        if action.requires is not None:
            v = v or state.slots()
            if not action.requires(v):
                raise IllegalOrder(f"{order.seat}: {action_id!r} needs {action.requires_text}")
        seen.add(action_id)
        cost += action.cost
    budget = state.budget(rules, order.seat)
    if cost > budget:
        raise IllegalOrder(f"{order.seat}: orders cost {cost}, budget is {budget}")
    for event_id, option_id in order.choices:
        if event_id not in state.news:
            raise IllegalOrder(f"{order.seat}: no choice {event_id!r} this quarter")
        event = rules.event(event_id)
        if event.choice_seat != order.seat:
            raise IllegalOrder(f"{order.seat}: the choice in {event_id!r} is not this seat's")
        if not any(o.id == option_id for o in event.options):
            raise IllegalOrder(f"{order.seat}: {event_id!r} has no option {option_id!r}")


def check_intervention(rules: Rules, orders: dict[str, Order], item: Intervention) -> tuple[Effect, ...]:
    """Raise IllegalOrder unless the facilitator's move makes sense now; custom effects compiled."""
    if item.kind == "inject":
        if item.event not in {e.id for e in rules.events}:
            raise IllegalOrder(f"facilitator: no event {item.event!r} in this scenario")
    elif item.kind == "custom":
        if not item.title.strip():
            raise IllegalOrder("facilitator: a custom event needs a title")
        try:
            return compile_immediate(rules, item.effects, f"custom:{item.title}")
        except ExprError as err:
            raise IllegalOrder(f"facilitator: {err.message}") from None
    elif item.kind == "force":
        if not any(item.action in o.actions for o in orders.values()):
            raise IllegalOrder(f"facilitator: nobody ordered {item.action!r} this quarter")
    elif item.kind == "set":
        if item.track not in rules.track_index:
            raise IllegalOrder(f"facilitator: no track {item.track!r}")
        problem = check_track_value(rules.track(item.track), item.value)
        if problem:
            raise IllegalOrder(f"facilitator: {problem}")
    else:
        raise IllegalOrder(f"facilitator: unknown intervention {item.kind!r}")
    return ()


def play_quarter(rules: Rules, state: GameState, orders: dict[str, Order],
                 interventions: tuple[Intervention, ...] = (), *,
                 report: bool = True, tally: list | None = None) -> tuple[GameState, list[Outcome]]:
    """Resolve one quarter. Seats without an order pass; a missing choice takes option one.

    `report=False` gives the same next state and no outcomes: a bot looking ahead resolves
    many quarters nobody reads, and building the outcomes is most of the cost. A `tally`
    list then collects ("event"|"option"|"rule", id) for each thing that fired, which is all
    a balance run counts.

    A facilitator's interventions apply in place: injected and custom events before the
    orders, forced rolls during them, set tracks after the non-player rules.
    """
    if state.over:
        raise IllegalOrder(f"the game is over ({state.ending})")
    values = state.slots()
    for seat, order in orders.items():
        if seat != order.seat:
            raise IllegalOrder(f"order for {order.seat!r} filed under {seat!r}")
        check_order(rules, state, order, values)
    custom = [check_intervention(rules, orders, item) for item in interventions] if interventions else []
    forced = {item.action: item.success for item in interventions if item.kind == "force"} if interventions else {}
    if not report and len(forced) == len(interventions):
        # Nobody reads this quarter and no facilitator moves the state: the compiled path.
        return rules.quiet.play(state, orders, forced, tally), []
    s = Scratch(rules, state, report)
    q = state.quarter
    v = s.v
    outcomes: list[Outcome] = []
    # Odds are rolled as the players were shown them: on the state as it stood when they
    # ordered, before this quarter's choices or the facilitator's events move anything.
    seen = list(v)

    # The facilitator's events, before anyone's orders land.
    for item, effects in zip(interventions, custom):
        if item.kind not in ("inject", "custom"):
            continue
        changes: list[Change] = []
        if item.kind == "inject":
            event = rules.event(item.event)
            s.apply_all(event.effects, changes)
            s.fired.append(event.id)
            if report:
                outcomes.append(Outcome(q, "facilitator", "event", event.id, event.title, changes=tuple(changes)))
            elif tally is not None:
                tally.append(("event", event.id))
        else:
            s.apply_all(effects, changes)
            if report:
                outcomes.append(Outcome(q, "facilitator", "event", "custom", item.title, changes=tuple(changes)))

    # Choices offered by this quarter's news, answered alongside the orders.
    for event_id in state.news:
        event = rules.event(event_id)
        if not event.options:
            continue
        order = orders.get(event.choice_seat)
        option = event.option(order.choice(event_id) if order else None)
        changes: list[Change] = []
        s.apply_all(option.effects, changes)
        if report:
            outcomes.append(Outcome(q, "choice", "option", f"{event_id}:{option.id}", option.label,
                                    seat=event.choice_seat, changes=tuple(changes), visible_to=event.visible_to))
        elif tally is not None:
            tally.append(("option", f"{event_id}:{option.id}"))

    # Orders, simultaneous: requirements and odds read the state every seat saw (`seen`).
    # Seats in content order, each seat's actions in content order (checked to be its own).
    rank = rules.action_rank
    for seat_index, seat in enumerate(rules.seats):
        order = orders.get(seat.id)
        if order is None or not order.actions:
            continue
        for action_id in sorted(order.actions, key=rank.__getitem__):
            action = rules.action(action_id)
            v[s.n_tracks + seat_index] -= action.cost
            if action.once:
                s.used.append(action.id)
            odds = odds_of(action.odds, seen)
            ok, roll = s.roll(odds)
            # A forced outcome still draws its roll, so the rest of the game's luck is unchanged.
            ok = forced.get(action.id, ok)
            changes = []
            s.apply_all(action.effects if ok else action.fail_effects, changes)
            if report:
                outcomes.append(Outcome(q, "orders", "action", action.id, action.name if ok else (action.fail_text or f"{action.name} failed"),
                                        seat=seat.id, success=ok, odds=odds, roll=roll, changes=tuple(changes),
                                        visible_to=ALL if action.public else seat.id))

    # Delayed effects that fall due this quarter, in the order they were scheduled.
    due = [key for (when, key) in s.pending if when <= q]
    s.pending = [(when, key) for (when, key) in s.pending if when > q]
    for key in due:
        effect = rules.effects_by_key[key]
        changes = []
        s.apply(effect, changes)
        if report:
            outcomes.append(Outcome(q, "delayed", "effect", key, effect.text, changes=tuple(changes),
                                    visible_to=_delayed_visibility(rules, key)))

    # Non-player rules: the licensing agency and other institutions decide from the state.
    for rule in rules.rules:
        if rule.once and rule.id in s.fired:
            continue
        if not rule.when(v):
            continue
        # Most rules have no chance, and a certain roll draws nothing: skip the call.
        if rule.chance is not None and not s.roll(odds_of(rule.chance, v))[0]:
            continue
        if rule.once:
            s.fired.append(rule.id)
        changes = []
        s.apply_all(rule.effects, changes)
        if report:
            outcomes.append(Outcome(q, "rule", "rule", rule.id, rule.name, changes=tuple(changes),
                                    visible_to=rule.visible_to))
        elif tally is not None:
            tally.append(("rule", rule.id))

    # The facilitator overrides a decision: after the rules, before the endings read it.
    for item in interventions:
        if item.kind == "set":
            i = rules.track_index[item.track]
            if v[i] != item.value:
                change = Change(item.track, v[i], item.value)
                v[i] = item.value
                if report:
                    outcomes.append(Outcome(q, "facilitator", "set", item.track,
                                            f"{rules.track(item.track).name} set to {item.value}", changes=(change,)))

    # End conditions, in content order; time runs out after the last quarter.
    ending = ""
    for end in rules.endings:
        if end.when is not None and end.when(v):
            ending = end.id
            break
    if not ending and q >= rules.quarters:
        ending = next(e.id for e in rules.endings if e.when is None)
    if ending:
        v[-1] = ending  # before its effects, which may read `ending`
        end = rules.ending(ending)
        changes = []
        s.apply_all(end.effects, changes)
        if report:
            outcomes.append(Outcome(q, "end", "ending", ending, end.title, changes=tuple(changes)))
        return s.freeze(state, (), ending), outcomes

    # Budgets refill for the next quarter, up to each seat's cap.
    for i, seat in enumerate(rules.seats):
        j = s.n_tracks + i
        v[j] = min(seat.budget_max, v[j] + seat.budget_per_quarter)

    s.quarter = q + 1
    news = _draw_news(s, outcomes, tally)
    return s.freeze(state, tuple(news)), outcomes


def _delayed_visibility(rules: Rules, key: str) -> str:
    """A delayed effect is seen by whoever saw what scheduled it."""
    kind, owner = key.split(":")[:2]
    if kind == "action":
        action = rules.action(owner)
        return ALL if action.public else action.seat
    if kind in ("event", "option"):
        return rules.event(owner).visible_to
    if kind == "rule":
        return next(r.visible_to for r in rules.rules if r.id == owner)
    return ALL


def legal(rules: Rules, state: GameState, order: Order) -> bool:
    try:
        check_order(rules, state, order)
    except IllegalOrder:
        return False
    return True
