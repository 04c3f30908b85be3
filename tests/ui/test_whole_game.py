"""A whole quickplay game at 80x24 through the one seat experience, at one keyboard (hot seat)
and at a table, reading what a student reads: each quarter's summary, the rolls with their
odds and outcome, and what Commerce may decide."""

from __future__ import annotations

import re

from game_pilot import SEED, new_game_of, next_keys, pilot_test, screen_name, widget_text
from textual.widgets import Static

from game.table import Tables
from game.ui import app as app_module
from game.ui.app import SiliconCurtainApp
from game.ui.screens.table_join import sit

SIZE = (80, 24)
ROLL = re.compile(r"rolled \d+(\.\d)? against \d+(\.\d)?%: (success|failed)")


def texts(screen, selector: str) -> list[str]:
    return [widget_text(w) for w in screen.query(selector).results(Static)]


class Reader:
    """What the player read, screen by screen, gathered as the game is played."""

    def __init__(self) -> None:
        self.summaries: dict[int, list[str]] = {}  # quarter -> summary texts read
        self.rolls: list[str] = []
        self.institutions: list[str] = []

    def read(self, app) -> None:
        screen, name = app.screen, screen_name(app)
        if name == "ReportScreen":
            for quarter, summary in zip(screen.quarters, texts(screen, ".summary")):
                self.summaries.setdefault(quarter, []).append((screen.step.scope, summary))
            for outcomes in texts(screen, ".outcomes"):
                self.rolls += [m.group(0) for m in ROLL.finditer(" ".join(outcomes.split()))]
        elif name == "QuarterScreen" and screen.seat:
            self.institutions += texts(screen, "#institutions")

    def check(self, quarters: int) -> None:
        assert sorted(self.summaries) == list(range(1, quarters + 1)), self.summaries.keys()
        for quarter, read in self.summaries.items():
            for scope, summary in read:
                assert "US export licence:" in summary and "Biggest moves since the news:" in summary, (
                    quarter,
                    summary,
                )
                # A seat's own points; the room's report gives none (objectives are private).
                assert ("Your objectives:" in summary) == (scope == "seat"), (quarter, scope, summary)
                assert 2 <= len([line for line in summary.splitlines() if line.strip()]) <= 12
        assert self.rolls, "no roll was shown with its odds and its outcome"
        assert any("success" in r for r in self.rolls) or any("failed" in r for r in self.rolls)
        said = "\n".join(self.institutions)
        assert "The institutions this quarter" in said and "Commerce" in said, said


async def new_quickplay(pilot, humans: tuple[str, ...]) -> None:
    await new_game_of(pilot, "quickplay", humans)
    await pilot.press("ctrl+s")
    await pilot.pause()


@pilot_test
async def test_a_hot_seat_quickplay_game_reads_its_summaries_rolls_and_commerce():
    app = SiliconCurtainApp(seed=SEED)
    reader = Reader()
    async with app.run_test(size=SIZE) as pilot:
        await new_quickplay(pilot, ("vendor", "lawmaker"))
        for _ in range(400):
            name = screen_name(app)
            reader.read(app)
            if name == "EndScreen":
                break
            step = app.session.current if app.session else None
            await pilot.press(*next_keys(app, name, step))
            await pilot.pause()
        assert screen_name(app) == "EndScreen"
        reader.check(len(app.session.match.record.quarters))


@pilot_test
async def test_a_table_quickplay_game_reads_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)
    tables = Tables(tmp_path / "tables.sqlite3")
    table, _ = tables.open("quickplay", {"vendor": "human"}, seed=SEED)
    key = tables.take(table.code, "vendor")
    app = SiliconCurtainApp(seed=SEED)
    reader = Reader()
    async with app.run_test(size=SIZE) as pilot:
        sit(app, tables, "vendor", key, tables.reading(table.code, "vendor"))
        await pilot.pause()
        for _ in range(600):
            name = screen_name(app)
            reader.read(app)
            if name == "EndScreen":
                break
            if name == "WaitingScreen" or name == "TitleScreen":
                await pilot.pause(0.1)  # the quarter resolves in the app's own worker
                continue
            await pilot.press(*next_keys(app, name, app.session.current))
            await pilot.pause()
        assert screen_name(app) == "EndScreen"
        reader.check(tables.table(table.code).resolved)
