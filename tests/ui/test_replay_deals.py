"""The replay viewer and the talks: each quarter shows its offers and answers, everything
revealed; branching can change an answer, and the engine refuses one the rules do not allow."""

from __future__ import annotations

import asyncio
import functools
import io

import pytest
from rich.console import Console
from textual.widgets import SelectionList

from game.content import DEFAULT_CONTENT, load
from game.core.state import IllegalOrder
from game.match import Match
from game.match.replay import replay
from game.saves.branch import branch_record, flippable
from game.saves.loading import load_game
from game.saves.store import write_save
from game.ui.app import SiliconCurtainApp
from game.ui.screens.replay import ReplayScreen


def pilot_test(fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return run


def text_of(widget) -> str:
    out = io.StringIO()
    Console(file=out, width=300, color_system=None).print(widget.content)
    return out.getvalue()


@pytest.fixture(scope="module")
def shipped():
    return load(DEFAULT_CONTENT)


@pytest.fixture
def parent(tmp_path, shipped):
    """A finished smart-bot h200 game with offers of every kind and a leak, saved as game.toml:
    seed 2 (seed 4's game no longer leaks on the content tuned for strong play)."""
    rules = shipped.scenario("h200")
    match = Match.start(rules, 2, dict.fromkeys(rules.seat_ids, "bot:smart"), shipped.fingerprint)
    match.play_out()
    return write_save(match, tmp_path / "game.toml")


def quarter_where(shipped, path, legal: bool) -> tuple[int, int]:
    """A quarter and offer index whose changed answer the rules allow (or refuse)."""
    rules = shipped.scenario("h200")
    run = replay(rules, load_game(path, shipped).record)
    for q in range(1, run.quarters + 1):
        for i, _ in flippable(run, q):
            try:
                branch_record(run, q, "game.toml", {}, shipped.fingerprint, (i,))
                allowed = True
            except IllegalOrder:
                allowed = False
            if allowed == legal:
                return q, i
    pytest.fail(f"no offer in this game whose changed answer is {'allowed' if legal else 'refused'}: pick another seed")


async def open_at(pilot, path, content, quarter: int) -> ReplayScreen:
    pilot.app.content = content
    pilot.app.push_screen(ReplayScreen(load_game(path, content), quarter))
    await pilot.pause()
    return pilot.app.screen


@pilot_test
async def test_each_quarter_shows_its_offers_and_answers(parent, shipped):
    record = load_game(parent, shipped).record
    q = next(r.quarter for r in record.quarters if r.offers)
    app = SiliconCurtainApp(content_root=DEFAULT_CONTENT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_at(pilot, parent, shipped, q)
        text = " ".join(text_of(screen.query_one("#happened")).split())
        assert "Talks, every offer revealed" in text
        names = {s.id: s.name for s in shipped.scenario("h200").seats}
        for offer in record.quarters[q - 1].offers:
            assert f"{names[offer.sender]} offered {names[offer.receiver]}:" in text
            assert offer.reason in text and offer.answer_reason in text
        assert "vendor+" not in text and "regulator+" not in text and "lawmaker+" not in text


@pilot_test
async def test_branching_can_change_an_answer(parent, shipped):
    q, i = quarter_where(shipped, parent, legal=True)
    app = SiliconCurtainApp(content_root=DEFAULT_CONTENT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_at(pilot, parent, shipped, q)
        await pilot.press("b")
        flips = screen.query_one("#branch-flips", SelectionList)
        assert flips.display and flips.option_count == len(flippable(screen.run, q))
        flips.select(i)
        await pilot.click("#branch-start")  # bots in every seat: the changed answer is the what-if
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is not None
        match = app.session.match
        assert match.record.branch_quarter == q and len(match.record.quarters) == q
        before = load_game(parent, shipped).record.quarters[q - 1].offers[i].answer
        assert match.record.quarters[q - 1].offers[i].answer != before


@pilot_test
async def test_an_answer_the_rules_refuse_is_not_branched(parent, shipped):
    q, i = quarter_where(shipped, parent, legal=False)
    app = SiliconCurtainApp(content_root=DEFAULT_CONTENT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_at(pilot, parent, shipped, q)
        await pilot.press("b")
        screen.query_one("#branch-flips", SelectionList).select(i)
        await pilot.click("#branch-start")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is None
        assert not list(parent.parent.glob("game-branch-*.toml"))
        assert any("The rules do not allow that answer" in n.message for n in app._notifications)


@pilot_test
async def test_a_deal_that_leaks_later_says_so_in_its_quarter(parent, shipped):
    from game.report import build

    loaded = load_game(parent, shipped)
    leaked = [t for t in build(loaded.match()).talks if t.leaked]
    assert leaked, "no deal of this game leaked: pick another seed"
    app = SiliconCurtainApp(content_root=DEFAULT_CONTENT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_at(pilot, parent, shipped, leaked[0].quarter)
        text = " ".join(text_of(screen.query_one("#happened")).split())
        assert f"leaked in Q{leaked[0].leaked}" in text
