"""Where the engine reports what happens in a quarter.

The engine (`turn.py`) resolves every quarter the same way and calls its sink at each step
that happened: an event, a choice, an action, a delayed effect, a rule, a facilitator's move,
an ending. `Sink` itself ignores them all: it is the null sink of bots, balance runs and
what-if runs, which read only the state a quarter ends in, and it asks for no changes, so
the engine builds none. `OutcomeLog` turns each step into an `Outcome` with its changes and
who may see it, for the screens, saves, replays and reports.
"""

from __future__ import annotations

from collections.abc import Sequence

from .deals import Offer, read_secret, visibility
from .model import ALL, Action, Effect, Ending, Event, Option, Rule, Rules, Track
from .state import Change, Outcome

DEFAULT_OPTION = "default"
"""The kind of a choice's outcome when the seat gave no answer and the default was taken."""


class Sink:
    """The null sink. `changes`: whether the engine should collect each step's `Change`s
    (a list passed to the method) or pass None."""

    changes = False

    def news(self, quarter: int, event: Event, changes: list[Change] | None) -> None:
        """An event of the news fired."""

    def injected(self, quarter: int, event: Event, changes: list[Change] | None) -> None:
        """The facilitator fired an event from the deck."""

    def custom(self, quarter: int, title: str, changes: list[Change] | None) -> None:
        """The facilitator's own event, typed in during play."""

    def choice(
        self, quarter: int, event: Event, option: Option, changes: list[Change] | None, chosen: bool = True
    ) -> None:
        """A seat's answer to a choice in the news took effect; `chosen` False: the seat gave
        none (it passed), and the event's default option was taken for it."""

    def deal(self, quarter: int, offer: Offer, changes: list[Change] | None) -> None:
        """An offer of the talks was answered: carried out if accepted (its actions follow
        among the orders), else `changes` is None."""

    def leaked(self, quarter: int, event: Event, secrets: tuple[str, ...]) -> None:
        """A leak in the news made the private deals `secrets` (see `deals.secret`) public."""

    def action(
        self, quarter: int, action: Action, success: bool, odds: float, roll: float | None, changes: list[Change] | None
    ) -> None:
        """An ordered action was carried out: rolled against `odds` (no roll when certain)."""

    def delayed(self, quarter: int, effect: Effect, changes: list[Change] | None) -> None:
        """An effect scheduled by an earlier `after N:` fell due."""

    def rule(
        self, quarter: int, rule: Rule, success: bool, odds: float, roll: float | None, changes: list[Change] | None
    ) -> None:
        """A non-player rule's condition held: it fired (`success`), or its chance was
        rolled against `odds` and failed, changing nothing (`changes` None). A rule without
        a chance has odds 1 and no roll."""

    def track_set(self, quarter: int, track: Track, change: Change) -> None:
        """The facilitator set a track after the rules."""

    def ending(self, quarter: int, end: Ending, changes: list[Change] | None) -> None:
        """The game ended."""

    def settled(self, quarter: int, values: Sequence[object]) -> None:
        """The quarter is over: `values` (the slot list, read it now; it moves on) are as
        it left them, before the next quarter's news, at the game's end after its ending."""


NULL = Sink()


class OutcomeLog(Sink):
    """Every step as an `Outcome`, in the order it happened, in `outcomes`."""

    changes = True

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.outcomes: list[Outcome] = []
        self.end_values: tuple[object, ...] = ()  # the slots as the last quarter left them

    def settled(self, quarter: int, values: Sequence[object]) -> None:
        self.end_values = tuple(values)

    def _add(self, *args: object, **kwargs: object) -> None:
        self.outcomes.append(Outcome(*args, **kwargs))  # type: ignore[arg-type]

    def news(self, quarter: int, event: Event, changes: list[Change] | None) -> None:
        self._add(
            quarter, "news", "event", event.id, event.title, changes=tuple(changes or ()), visible_to=event.visible_to
        )

    def injected(self, quarter: int, event: Event, changes: list[Change] | None) -> None:
        self._add(quarter, "facilitator", "event", event.id, event.title, changes=tuple(changes or ()))

    def custom(self, quarter: int, title: str, changes: list[Change] | None) -> None:
        self._add(quarter, "facilitator", "event", "custom", title, changes=tuple(changes or ()))

    def choice(
        self, quarter: int, event: Event, option: Option, changes: list[Change] | None, chosen: bool = True
    ) -> None:
        self._add(
            quarter,
            "choice",
            "option" if chosen else DEFAULT_OPTION,
            f"{event.id}:{option.id}",
            option.label,
            seat=event.choice_seat,
            changes=tuple(changes or ()),
            visible_to=event.visible_to,
        )

    def deal(self, quarter: int, offer: Offer, changes: list[Change] | None) -> None:
        self._add(
            quarter,
            "talks",
            "deal",
            offer_id(offer),
            deal_title(self.rules, offer),
            seat=offer.sender,
            success=offer.accepted,
            changes=tuple(changes or ()),
            # A public deal is announced once carried out; an offer not taken stays the two parties'.
            visible_to=visibility(self.rules, offer) if offer.accepted else f"{offer.sender}+{offer.receiver}",
        )

    def leaked(self, quarter: int, event: Event, secrets: tuple[str, ...]) -> None:
        for text in secrets:
            when, offer = read_secret(text)
            self._add(
                quarter,
                "news",
                "leak",
                offer_id(offer),
                f"Leaked: {deal_title(self.rules, offer)}, agreed in Q{when}",
                seat=offer.sender,
            )

    def action(
        self, quarter: int, action: Action, success: bool, odds: float, roll: float | None, changes: list[Change] | None
    ) -> None:
        text = action.name if success else (action.fail_text or f"{action.name} failed")
        self._add(
            quarter,
            "orders",
            "action",
            action.id,
            text,
            seat=action.seat,
            success=success,
            odds=odds,
            roll=roll,
            changes=tuple(changes or ()),
            visible_to=ALL if action.public else action.seat,
        )

    def delayed(self, quarter: int, effect: Effect, changes: list[Change] | None) -> None:
        self._add(
            quarter,
            "delayed",
            "effect",
            effect.key,
            effect.text,
            changes=tuple(changes or ()),
            visible_to=self._scheduler_visibility(effect.key),
        )

    def rule(
        self, quarter: int, rule: Rule, success: bool, odds: float, roll: float | None, changes: list[Change] | None
    ) -> None:
        self._add(
            quarter,
            "rule",
            "rule",
            rule.id,
            rule.name,
            success=success,
            odds=odds,
            roll=roll,
            changes=tuple(changes or ()),
            visible_to=rule.visible_to,
        )

    def track_set(self, quarter: int, track: Track, change: Change) -> None:
        self._add(quarter, "facilitator", "set", track.id, f"{track.name} set to {change.after}", changes=(change,))

    def ending(self, quarter: int, end: Ending, changes: list[Change] | None) -> None:
        self._add(quarter, "end", "ending", end.id, end.title, changes=tuple(changes or ()))

    def _scheduler_visibility(self, key: str) -> str:
        """A delayed effect is seen by whoever saw what scheduled it."""
        rules = self.rules
        kind, owner = key.split(":")[:2]
        if kind == "action":
            action = rules.action(owner)
            return ALL if action.public else action.seat
        if kind in ("event", "option"):
            return rules.event(owner).visible_to
        if kind == "deal":
            deal = rules.deal(owner)
            return ALL if deal.public else "+".join(deal.seats)
        if kind == "rule":
            return next(r.visible_to for r in rules.rules if r.id == owner)
        return ALL


def offer_id(offer: Offer) -> str:
    """An outcome's id for an offer: the deal's id, or `gives>wants` for an action for an action."""
    return offer.deal or f"{offer.gives}>{offer.wants}"


def deal_title(rules: Rules, offer: Offer) -> str:
    """The deal as a line of the record: its name and who agreed it with whom."""
    who = f"{rules.seat(offer.sender).name} with {rules.seat(offer.receiver).name}"
    if offer.deal:
        return f"{rules.deal(offer.deal).name} ({who})"
    gives, wants = rules.action(offer.gives).name, rules.action(offer.wants).name
    return f"{gives} for {wants} ({who})"
