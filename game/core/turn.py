"""The engine: one quarter's orders in, the next state out, and every step told to a sink.

A quarter runs the brief's four phases. The news of quarter q is drawn when quarter q-1
resolves (or by `new_game` for quarter 1), so a state always waits on orders with its news
known. `resolve` then carries out the choices and orders, the delayed effects, the
non-player rules and the end conditions, refills the budgets, and draws the next news.
This is the only place those phases, their order and the effect of an order are written:
the screens, saves, replays and reports get what happened through an `OutcomeLog`, while
bots, balance and what-if runs use the same code with the null sink (see `sink.py`).

Everything is a pure function of (rules, state, orders): randomness comes only from the
generator stored in the state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .deals import IllegalOffer, Offer, check_talks, committed, public, secret, side
from .draft import Draft
from .effects import check_track_value, compile_immediate
from .expr import ExprError
from .model import UNCHANGED, Effect, Event, Rules, Slots, odds_of
from .options import why_unavailable
from .sink import NULL, OutcomeLog, Sink
from .state import Change, GameState, IllegalOrder, Intervention, Order, Outcome, new_state

# A facilitator's move, checked, with the effects of a custom event compiled.
Move = tuple[Intervention, tuple[Effect, ...]]


def new_game(rules: Rules, seed: int, sink: Sink | None = None) -> tuple[GameState, list[Outcome]]:
    """A fresh game at quarter 1, with quarter 1's news drawn. `sink` as for `play_quarter`."""
    d = Draft(rules, new_state(rules, seed))
    log = OutcomeLog(rules)  # stays empty when the caller brings a sink
    draw_news(d, log if sink is None else sink)
    return d.freeze(), log.outcomes


def play_quarter(
    rules: Rules,
    state: GameState,
    orders: Mapping[str, Order],
    interventions: Sequence[Intervention] = (),
    *,
    offers: Sequence[Offer] = (),
    sink: Sink | None = None,
    news: bool = True,
) -> tuple[GameState, list[Outcome]]:
    """Resolve one quarter. Seats without an order pass; a missing choice takes option one.
    `offers` are the quarter's talks, answered; the accepted ones bind (see `deals.py`).
    With `news` False the next quarter's news is not drawn: the state returned stands at the
    next quarter with no news, a fork point on which `draw_news` may draw it from any
    generator (what-if runs do, each continuation on its own seed).

    With no `sink`, every step is logged and returned as `Outcome`s. With one (the null
    sink `sink.NULL`, or a balance run's tally), the sink is told of each step and the list
    returned is empty.

    A facilitator's interventions apply in place: injected and custom events before the
    orders, forced rolls during them, set tracks after the non-player rules.
    """
    if state.over:
        raise IllegalOrder(f"the game is over ({state.ending})")
    values = state.slots()
    if offers:
        try:
            check_talks(rules, values, state.used, state.budgets, offers)
        except IllegalOffer as err:
            raise IllegalOrder(str(err)) from None
    for seat, order in orders.items():
        if seat != order.seat:
            raise IllegalOrder(f"order for {order.seat!r} filed under {seat!r}")
        check_order(rules, state, order, values, offers)
    moves: list[Move] = []
    forced: dict[str, bool] = {}
    for item in interventions:
        moves.append((item, check_intervention(rules, orders, item)))
        if item.kind == "force":
            forced[item.action] = item.success
    d = Draft(rules, state)
    if sink is not None:
        resolve(d, orders, sink, forced=forced, moves=moves, ordered_on=values, offers=offers, news=news)
        return d.freeze(), []
    log = OutcomeLog(rules)
    resolve(d, orders, log, forced=forced, moves=moves, ordered_on=values, offers=offers, news=news)
    return d.freeze(), log.outcomes


def draw_news(d: Draft, sink: Sink = NULL) -> None:
    """Phase 1 of quarter `d.quarter`: chained, scheduled, triggered and chance events,
    fired into `d` and listed in `d.news`."""
    rules, q, v = d.rules, d.quarter, d.v
    v[-2] = q
    fired_now: list[str] = []
    due = {event for (when, event) in d.queued if when <= q} if d.queued else None
    if due:
        d.queued = [(when, event) for (when, event) in d.queued if when > q]
        # A chained event comes up whatever its calendar says; the rest as they would.
        calendar = {e.id for e in rules.deck(q)}
        deck: Sequence[Event] = [e for e in rules.events if e.id in due or e.id in calendar]
    else:
        deck = rules.deck(q)  # only events the calendar allows now
    already = set(d.fired)
    changes: list[Change] | None = [] if sink.changes else None
    for event in deck:
        if event.leaks and not d.secrets:
            continue  # nothing to leak: the story cannot run
        if not due or event.id not in due:
            if event.once and event.id in already:
                continue
            if event.when is not None and not event.when(v):
                continue
            # A certain event draws nothing from the generator: skip the call.
            if event.chance is not None and not d.happens(event.chance, v):
                continue
        apply(d, event.effects, changes)
        fired_now.append(event.id)
        d.fired.append(event.id)
        sink.news(q, event, changes)
        if event.leaks:
            sink.leaked(q, event, d.secrets)
            d.secrets = ()
        if changes:
            changes = []
    d.news = tuple(fired_now)


def resolve(
    d: Draft,
    orders: Mapping[str, Order],
    sink: Sink = NULL,
    *,
    forced: Mapping[str, bool] | None = None,
    moves: Sequence[Move] = (),
    ordered_on: Slots | None = None,
    offers: Sequence[Offer] = (),
    news: bool = True,
) -> Draft:
    """Phases 2 to 4 of the quarter `d` stands at, on legal `orders`, into `d`: it ends at
    the game's end, or at the next quarter with its news drawn.

    `forced` maps an action to the outcome its roll is forced to (the roll is still drawn,
    so the rest of the game's luck is unchanged); `moves` are the facilitator's checked
    interventions; `ordered_on` is the slot list the seats ordered on, which the odds are
    rolled on, if the caller holds an unchanged copy (else one is taken here); `offers` the
    quarter's talks, of which the accepted bind.
    """
    rules, q, v = d.rules, d.quarter, d.v
    # Odds are rolled as the players were shown them: on the state as it stood when they
    # ordered, before this quarter's choices or the facilitator's events move anything.
    if ordered_on is None:
        ordered_on = v.copy()
    collect = sink.changes

    # The facilitator's events, before anyone's orders land.
    for item, effects in moves:
        if item.kind == "inject":
            event = rules.event(item.event)
            changes: list[Change] | None = [] if collect else None
            apply(d, event.effects, changes)
            d.fired.append(event.id)
            sink.injected(q, event, changes)
        elif item.kind == "custom":
            changes = [] if collect else None
            apply(d, effects, changes)
            sink.custom(q, item.title, changes)

    # Choices offered by this quarter's news, answered alongside the orders.
    for event_id in d.news:
        event = rules.event(event_id)
        if event.options:
            order = orders.get(event.choice_seat)
            answer = order.choice(event_id) if order else None
            option = event.option(answer)
            changes = [] if collect else None
            apply(d, option.effects, changes)  # type: ignore[union-attr]  # an event with options has one
            # A seat that gave no answer (it passed the quarter) did not choose: the default is its lot.
            sink.choice(q, event, option, changes, chosen=answer is not None)  # type: ignore[arg-type]

    # Deals agreed in the talks, in the order offered: each side pays and brings about its
    # terms; the actions a deal binds a side to join that side's orders below.
    n_tracks = len(rules.tracks)
    bound: dict[str, tuple[str, ...]] = {}
    for offer in offers:
        if not offer.accepted:
            sink.deal(q, offer, None)  # rejected or lapsed: the two parties hear of it
            continue
        changes = [] if collect else None
        if offer.deal:
            deal = rules.deal(offer.deal)
            for terms in deal.sides:
                if terms.cost:
                    j = n_tracks + rules.seat_ids.index(terms.seat)
                    if changes is not None:
                        changes.append(Change(rules.slot_names[j], v[j], v[j] - terms.cost))
                    v[j] -= terms.cost
                apply(d, terms.effects, changes)
        if not public(rules, offer):
            d.secrets = (*d.secrets, secret(q, offer))
        sink.deal(q, offer, changes)
        for seat_id in offer.parties:
            held = bound.get(seat_id, ())
            bound[seat_id] = held + tuple(a for a in side(rules, offer, seat_id)[1] if a not in held)

    # Orders, simultaneous: requirements and odds read the state every seat saw (`ordered_on`).
    # Seats in content order, each seat's actions in content order (checked to be its own).
    for seat_index, seat_id in enumerate(rules.seat_ids):
        order = orders.get(seat_id)
        actions: Sequence[str]
        if bound and seat_id in bound:
            ordered = order.actions if order is not None else ()
            actions = tuple(sorted({*ordered, *bound[seat_id]}, key=rules.action_rank.__getitem__))
        elif order is None or not order.actions:
            continue
        else:
            actions = (
                order.actions if len(order.actions) == 1 else sorted(order.actions, key=rules.action_rank.__getitem__)
            )
        for action_id in actions:
            action = rules.action(action_id)
            v[n_tracks + seat_index] -= action.cost
            if action.once:
                d.used.append(action_id)
            odds = odds_of(action.odds, ordered_on)
            ok, roll = d.roll(odds)
            if forced:
                ok = forced.get(action_id, ok)
            changes = [] if collect else None
            apply(d, action.effects if ok else action.fail_effects, changes)
            sink.action(q, action, ok, odds, roll, changes)

    # Delayed effects that fall due this quarter, in the order they were scheduled.
    if d.pending:
        due = [key for (when, key) in d.pending if when <= q]
        d.pending = [(when, key) for (when, key) in d.pending if when > q]
        for key in due:
            effect = rules.effects_by_key[key]
            changes = [] if collect else None
            apply(d, (effect,), changes)
            sink.delayed(q, effect, changes)

    # Non-player rules: the licensing agency and other institutions decide from the state.
    for rule in rules.rules:
        if rule.once and rule.id in d.fired:
            continue
        if rule.when is not None and not rule.when(v):
            continue
        # Most rules have no chance, and a certain roll draws nothing: skip the call.
        if rule.chance is None:
            odds, roll = 1.0, None
        else:
            odds = odds_of(rule.chance, v)
            ok, roll = d.roll(odds)
            if not ok:  # the sink still hears of it: "still pending" is an outcome too
                sink.rule(q, rule, False, odds, roll, None)
                continue
        if rule.once:
            d.fired.append(rule.id)
        changes = [] if collect else None
        apply(d, rule.effects, changes)
        sink.rule(q, rule, True, odds, roll, changes)

    # The facilitator overrides a decision: after the rules, before the endings read it.
    for item, _ in moves:
        if item.kind == "set":
            i = rules.track_index[item.track]
            if v[i] != item.value:
                change = Change(item.track, v[i], item.value)
                v[i] = item.value
                sink.track_set(q, rules.tracks[i], change)

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
        changes = [] if collect else None
        apply(d, end.effects, changes)
        sink.ending(q, end, changes)
        sink.settled(q, v)
        return d

    # Budgets refill for the next quarter, up to each seat's cap.
    for i, seat in enumerate(rules.seats):
        j = n_tracks + i
        v[j] = min(seat.budget_max, v[j] + seat.budget_per_quarter)

    sink.settled(q, v)
    d.quarter = q + 1
    if news:
        draw_news(d, sink)
    else:
        d.news = ()  # a fork point: the next quarter's news is for the caller to draw
    return d


def apply(d: Draft, effects: Iterable[Effect], changes: list[Change] | None) -> None:
    """Carry out `effects` on the draft in order, noting each value moved in `changes`
    (when given): the one place an effect takes effect."""
    v = d.v
    for effect in effects:
        run = effect.run
        if run is not None:  # a set: the common case, done in one call
            old = run(v)
            if changes is not None and old is not UNCHANGED:
                changes.append(Change(d.rules.slot_names[effect.target], old, v[effect.target]))
        elif effect.kind == "queue":
            d.queued.append((d.quarter + 1, effect.event))
        else:  # delay
            inner = effect.inner
            assert inner is not None
            if inner.kind == "queue":
                d.queued.append((d.quarter + effect.delay, inner.event))
            else:
                d.pending.append((d.quarter + effect.delay, inner.key))


def check_order(
    rules: Rules, state: GameState, order: Order, values: Slots | None = None, offers: Sequence[Offer] = ()
) -> None:
    """Raise IllegalOrder unless `order` is one the seat may give now, with what the seat
    agreed in the quarter's `offers` (its deals' costs and actions count against its budget;
    an action a deal binds it to may be ordered too, and is paid once). `values`, the slots
    of `state`, may be passed by a caller checking several orders on one state."""
    if order.seat not in rules.seat_ids:
        raise IllegalOrder(f"unknown seat {order.seat!r}")
    v = state.slots() if values is None else values
    problem = why_not_order(rules, order, v, state.used, state.budget(rules, order.seat), state.news, offers)
    if problem:
        raise IllegalOrder(f"{order.seat}: {problem}")


def why_not_order(
    rules: Rules,
    order: Order,
    values: Slots,
    used: Sequence[str],
    budget: int,
    news: Sequence[str],
    offers: Sequence[Offer] = (),
) -> str:
    """Why `order` may not be given on `values` by its seat with `budget`, its once-only
    actions `used`, this quarter's `news` and the talks' `offers`; "" when it may. A seat's
    view serves as well as the state: requirements read only what the seat sees, and its
    `choices` are the news it answers (with its ordering view's budget and no offers)."""
    ordered: set[str] = set()
    cost, bound = committed(rules, offers, order.seat) if offers else (0, ())
    for action_id in order.actions:
        action = rules._action_by_id.get(action_id)
        if action is None:
            return f"unknown action {action_id!r}"
        if action.seat != order.seat:
            return f"{action_id!r} belongs to {action.seat}"
        if action_id in ordered:
            return f"{action_id!r} ordered twice"
        # Each action as the orders screen judges it; the budget is for all of them, below.
        problem = why_unavailable(action, values, used, None)
        if problem:
            return f"{action_id!r} {problem}"
        ordered.add(action_id)
        if action_id not in bound:
            cost += action.cost
    cost += sum(rules.action(a).cost for a in bound)
    if cost > budget:
        return f"orders cost {cost}, budget is {budget}"
    for event_id, option_id in order.choices:
        if event_id not in news:
            return f"no choice {event_id!r} this quarter"
        event = rules.event(event_id)
        if event.choice_seat != order.seat:
            return f"the choice in {event_id!r} is not this seat's"
        if not any(o.id == option_id for o in event.options):
            return f"{event_id!r} has no option {option_id!r}"
    return ""


def check_intervention(rules: Rules, orders: Mapping[str, Order], item: Intervention) -> tuple[Effect, ...]:
    """Raise IllegalOrder unless the facilitator's move makes sense now; custom effects compiled."""
    if item.kind == "inject":
        if item.event not in rules._event_by_id:
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


def legal(rules: Rules, state: GameState, order: Order) -> bool:
    try:
        check_order(rules, state, order)
    except IllegalOrder:
        return False
    return True
