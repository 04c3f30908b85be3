"""What happened in the quarter just resolved, and how the dashboard moved.

Three audiences: the whole room (PUBLIC: only what every seat saw), one seat (its full
report, after its hand-off or when it is the only person playing), or everyone in a game
of bots (ALL_SEATS: the facilitator's view).
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from ..outcome_words import outcome_lines
from ..session import ALL_SEATS, PUBLIC, SEAT
from ..summary import quarter_summary, unseen_moves
from ..widgets.dashboard import Dashboard
from ..widgets.footer import GameFooter
from ..wording import change_text, quarter_title, seat_name
from .base import GameScreen
from .quarter import budget_line


class ReportScreen(GameScreen):
    CSS_PATH = "report.tcss"
    BINDINGS = [Binding("enter", "go_on", "Continue", priority=True), Binding("b", "briefing", "Briefing")]

    def check_action(self, action: str, parameters) -> bool | None:
        # A seat's own report offers its briefing; the room's report has no one seat's to show.
        return self.step.scope == SEAT if action == "briefing" else True

    @property
    def quarters(self) -> tuple[int, ...]:
        """The quarters this reports on: the last one resolved, or at a table every one
        resolved since the team last looked."""
        return self.step.quarters or (len(self.match.record.quarters),)

    @property
    def quarter(self) -> int:
        return self.quarters[-1]

    @property
    def viewer(self) -> str | None:
        """Whose eyes: a seat, "" for the room (public only), None for a bots-only game."""
        scope = self.step.scope
        return "" if scope == PUBLIC else None if scope == ALL_SEATS else self.seat

    def heading(self) -> tuple[str, str]:
        who = {PUBLIC: "Everyone", ALL_SEATS: "Everyone (bots only)"}.get(self.step.scope) or seat_name(
            self.rules, self.seat
        )
        return who, f"Report · {quarter_title(self.rules, self.quarter)}"

    def compose(self) -> ComposeResult:
        rules, session, scope = self.rules, self.session, self.step.scope
        yield from self.compose_top()
        with Horizontal(id="columns"):
            with VerticalScroll(id="happened", classes="panel") as happened:
                happened.border_title = "What happened"
                if scope == PUBLIC:
                    yield Static(
                        "The public report, for the whole room. Each of you sees your own report after the hand-off.",
                        classes="muted",
                    )
                elif scope != ALL_SEATS:
                    yield Static("Your report: things marked “only you know” are private.", classes="muted")
                several = len(self.quarters) > 1
                match = self.match
                for quarter in self.quarters:
                    if several:
                        yield Static(f"Quarter {quarter} · {rules.quarter_label(quarter)}", classes="section")
                    if quarter in self.step.passed:
                        yield Static(
                            "The facilitator resolved this quarter before your orders came in: you passed.",
                            classes="passed",
                        )
                    before, after = match.end_of_quarter(quarter - 1), match.end_of_quarter(quarter)
                    news = match.history[quarter - 1].slots()
                    summary = quarter_summary(
                        rules, self.viewer, before.slots(), after.slots(), match.log[quarter], quarter, news
                    )
                    yield Static(Group(*summary), classes="summary")
                    outcomes = session.outcomes(self.seat, scope, quarter)
                    yield Static(
                        outcome_lines(rules, outcomes, self.viewer, mark_private=scope != ALL_SEATS),
                        classes="outcomes",
                    )
                    unseen = unseen_moves(rules, self.viewer, news, after.slots(), outcomes)
                    if unseen:
                        yield Static(
                            Text.assemble(
                                ("Moved by what you did not see", "bold"),
                                " (another seat's private move, say): ",
                                ", ".join(change_text(rules, c) for c in unseen),
                            ),
                            classes="unseen",
                        )
                yield Static(self._what_next(), classes="muted", id="next")
            with VerticalScroll(id="dashboard", classes="panel") as dash:
                dash.border_title = "Dashboard: as the quarter ended"
                history = session.report_tracks(self.viewer, self.quarter)
                budget = ""
                if self.viewer:
                    state = self.match.end_of_quarter(self.quarter)
                    budget = budget_line(rules, self.seat, state.budget(rules, self.seat))
                yield Dashboard(rules, history, budget)
        yield GameFooter()

    def _what_next(self) -> Text:
        if self.match.over:
            return Text("\nThe game is over: Enter for the final scores.")
        return Text("\nEnter to go on to the next quarter's news.")

    def action_go_on(self) -> None:
        self.app.advance()

    def action_briefing(self) -> None:
        from .briefing import BriefingScreen

        self.app.push_screen(BriefingScreen(self.step, review=True))
