"""The command palette's entries for the game's main verbs (Ctrl+P)."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name, help, app action, when: "always", "idle" (no game in progress) or "game")
PALETTE_ENTRIES = (
    ("New game", "Choose a scenario, seats and seed", "new_game", "idle"),
    ("Continue the last game", "Resume the most recent autosave", "continue_game", "idle"),
    ("Load a saved game", "Pick a save to resume", "load_game", "idle"),
    ("Replay a saved game", "Step through a finished or saved game", "replay_game", "idle"),
    ("Leave the game", "Back to the title (or the table's join screen); the game is saved", "leave_game", "game"),
    ("Help", "The keys of this screen, and the rules of the game", "help", "always"),
    ("Toggle light or dark theme", "Switch between the dark and the light theme", "toggle_theme", "always"),
    ("Quit", "Leave Silicon Curtain (asks first during a game)", "quit", "always"),
)


class GameCommands(Provider):
    def _available(self):
        in_game = getattr(self.app, "session", None) is not None
        for name, help_text, action, when in PALETTE_ENTRIES:
            if when == "always" or (when == "game") == in_game:
                yield name, help_text, action

    async def discover(self) -> Hits:
        for name, help_text, action in self._available():
            yield DiscoveryHit(name, self._runner(action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._available():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), self._runner(action), help=help_text)

    def _runner(self, action: str):
        async def run() -> None:
            await self.app.run_action(action)

        return run
