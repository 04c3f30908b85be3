"""What every screen of a game in progress shares: its step, the session, a header line."""

from __future__ import annotations

from textual.screen import Screen

from ..wording import quarter_title, seat_name


class GameScreen(Screen):
    def __init__(self, step):
        super().__init__()
        self.step = step

    @property
    def session(self):
        return self.app.session

    @property
    def match(self):
        return self.app.session.match

    @property
    def rules(self):
        return self.app.session.rules

    @property
    def seat(self) -> str | None:
        return self.step.seat

    def on_mount(self) -> None:
        self.title, self.sub_title = self.heading()

    def heading(self) -> tuple[str, str]:
        """The header: whose screen this is, and when; never anything private."""
        state = self.match.state
        when = "Game over" if state.over else quarter_title(self.rules, state.quarter)
        who = seat_name(self.rules, self.seat) if self.seat else self.rules.name
        return who, when
