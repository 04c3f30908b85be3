"""The after-action report as plain values, gathered from a finished (or paused) Match.

The report is the debrief's view: seat None, so every track, order and roll is revealed,
each marked with who could see it at the time. Renderers (`markdown`, `html`) only format
these values; nothing here knows about either format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ..content.expression_words import describe_effect
from ..core.citation import Source
from ..core.deals import Offer, public, side
from ..core.model import ALL, HIDDEN, PUBLIC, Rules
from ..core.scoring import SeatScore, score, winner
from ..core.sink import DEFAULT_OPTION, offer_id
from ..core.state import Intervention, Order, Outcome

if TYPE_CHECKING:
    from .whatif import WhatIf

# Content writes each `happened` as a sentence starting with this; under a heading of the
# same name the prefix only repeats it.
_HAPPENED_PREFIX = "what really happened:"


@attrs.frozen
class Move:
    """One track's change, formatted for reading."""

    track: str  # the track's name
    before: str
    after: str
    private: str = ""  # "" for public tracks, else who sees it ("hidden", "vendor only")


@attrs.frozen
class Happening:
    """One line of a quarter's timeline."""

    phase: str  # news, facilitator, choice, orders, delayed, rule, end
    who: str  # the acting seat's name, or "" for the world
    text: str
    detail: str = ""  # odds and roll, or "forced by the facilitator"
    moves: tuple[Move, ...] = ()
    private: str = ""  # "" when everyone saw it, else who did
    fictional: bool = False  # an invented event or action (content's source = "fictional")


@attrs.frozen
class SeatOrders:
    seat: str
    name: str
    controller: str  # "human" or "bot:<level>"
    actions: tuple[str, ...]  # action names, with the result of each
    choices: tuple[str, ...]  # "event title: option label"
    reason: str  # a bot's reason; "" for people
    passed: bool = False  # gave no orders: the quarter was forced (or its time ran out) without them

    @property
    def action_text(self) -> str:
        """The actions in a line; a seat that passed says so, not "no actions"."""
        return "passed (gave no orders)" if self.passed else ", ".join(self.actions)


@attrs.frozen
class Talk:
    """One offer of a quarter's talks, revealed: who offered what to whom, the answer, the
    bots' reasons and, for an accepted one, what it did."""

    quarter: int
    sender: str  # seat names
    receiver: str
    what: str  # the deal's name, or "Audit resellers for Meet the CEO"
    terms: tuple[str, ...]  # each side's part in words: "Vendor CEO: pays 15 points more ..."
    answer: str  # accepted, rejected, lapsed (never answered before the quarter resolved)
    reason: str = ""  # a bot's reason for offering
    answer_reason: str = ""  # a bot's reason for its answer
    did: tuple[str, ...] = ()  # for an accepted offer: the actions it bound, each with its result
    moves: tuple[Move, ...] = ()  # the tracks its own effects moved
    private: str = ""  # "" when every seat learnt of it, else who knew ("Vendor CEO and Regulator only")
    leaked: int = 0  # the quarter a leak in the news made it public; 0 if it never did
    deal: str = ""  # the content deal's id; "" for an action for an action

    @property
    def accepted(self) -> bool:
        return self.answer == "accepted"

    @property
    def headline(self) -> str:
        """'Vendor CEO offered Chinese Regulator: Prepayment for priority deliveries'."""
        return f"{self.sender} offered {self.receiver}: {self.what}"

    @property
    def secrecy(self) -> str:
        """Who knew of it: "public", or the two parties, and when a leak told everyone."""
        if not self.private:
            return "public"
        return self.private + (f", leaked in Q{self.leaked}" if self.leaked else "")


# What the report says of each answer.
ANSWER_WORDS = {"accepted": "accepted", "rejected": "rejected", "lapsed": "never answered (lapsed)"}


@attrs.frozen
class Quarter:
    number: int
    label: str  # "2026-Q1"
    news: tuple[Happening, ...]
    interventions: tuple[str, ...]  # what the facilitator did, in words
    orders: tuple[SeatOrders, ...]  # in seat order
    results: tuple[Happening, ...]  # everything after the news and the talks, in the order it happened
    talks: tuple[Talk, ...] = ()  # the offers, in the order made
    forced: bool = False  # resolved with seats' orders missing (they passed)


@attrs.frozen
class Series:
    """A main track over the game: the opening ("Start", before quarter 1's news), then one
    point at the end of each quarter played, before the next quarter's news: the values the
    timeline's moves of that quarter end at."""

    track: str
    name: str
    kind: str  # number or state
    unit: str
    lo: float
    hi: float
    states: tuple[str, ...]
    labels: tuple[str, ...]
    values: tuple
    marks: tuple[int, ...] = ()  # quarters in which the facilitator intervened


@attrs.frozen
class Fact:
    """What really happened behind something that happened in the game."""

    kind: str  # action, event, ending
    title: str
    first: str  # where it first appeared: "Q3, Vendor CEO"
    happened: str
    source: Source  # its citations, or fictional (with the real counterpart, if any)
    as_of: str = ""  # the ISO date `happened` is true as of


@attrs.frozen
class SeatSummary:
    seat: str
    name: str
    role: str
    controller: str
    score: SeatScore
    names: str = ""  # at a table, the team and students who played it: "Falcons (Ana, Ben)"

    @property
    def played_by(self) -> str:
        return f"{self.controller}: {self.names}" if self.names else self.controller


@attrs.frozen
class Report:
    scenario: str
    name: str
    intro: str
    seed: int
    content: str  # content fingerprint
    quarters_played: int
    quarters_total: int
    over: bool
    ending: str  # the ending's title, "" while the game goes on
    ending_text: str
    seats: tuple[SeatSummary, ...]
    winner: str  # seat name; "" for a draw
    quarters: tuple[Quarter, ...]
    series: tuple[Series, ...]
    facts: tuple[Fact, ...]
    questions: tuple[str, ...]
    source: Source  # what the scenario's intro rests on
    source_as_of: str
    interventions: int
    # The scenario's content deals with their real story, whether or not offered; empty
    # for a scenario without deals, and then the report has no talks section at all.
    deals: tuple[Fact, ...] = ()
    # Luck and decisions (`report/whatif.py`): worked out by the caller, as it plays games.
    whatif: WhatIf | None = None

    @property
    def talks(self) -> tuple[Talk, ...]:
        """Every offer of the game, quarter by quarter."""
        return tuple(t for q in self.quarters for t in q.talks)

    @property
    def has_talks(self) -> bool:
        return bool(self.deals or self.talks)

    def orders_of(self, seat: str) -> tuple[tuple[int, SeatOrders], ...]:
        """One seat's order in each quarter, with the quarter's number: its row of decisions."""
        return tuple((q.number, next(o for o in q.orders if o.seat == seat)) for q in self.quarters)


def build(match, whatif: WhatIf | None = None) -> Report:
    """Everything the report shows, from the match's history, log and record; `whatif`, the
    what-if section, if the caller worked it out (`whatif.gather`)."""
    rules: Rules = match.rules
    state = match.state
    outcomes = [o for quarter in match.log for o in quarter]
    records = match.record.quarters
    scores = score(rules, state)
    top = winner(scores)
    names = {
        seat: f"{team} ({', '.join(p)})" if team and p else team or ", ".join(p)
        for seat, team, p in match.record.roster
    }
    seats = tuple(
        SeatSummary(s.id, s.name, s.role, match.seats.get(s.id, ""), scores[s.id], names.get(s.id, ""))
        for s in rules.seats
    )
    quarters = tuple(_quarter(rules, rec, outcomes, match.seats) for rec in records)
    ending = rules.ending(state.ending) if state.ending else None
    return Report(
        scenario=rules.scenario,
        name=rules.name,
        intro=rules.intro.strip(),
        seed=match.seed,
        content=match.record.content,
        quarters_played=len(records),
        quarters_total=rules.quarters,
        over=state.over,
        ending=ending.title if ending else "",
        ending_text=ending.text.strip() if ending else "",
        seats=seats,
        winner=rules.seat(top).name if top else "",
        quarters=quarters,
        series=_series(rules, match.settled, records),
        facts=_facts(rules, outcomes, state.ending),
        questions=tuple(rules.questions),
        source=rules.source,
        source_as_of=rules.as_of,
        interventions=sum(len(r.interventions) for r in records),
        deals=_deal_facts(rules, [t for q in quarters for t in q.talks]),
        whatif=whatif,
    )


def _quarter(rules: Rules, rec, outcomes: list[Outcome], controllers: dict) -> Quarter:
    q = rec.quarter
    forced = {i.action: i.success for i in rec.interventions if i.kind == "force"}
    mine = [o for o in outcomes if o.quarter == q]
    return Quarter(
        number=q,
        label=rules.quarter_label(q),
        news=tuple(_happening(rules, o, forced) for o in mine if o.phase == "news"),
        interventions=tuple(describe_intervention(rules, i) for i in rec.interventions),
        orders=tuple(
            attrs.evolve(_orders(rules, o, mine, controllers), passed=o.seat in rec.passed) for o in rec.orders
        ),
        results=tuple(_happening(rules, o, forced) for o in mine if o.phase not in ("news", "talks")),
        talks=talks(rules, rec, outcomes),
        forced=rec.forced,
    )


def talks(rules: Rules, rec, outcomes: list[Outcome]) -> tuple[Talk, ...]:
    """The offers of the quarter `rec` records, with what each did (`outcomes`: the game's,
    or at least this quarter's and the later ones, where leaks are told)."""
    q = rec.quarter
    told = [o for o in outcomes if o.quarter == q and o.phase == "talks"]
    leaks = [o for o in outcomes if o.kind == "leak" and o.quarter > q]
    out = []
    for offer in rec.offers:
        outcome = next((o for o in told if o.id == offer_id(offer) and o.seat == offer.sender), None)
        if outcome is not None:
            told.remove(outcome)  # the engine tells of each offer once, in the order offered
        out.append(_talk(rules, q, offer, outcome, [o for o in outcomes if o.quarter == q], leaks))
    return tuple(out)


def _talk(rules: Rules, q: int, offer: Offer, outcome: Outcome | None, quarter: list[Outcome], leaks) -> Talk:
    name = rules.seat(offer.sender).name, rules.seat(offer.receiver).name
    if not _known(rules, offer):
        # A save made with other content, shown where its replay stops: say what it holds.
        what = f"deal {offer.deal!r}" if offer.deal else f"{offer.gives!r} for {offer.wants!r}"
        return Talk(
            q,
            name[0],
            name[1],
            f"{what} (not in this content)",
            (),
            offer.answer or "lapsed",
            offer.reason,
            offer.answer_reason,
            deal=offer.deal,
        )
    if offer.deal:
        deal = rules.deal(offer.deal)
        what = deal.name
        terms = tuple(_terms_text(rules, t.seat, t.text) for t in deal.sides)
    else:
        gives, wants = rules.action(offer.gives), rules.action(offer.wants)
        what = f"{gives.name} for {wants.name}"
        terms = (f"{name[0]}: orders {gives.name}", f"{name[1]}: orders {wants.name}")
    did: list[str] = []
    leaked = 0
    if offer.accepted:
        for seat in offer.parties:
            for action_id in side(rules, offer, seat)[1]:
                done = next((o for o in quarter if o.phase == "orders" and o.seat == seat and o.id == action_id), None)
                result = "" if done is None else (" (succeeded)" if done.success else " (failed)")
                did.append(f"{rules.seat(seat).name}: {rules.action(action_id).name}{result}")
        if not public(rules, offer):
            leak = next(
                (o for o in leaks if o.id == offer_id(offer) and o.seat == offer.sender and o.text.endswith(f"Q{q}")),
                None,
            )
            leaked = leak.quarter if leak is not None else 0
    private = "" if public(rules, offer) else f"{name[0]} and {name[1]} only"
    moves = tuple(_move(rules, c) for c in outcome.changes) if outcome is not None and offer.accepted else ()
    return Talk(
        quarter=q,
        sender=name[0],
        receiver=name[1],
        what=what,
        terms=terms,
        answer=offer.answer or "lapsed",
        reason=offer.reason,
        answer_reason=offer.answer_reason,
        did=tuple(did),
        moves=moves,
        private=private,
        leaked=leaked,
        deal=offer.deal,
    )


def _known(rules: Rules, offer: Offer) -> bool:
    """Whether these rules have the deal or the two actions `offer` names."""
    if offer.deal:
        return rules.has_deal(offer.deal)
    ids = {a.id for a in rules.actions}
    return offer.gives in ids and offer.wants in ids


def _terms_text(rules: Rules, seat: str, text: str) -> str:
    return f"{rules.seat(seat).name}: {text.strip()}"  # content's side text names its cost


def _deal_facts(rules: Rules, talks: list[Talk]) -> tuple[Fact, ...]:
    """Every content deal of the scenario, with where it first came up in this game."""
    out = []
    for deal in rules.deals:
        offered = [t for t in talks if t.deal == deal.id]
        agreed = [t for t in offered if t.accepted]
        if agreed:
            first = f"agreed in Q{agreed[0].quarter}"
        elif offered:
            first = f"offered in Q{offered[0].quarter}, never agreed"
        else:
            first = "never offered"
        out.append(Fact("deal", deal.name, first, strip_prefix(deal.happened), deal.source, deal.as_of))
    return tuple(out)


def _orders(rules: Rules, order: Order, outcomes: list[Outcome], controllers: dict) -> SeatOrders:
    seat = rules.seat(order.seat)
    results = {o.id: o for o in outcomes if o.phase == "orders" and o.seat == order.seat}
    actions = []
    for action_id in order.actions:
        name = rules.action(action_id).name
        done = results.get(action_id)
        if done is not None and not done.success:
            name += " (failed)"
        actions.append(name)
    choices = []
    for event_id, option_id in order.choices:
        event = rules.event(event_id)
        option = event.option(option_id)
        choices.append(f"{event.title}: {option.label if option else option_id}")
    return SeatOrders(seat.id, seat.name, controllers.get(seat.id, ""), tuple(actions), tuple(choices), order.reason)


def _happening(rules: Rules, o: Outcome, forced: dict[str, bool]) -> Happening:
    who = rules.seat(o.seat).name if o.seat else ""
    detail = ""
    if o.phase == "orders":
        if o.id in forced:
            detail = f"forced to {'succeed' if forced[o.id] else 'fail'} by the facilitator"
        elif o.roll is not None:
            detail = f"odds {o.odds:.0%}, rolled {o.roll:.2f}: {'success' if o.success else 'failure'}"
    elif o.phase == "facilitator":
        detail = "by the facilitator"
    text = o.text
    if o.phase == "delayed":
        text = _delayed_text(rules, o.id, o.text)
    elif o.phase == "end":
        text = f"Ending: {o.text}"
    elif o.phase == "choice":
        title = rules.event(o.id.split(":", 1)[0]).title
        text = f"{title}: no answer, default {o.text}" if o.kind == DEFAULT_OPTION else f"{title}: chose {o.text}"
    private = _who_saw(rules, o.visible_to)
    # A move's own tag only when it says more than the line's: "hidden" under a public line.
    moves = tuple(
        attrs.evolve(m, private="") if m.private == private else m for m in (_move(rules, c) for c in o.changes)
    )
    return Happening(o.phase, who, text, detail, moves, private, invented(rules, o))


def invented(rules: Rules, o: Outcome) -> bool:
    """Whether an outcome is an invented event or action (its content says source = "fictional")."""
    try:
        if o.kind == "action":
            return rules.action(o.id).source.fictional
        if o.kind == "event":
            return rules.event(o.id).source.fictional
    except KeyError:  # the facilitator's own event ("custom") is in no content
        return False
    return False


def _delayed_text(rules: Rules, key: str, text: str) -> str:
    """'after 1: diversion += 10' -> 'Later effect of Ship chips: raises Diversion by 10'."""
    kind, owner = (key.split(":") + ["", ""])[:2]
    names = {
        "action": lambda: rules.action(owner).name,
        "event": lambda: rules.event(owner).title,
        "option": lambda: rules.event(owner).title,
        "rule": lambda: next(r.name for r in rules.rules if r.id == owner),
    }
    effect = text.split(":", 1)[1].strip() if text.startswith("after ") and ":" in text else text
    effect = describe_effect(rules, effect, None)  # the report reveals every track: no seat's eyes
    try:
        return f"Later effect of {names[kind]()}: {effect}"
    except (KeyError, StopIteration):
        return text


def _move(rules: Rules, change) -> Move:
    if change.track.startswith("budget."):
        seat = rules.seat(change.track.split(".", 1)[1])
        return Move(f"{seat.name}'s budget", str(change.before), str(change.after), f"{seat.name} only")
    track = rules.track(change.track)
    return Move(track.name, track.format(change.before), track.format(change.after), _who_saw(rules, track.visibility))


def _who_saw(rules: Rules, visibility: str) -> str:
    if visibility in (ALL, PUBLIC):
        return ""
    if visibility == HIDDEN:
        return "hidden"
    # A private deal's outcome is seen by its two parties: "vendor+regulator".
    return " and ".join(rules.seat(s).name for s in visibility.split("+")) + " only"


def describe_intervention(rules: Rules, item: Intervention) -> str:
    """One line saying what the facilitator did; the note follows in brackets."""
    if item.kind == "inject":
        text = f"Injected event: {rules.event(item.event).title}"
    elif item.kind == "custom":
        effects = "; ".join(item.effects)
        text = f"Custom event: {item.title}" + (f". {item.text}" if item.text else "")
        text += f" ({effects})" if effects else ""
    elif item.kind == "force":
        action = rules.action(item.action)
        text = f"Forced {rules.seat(action.seat).name}'s {action.name} to {'succeed' if item.success else 'fail'}"
    elif item.kind == "set":
        track = rules.track(item.track)
        text = f"Set {track.name} to {track.format(item.value)}"
    else:  # the core refuses other kinds; a report still says what it was given
        text = f"{item.kind} intervention"
    return f"{text} [{item.note}]" if item.note else text


# Which point of each quarter the charts hold, for the renderers to say so.
SERIES_POINT = "at the end of each quarter, before the next quarter's news"


def _series(rules: Rules, settled, records) -> tuple[Series, ...]:
    """`settled`: the opening, then the state as each quarter left it (`Match.settled`)."""
    labels = tuple("Start" if i == 0 else f"Q{i}" for i in range(len(settled)))
    marks = tuple(r.quarter for r in records if r.interventions)
    out = []
    for i, track in enumerate(rules.tracks):
        if not track.main:
            continue
        out.append(
            Series(
                track.id,
                track.name,
                track.kind,
                track.unit,
                track.min,
                track.max,
                tuple(track.states),
                labels,
                tuple(s.values[i] for s in settled),
                marks,
            )
        )
    return tuple(out)


def _facts(rules: Rules, outcomes: list[Outcome], ending_id: str) -> tuple[Fact, ...]:
    """Each action, event and ending that appeared in the game and has a real story, once."""
    listed: set[tuple[str, str]] = set()
    out = []
    for o in outcomes:
        if o.kind == "action":
            entry, kind = rules.action(o.id), "action"
            title, where = entry.name, f"Q{o.quarter}, {rules.seat(entry.seat).name}"
        elif o.kind == "event" and o.id != "custom":
            entry, kind = rules.event(o.id), "event"
            title, where = entry.title, f"Q{o.quarter}"
        else:
            continue
        if (kind, o.id) in listed or not (entry.happened or entry.source):
            continue
        listed.add((kind, o.id))
        out.append(Fact(kind, title, where, strip_prefix(entry.happened), entry.source, entry.as_of))
    if ending_id:
        end = rules.ending(ending_id)
        if end.happened:
            out.append(Fact("ending", end.title, "the ending", strip_prefix(end.happened), end.source, end.as_of))
    return tuple(out)


def strip_prefix(text: str) -> str:
    text = text.strip()
    if text.lower().startswith(_HAPPENED_PREFIX):
        text = text[len(_HAPPENED_PREFIX) :].strip()
        text = text[:1].upper() + text[1:]
    return text
