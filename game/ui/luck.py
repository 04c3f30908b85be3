"""Luck and decisions for a report written from a screen (the end screen, a table's console):
the what-if games (`report.whatif.gather`) played in a worker thread of the screen, on one
core, since a class's tabs share the machine. The report is written at once without the
section; `done` hears the numbers when they are played, to write it again with them.
Leaving the screen cancels the worker, and its games stop at their next batch.
"""

from __future__ import annotations

from collections.abc import Callable

GAMES = 100  # as `report --whatif`'s default
NOTE = f"Luck and decisions ({GAMES} bot games from the same start) are added when played, in about a minute."


class Luck:
    """The section of one finished game's report, as the screen that writes it holds it:
    played once, on the first report written after the game ended."""

    def __init__(self):
        self.found = None  # the numbers, once played
        self.asked = False

    def wanted(self, over: bool) -> bool:
        """Whether to play the games now (then they are asked for, once)."""
        if not over or self.found is not None or self.asked:
            return False
        self.asked = True
        return True

    def played(self, screen, found, rewrite: Callable[[], None]) -> None:
        """Keep `found`; rewrite the report with it, or in a browser, where a second download
        would open unasked, say that the report key now gives it."""
        self.found = found
        if screen.app.is_web:
            screen.notify(
                "Luck and decisions are ready: press R for the report with them.", title="After-action report"
            )
        else:
            rewrite()


def play_luck(screen, match, done: Callable) -> None:
    """Play the section's games for the finished `match`; `done(whatif)` on the UI thread."""

    def play() -> None:
        from textual.worker import get_current_worker

        from ..analysis.runner import Stop
        from ..analysis.work import Source
        from ..report.whatif import gather

        worker = get_current_worker()

        def advance(_n: int) -> None:
            if worker.is_cancelled:
                raise Stop  # the games played so far are kept, and `stopped` says so

        # Never read: with one worker the games are played here, on the rules already loaded.
        source = Source("", match.record.content)
        found = gather(match.rules, match.record, match.history, match.settled, source, GAMES, advance=advance)
        if not found.stopped and not worker.is_cancelled:
            screen.app.call_from_thread(done, found)

    screen.run_worker(play, thread=True, exclusive=True, group="report-whatif")
