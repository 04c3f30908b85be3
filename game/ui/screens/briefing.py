"""A seat's briefing: who you are, how you score, what only you know, what you can do.

Shown once before a seat's first quarter, and again on demand (key b) from its own screens.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from ...core.model import ALL
from ..rulebook import rule_odds_words
from ..widgets.footer import GameFooter
from .base import GameScreen


def objectives_text(seat) -> Text:
    text = Text()
    for i, objective in enumerate(seat.objectives):
        if i:
            text.append("\n")
        text.append(f"• {objective.text}", style="")
        text.append(f"  (up to {objective.max:g} points)", style="italic")
    total = sum(o.max for o in seat.objectives)
    text.append(
        f"\nYour score at the end is out of {total:g}; the seat with the highest share of its own maximum wins.",
        style="italic",
    )
    return text


def institutions_rules(rules, seat: str) -> str:
    """Each decision the non-player institutions roll for, and when: the levers nobody orders."""
    lines = [
        f"• {rule.name}: {rule_odds_words(rules, rule, seat)}."
        for rule in rules.rules
        if rule.chance is not None and rule.visible_to in (ALL, seat)
    ]
    if not lines:
        return "No institution rolls for its decisions: they follow the rules page (F1)."
    lines.append("The news screen shows their odds each quarter; F1 has the full rules.")
    return "\n".join(lines)


def levers_text(rules, seat: str) -> Text:
    """What the seat can do: each of its actions with its cost, and the talks."""
    text = Text()
    for action in rules.actions_of(seat):
        text.append(f"• {action.name}", style="bold")
        notes = [f"cost {action.cost}" if action.cost else "free"]
        if not action.public:
            notes.append("secret")
        if action.once:
            notes.append("once a game")
        text.append(f"  ({', '.join(notes)})\n", style="italic")
    text.append(
        "Before your orders each quarter, the talks: offer another seat a deal or an action for "
        "an action, and answer theirs. An accepted offer binds both sides. The orders screen "
        "shows each action's odds, requirements and effects.",
        style="italic",
    )
    return text


class BriefingScreen(GameScreen):
    CSS_PATH = "briefing.tcss"
    AUTO_FOCUS = "#body"  # the top of the briefing, not its last button: "who you are" comes first
    BINDINGS = [
        Binding("enter", "go_on", "Continue", priority=True),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, step, review: bool = False):
        """`review`: opened from the seat's own screen; closing it goes back there."""
        super().__init__(step)
        self.review = review

    def check_action(self, action: str, parameters) -> bool | None:
        # Escape closes a briefing opened for review; the first one goes on with Enter only.
        return self.review if action == "close" else True

    def compose(self) -> ComposeResult:
        seat = self.rules.seat(self.seat)
        yield from self.compose_top()
        with VerticalScroll(id="body"):
            yield Static(f"Your briefing: {seat.name}", classes="screen-title", markup=False)
            yield Static(seat.role, classes="muted", markup=False)
            yield Static("Who you are", classes="section")
            yield Static(seat.briefing.strip(), markup=False)
            yield Static("What you want", classes="section")
            yield Static(objectives_text(seat))
            yield Static("What only you know", classes="section")
            yield Static(seat.private.strip(), classes="private", id="private", markup=False)
            yield Static("What you can do", classes="section")
            yield Static(levers_text(self.rules, self.seat), id="levers")
            yield Static("How the institutions decide", classes="section")
            yield Static(institutions_rules(self.rules, self.seat), markup=False)
            yield Static("Your budget", classes="section")
            yield Static(
                f"{seat.budget_name.capitalize()}: you start with {seat.budget_start} and get "
                f"{seat.budget_per_quarter} more each quarter, up to {seat.budget_max}. "
                "Each action costs some.",
                markup=False,
            )
            yield Button("Back (Esc)" if self.review else "To the news (Enter)", id="go", variant="primary")
        yield GameFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_go_on()

    def action_close(self) -> None:
        self.dismiss()

    def action_go_on(self) -> None:
        if self.review:
            self.dismiss()
        else:
            self.app.advance()
