"""A team at a table has given its orders: who the quarter still waits for, until it resolves.

The app reads the table every second; when the quarter resolves it moves the team on to its
report by itself.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from ...core.view import view
from ..widgets.dashboard import Dashboard
from ..widgets.footer import GameFooter
from .base import GameScreen
from .quarter import budget_line
from .table_common import waiting_text


class WaitingScreen(GameScreen):
    CSS_PATH = "waiting.tcss"
    BINDINGS = [Binding("b", "briefing", "Briefing"), Binding("escape", "leave", "Leave the table")]

    def heading(self) -> tuple[str, str]:
        who, when = super().heading()
        return who, f"Orders in · {when}"

    def compose(self) -> ComposeResult:
        rules, seat = self.rules, self.seat
        yield from self.compose_top()
        with Horizontal(id="columns"):
            with VerticalScroll(id="waiting-panel", classes="panel") as panel:
                panel.border_title = "Orders in"
                yield Static("Your orders are in; they are final for this quarter.", classes="screen-title")
                yield Static(self._given(), id="given", markup=False)
                yield Static(waiting_text(rules, self.session.table), id="waiting", markup=False)
                yield Static(
                    "This screen moves on by itself when the quarter resolves. B shows your briefing; F1 the rules.",
                    classes="muted",
                )
            with VerticalScroll(id="dashboard", classes="panel") as dash:
                dash.border_title = "Dashboard"
                budget = view(rules, self.match.state, seat).budget
                yield Dashboard(
                    rules, [v.tracks for v in self.session.seat_views(seat)], budget_line(rules, seat, budget)
                )
        yield GameFooter()

    def _given(self) -> str:
        """What the team gave, decisions included, so nobody wonders what was sent."""
        rules, draft = self.rules, self.session.draft(self.seat)
        actions = [a.name for a in rules.actions_of(self.seat) if a.id in draft.actions]
        lines = ["Actions: " + (", ".join(actions) if actions else "none (you pass on actions)")]
        for event_id, option_id in draft.choices.items():
            event = rules.event(event_id)
            option = event.option(option_id)
            lines.append(f"Decision, {event.title}: {option.label if option else option_id}")
        return "\n".join(lines)

    def table_moved(self) -> None:
        super().table_moved()
        for waiting in self.query("#waiting").results(Static):
            waiting.update(waiting_text(self.rules, self.session.table))

    def action_leave(self) -> None:
        self.app.action_leave_game()  # asks first; a game at one keyboard is saved on the way

    def action_briefing(self) -> None:
        from .briefing import BriefingScreen

        self.app.push_screen(BriefingScreen(self.step, review=True))
