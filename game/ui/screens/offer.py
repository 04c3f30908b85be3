"""A new offer, over the talks: to whom, then a deal of the scenario's or an action of yours
for one of theirs. Each candidate is told in full beside the list before it is offered, and
one the rules refuse now is greyed with the reason `core.deals.why_not_offer` gives.
Dismissed with the `Offer` to make, or None.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...content.expression_words import describe_effect
from ...core.deals import Offer, why_not_offer
from ...core.options import why_unavailable
from ...core.view import view
from ..deal_words import action_odds, offer_detail
from ..wording import odds_text, seat_name

SEAT, WHAT, GIVES, WANTS = "seat", "what", "gives", "wants"
TRADE = "trade"  # the option for an action for an action


class OfferScreen(ModalScreen["Offer | None"]):
    CSS_PATH = "offer.tcss"
    AUTO_FOCUS = "#choices"
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, seat: str) -> None:
        super().__init__()
        self.seat = seat
        self.stage = SEAT
        self.to = ""
        self.gives = ""

    @property
    def session(self):
        return self.app.session

    @property
    def rules(self):
        return self.app.session.rules

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(id="question")
            with Horizontal(id="columns"):
                yield OptionList(id="choices")
                with VerticalScroll(id="preview"):
                    yield Static(id="about")
            yield Static("Enter: choose · Esc: back", classes="muted")

    def on_mount(self) -> None:
        self.seat_view = view(self.rules, self.session.match.state, self.seat)
        self._fill()

    # -- the candidates and why each may not be offered ------------------------------------

    def _why_not(self, offer: Offer) -> str:
        v = self.seat_view
        return why_not_offer(self.rules, offer, v.values, v.used, v.budget, self.session.offers)

    def _candidates(self) -> list[tuple[str, str, str]]:
        """(option id, label, why not) for the stage shown."""
        rules, seat = self.rules, self.seat
        if self.stage == SEAT:
            return [(s, seat_name(rules, s), self.session.why_not_talk(seat, s)) for s in rules.seat_ids if s != seat]
        if self.stage == WHAT:
            out = [
                (f"deal:{d.id}", d.name, self._why_not(Offer(seat, self.to, deal=d.id)))
                for d in rules.deals
                if set(d.seats) == {seat, self.to}
            ]
            return [*out, (TRADE, f"An action of yours for one of {seat_name(rules, self.to)}'s actions", "")]
        if self.stage == GIVES:
            v = self.seat_view
            return [
                (f"gives:{a.id}", f"{a.name} (cost {a.cost})", why_unavailable(a, v.values, v.used, None))
                for a in rules.actions_of(seat)
            ]
        return [
            (f"wants:{a.id}", a.name, self._why_not(Offer(seat, self.to, gives=self.gives, wants=a.id)))
            for a in rules.actions_of(self.to)
        ]

    def _offer(self, option_id: str) -> Offer | None:
        if option_id.startswith("deal:"):
            return Offer(self.seat, self.to, deal=option_id[5:])
        if option_id.startswith("wants:"):
            return Offer(self.seat, self.to, gives=self.gives, wants=option_id[6:])
        return None

    def _fill(self) -> None:
        rules = self.rules
        question = {
            SEAT: "Make an offer to whom?",
            WHAT: f"What do you offer {seat_name(rules, self.to)}?",
            GIVES: "Which of your actions do you offer to order?",
            WANTS: f"Which action do you ask {seat_name(rules, self.to)} to order in return?",
        }[self.stage]
        self.query_one("#question", Static).update(Text(question, style="bold"))
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        self.reasons = {}
        for option_id, label, why in self._candidates():
            self.reasons[option_id] = why
            if why:
                prompt = Group(Text(label, style="dim strike"), Text(f"not now: {self._said(why)}", style="dim italic"))
            else:
                prompt = Text(label)
            choices.add_option(Option(prompt, id=option_id))
        if choices.option_count:
            choices.highlighted = 0

    def _said(self, text: str) -> str:
        return describe_effect(self.rules, text, self.seat)

    def _show_about(self, option_id: str | None) -> None:
        about = self.query_one("#about", Static)
        rules, seat = self.rules, self.seat
        if option_id is None:
            about.update("")
            return
        offer = self._offer(option_id)
        if offer is not None:
            parts = [offer_detail(rules, offer, seat, self.seat_view.values, answer=False)]
        elif self.stage == SEAT:
            parts = [Text(f"{seat_name(rules, option_id)}: {rules.seat(option_id).role.strip()}")]
        elif option_id == TRADE:
            parts = [Text("You order one of your actions if they order one of theirs, both this quarter.")]
        else:
            action = rules.action(option_id.split(":", 1)[1])
            odds = action_odds(rules, action.id, self.seat_view.values)
            effects = "; ".join(self._said(e.text) for e in action.effects) or "nothing else"
            parts = [
                Text(action.name, style="bold"),
                Text(action.text.strip()),
                Text(f"Cost {action.cost} · odds {odds_text(odds) if odds is not None else 'not known'}"),
                Text(f"If it works: {effects}"),
            ]
        why = self.reasons.get(option_id, "")
        if why:
            parts.append(Text(f"\nNot now: {self._said(why)}", style="bold red"))
        about.update(Group(*parts))

    # -- keys ------------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_about(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        why = self.reasons.get(option_id, "")
        if why:
            self.notify(self._said(why), title="Not now", severity="warning")
            return
        offer = self._offer(option_id)
        if offer is not None:
            self.dismiss(offer)
            return
        if self.stage == SEAT:
            self.to, self.stage = option_id, WHAT
        elif option_id == TRADE:
            self.stage = GIVES
        else:
            self.gives, self.stage = option_id.split(":", 1)[1], WANTS
        self._fill()

    def action_back(self) -> None:
        previous = {SEAT: None, WHAT: SEAT, GIVES: WHAT, WANTS: GIVES}[self.stage]
        if previous is None:
            self.dismiss(None)
            return
        self.stage = previous
        self._fill()
