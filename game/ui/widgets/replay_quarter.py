"""One quarter of a replay, everything revealed: what happened, the talks (every offer, its
answer and the bots' reasons), then every seat's orders (with a bot's reasons) and the
facilitator's interventions. A replay has no hidden side."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...core.model import ALL
from ...report.build import ANSWER_WORDS, talks
from ..outcome_words import outcome_heading
from ..wording import change_text, seat_name


def orders_text(rules, quarter_record, controllers: dict[str, str]) -> Text:
    text = Text()
    for i, order in enumerate(quarter_record.orders):
        if i:
            text.append("\n")
        text.append(f"{seat_name(rules, order.seat)}", style="bold")
        text.append(f"  ({controllers.get(order.seat, '?')})\n", style="italic")
        names = [_action_name(rules, a) for a in order.actions]
        text.append("    " + (", ".join(names) if names else "no actions") + "\n")
        for event_id, option_id in order.choices:
            text.append(f"    answered {_event_title(rules, event_id)}: {_option_label(rules, event_id, option_id)}\n")
        if order.reason:
            text.append(f"    why: {order.reason}\n", style="italic")
    for item in quarter_record.interventions:
        text.append("\nFacilitator", style="bold")
        text.append(f": {intervention_text(rules, item)}\n")
    return text


def talks_text(rules, quarter_record, outcomes) -> Text:
    """The quarter's offers in the order made: who offered what to whom, each side's terms,
    the answer, the bots' reasons and, for an accepted one, what it carried out. `outcomes`:
    the game's, so a leak in a later quarter is told."""
    text = Text()
    for i, talk in enumerate(talks(rules, quarter_record, outcomes)):
        if i:
            text.append("\n")
        text.append(talk.headline, style="bold")
        text.append(" — ")
        text.append(ANSWER_WORDS[talk.answer], style="bold" if talk.accepted else "bold red")
        text.append(f"  ({talk.secrecy})\n", style="italic")
        for line in talk.terms:
            text.append(f"    {line}\n")
        if talk.reason:
            text.append(f"    {talk.sender}'s reason: {talk.reason}\n", style="italic")
        if talk.answer_reason:
            text.append(f"    {talk.receiver}'s reason: {talk.answer_reason}\n", style="italic")
        if talk.did:
            text.append(f"    carried out: {'; '.join(talk.did)}\n")
        for move in talk.moves:
            text.append(f"    {move.track} {move.before} → {move.after}\n")
    return text


def intervention_text(rules, item) -> str:
    what = {
        "inject": lambda: f"injected {_event_title(rules, item.event)}",
        "custom": lambda: f"a new event, {item.title!r} ({'; '.join(item.effects) or 'no effects'})",
        "force": lambda: f"made {_action_name(rules, item.action)} {'succeed' if item.success else 'fail'}",
        "set": lambda: f"set {_track_name(rules, item.track)} to {_track_value(rules, item.track, item.value)}",
    }.get(item.kind, lambda: item.kind)()
    return f"{what} — {item.note}" if item.note else what


def events_text(rules, outcomes) -> Text:
    text = Text()
    if not outcomes:
        text.append("Nothing happened.", style="italic")
        return text
    for i, outcome in enumerate(outcomes):
        if i:
            text.append("\n")
        text.append("• " + outcome_heading(rules, outcome, None), style="bold" if outcome.success else "bold red")
        if outcome.visible_to != ALL:
            seen = " and ".join(seat_name(rules, s) for s in outcome.viewers)
            text.append(f"  (seen by {seen} only)", style="italic")
        for change in outcome.changes:
            text.append("\n    " + change_text(rules, change))
    return text


def _action_name(rules, action_id: str) -> str:
    try:
        return rules.action(action_id).name
    except KeyError:
        return action_id


def _track_name(rules, track_id: str) -> str:
    try:
        return rules.track(track_id).name
    except KeyError:
        return track_id


def _track_value(rules, track_id: str, value) -> str:
    try:
        return rules.track(track_id).format(value)
    except KeyError:
        return str(value)


def _event_title(rules, event_id: str) -> str:
    try:
        return rules.event(event_id).title
    except KeyError:
        return event_id


def _option_label(rules, event_id: str, option_id: str) -> str:
    try:
        return next(o.label for o in rules.event(event_id).options if o.id == option_id)
    except (KeyError, StopIteration):
        return option_id


class ReplayQuarter(Static):
    """Set `shown = (events, orders)` as Text; the screen decides which quarter."""

    DEFAULT_CSS = """
    ReplayQuarter { height: auto; }
    """

    def show(self, rules, outcomes, quarter_record, controllers: dict[str, str], unplayed: str = "", later=()) -> None:
        """`unplayed`: what to say instead of the orders when `quarter_record` is None (the
        game ended before, the replay stops, or the quarter awaits orders). `later`: the
        outcomes of the quarters after, where a leak of this quarter's deals would be told."""
        text = Text()
        if quarter_record is None and not outcomes:
            text.append(unplayed or "This quarter was never played.", style="italic")
            self.update(text)
            return
        text.append("What happened\n", style="bold underline")
        # The talks are told below, offer by offer, with their answers.
        text.append_text(events_text(rules, [o for o in outcomes if o.phase != "talks"]))
        text.append("\n\n")
        if quarter_record is not None and quarter_record.offers:
            text.append("Talks, every offer revealed\n", style="bold underline")
            text.append_text(talks_text(rules, quarter_record, [*outcomes, *later]))
            text.append("\n")
        if quarter_record is None:
            text.append(unplayed or "No orders yet: this quarter was never played.", style="italic")
        else:
            text.append("Orders, every seat revealed\n", style="bold underline")
            text.append_text(orders_text(rules, quarter_record, controllers))
        self.update(text)
