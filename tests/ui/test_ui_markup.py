"""Text from content and saves is shown as written: square brackets that look like Textual
markup are neither read as markup (a stray `[/x]` crashed a screen) nor dropped (issue 20)."""

from __future__ import annotations

import shutil
from pathlib import Path

import tomli_w
from game_pilot import MINI, new_app, pilot_test, play_to_end, screen_name, screen_text

if True:  # tomli: the same parser the game reads content with
    import tomli

MARKUP = " [/x] [b]bold[/b] [link=https://example.invalid]here[/link] [@click=app.quit]quit[/] [on red"
# Paragraph fields may hold brackets (a citation's note, a stage direction); names may not (validate).
PARAGRAPHS = {"text", "intro", "briefing", "private", "happened", "note", "fail_text", "why"}


def _poison(value):
    if isinstance(value, dict):
        return {k: (v + MARKUP if k in PARAGRAPHS and isinstance(v, str) else _poison(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v) for v in value]
    return value


def hostile_world(root: Path) -> Path:
    """The mini world with markup at the end of every paragraph and question."""
    shutil.copytree(MINI, root)
    for path in root.rglob("*.toml"):
        data = _poison(tomli.loads(path.read_text()))
        for sc in data.get("scenario", []):
            sc["questions"] = [q + MARKUP for q in sc.get("questions", [])]
        path.write_text(tomli_w.dumps(data))
    return root


@pilot_test
async def test_markup_in_content_texts_is_shown_literally_through_a_whole_game(tmp_path):
    from game_pilot import start_game

    world = hostile_world(tmp_path / "mini")
    app = new_app(content_root=world)
    shown = []

    async def look(pilot, name, step):
        shown.append(screen_text(pilot.app))

    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, humans=("vendor", "lawmaker", "regulator"))
        seen = await play_to_end(pilot, on_screen=look)
        assert screen_name(app) == "EndScreen"
        await pilot.press("d")
        await pilot.pause()
        assert screen_name(app) == "DebriefScreen"
        shown.append(screen_text(app))
    assert app.return_code in (None, 0) and app._exception is None
    names = {n for n, _ in seen}
    assert {"IntroScreen", "BriefingScreen", "QuarterScreen", "OrdersScreen", "EndScreen"} <= names
    literal = [t for t in shown if "[/x] [b]bold[/b]" in t]
    assert len(literal) >= 5, "the brackets were read as markup or dropped"


@pilot_test
async def test_a_saved_custom_event_with_markup_and_an_escape_sequence_replays_as_written(tmp_path, mini, mini_content):
    """Free texts in a save (a custom event's title, a note, a bot's reason) are kept as the
    game wrote them; the screens show their markup as brackets and their control characters
    as symbols, so an ESC never reaches the terminal (issue 20)."""
    from game_pilot import screen_text

    from game.core.state import Intervention
    from game.match import Match
    from game.saves.loading import load_game
    from game.saves.store import write_save
    from game.ui.screens.replay import ReplayScreen

    title = "Strike [/x] \x1b]0;pwned\x1b\\ [b]loud"
    match = Match.start(mini, 7, {}, mini_content.fingerprint)
    match.play(interventions=(Intervention("custom", title=title, text="Ports [on red]idle\x07.", note="[/]"),))
    match.play_out()
    path = write_save(match, tmp_path / "game.toml")
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.content = mini_content
        app.push_screen(ReplayScreen(load_game(path, mini_content)))
        await pilot.pause()
        seen = []
        for _ in range(3):
            seen.append(screen_text(app))
            await pilot.press("right")
            await pilot.pause()
        text = "\n".join(seen)
        assert "Strike [/x] ␛]0;pwned␛\\ [b]loud" in text, text
        assert "\x1b" not in text and "\x07" not in text
        assert app._exception is None
