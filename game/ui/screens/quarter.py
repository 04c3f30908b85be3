"""The quarter as a seat sees it: this quarter's news (answering any choice it offers this
seat) beside the dashboard of the tracks it may see, with their trend over past quarters.

In a game without people (bots only) the room sees everything and asks for the next quarter.
"""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, RadioButton, RadioSet, Static

from ...core.view import view, visible_outcomes
from ..widgets.dashboard import Dashboard
from ..widgets.footer import GameFooter
from ..wording import change_text
from .base import GameScreen


def budget_line(rules, seat_id: str, budget: int) -> str:
    seat = rules.seat(seat_id)
    return f"{seat.budget_name.capitalize()}: {budget} (up to {seat.budget_max}; +{seat.budget_per_quarter} a quarter)"


class QuarterScreen(GameScreen):
    CSS_PATH = "quarter.tcss"
    BINDINGS = [
        Binding("o", "orders", "Orders"),
        Binding("enter", "go_on", "Go on", show=False),
        Binding("n", "next_quarter", "Next quarter"),
        Binding("b", "briefing", "Briefing"),
    ]

    def check_action(self, action: str, parameters) -> bool | None:
        watching = self.seat is None
        if action == "next_quarter":
            return watching
        if action in ("orders", "briefing"):
            return not watching
        return True

    def compose(self) -> ComposeResult:
        rules, match, seat = self.rules, self.match, self.seat
        seat_view = view(rules, match.state, seat)
        yield Header()
        with Horizontal(id="columns"):
            with VerticalScroll(id="news", classes="panel") as news:
                news.border_title = "News"
                yield from self._news(seat_view)
            with VerticalScroll(id="dashboard", classes="panel") as dash:
                dash.border_title = "Dashboard"
                budget = budget_line(rules, seat, seat_view.budget) if seat else ""
                yield Dashboard(rules, [v.tracks for v in self.session.seat_views(seat)], budget)
        yield GameFooter()

    def _news(self, seat_view) -> ComposeResult:
        rules, match, seat = self.rules, self.match, self.seat
        quarter = match.state.quarter
        seen = [o for o in visible_outcomes(match.log[-1], seat, rules) if o.phase == "news" and o.quarter == quarter]
        changes = {o.id: o.changes for o in seen}
        if not seat_view.news:
            yield Static("A quiet quarter: no news.", classes="muted")
        draft = self.session.draft(seat) if seat else None
        for event_id in seat_view.news:
            event = rules.event(event_id)
            title = Text(event.title, style="bold")
            if event.visible_to != "all":
                title.append("  (only you know)", style="italic")
            moves = [Padding(Text(change_text(rules, c)), (0, 0, 0, 2)) for c in changes.get(event_id, ())]
            yield Static(Group(title, Text(event.text.strip()), *moves), classes="news-item")
            if seat is not None and event_id in seat_view.choices:
                chosen = draft.choices.get(event_id, event.options[0].id)
                yield Static("Your decision:", classes="choice-label")
                with RadioSet(id=f"choice-{event_id}", classes="choice"):
                    for option in event.options:
                        label = Text(option.label, style="bold")
                        if option.text:
                            label.append(f" — {option.text}", style="")
                        yield RadioButton(label, value=option.id == chosen, name=option.id)
        if seat is None and match.state.quarter:
            yield Static("Press N to let the bots play this quarter.", classes="muted")

    def heading(self) -> tuple[str, str]:
        who, when = super().heading()
        return who, f"News · {when}"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        event_id = (event.radio_set.id or "").removeprefix("choice-")
        self.session.draft(self.seat).choices[event_id] = event.pressed.name

    def action_go_on(self) -> None:
        self.action_next_quarter() if self.seat is None else self.action_orders()

    def action_orders(self) -> None:
        self.app.advance()

    def action_next_quarter(self) -> None:
        self.app.play_bots_quarter()

    def action_briefing(self) -> None:
        from .briefing import BriefingScreen

        self.app.push_screen(BriefingScreen(self.step, review=True))
