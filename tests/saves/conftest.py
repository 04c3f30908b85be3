"""Games to save: bot games on the mini world, written where each test can damage them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.match import Match
from game.saves.store import write_save

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def bot_game(mini, mini_content):
    """A game on the mini world: bots in every seat not given, played `quarters` or to the end."""

    def make(seed: int = 7, seats: dict | None = None, quarters: int | None = None) -> Match:
        match = Match.start(mini, seed, dict(seats or {}), mini_content.fingerprint)
        while not match.over and (quarters is None or len(match.record.quarters) < quarters):
            match.play()
        return match

    return make


@pytest.fixture
def saved(tmp_path, bot_game):
    """The path of a saved bot game."""

    def make(name: str = "game.toml", **kwargs) -> Path:
        path = tmp_path / name
        write_save(bot_game(**kwargs), path)
        return path

    return make


@pytest.fixture
def other_content(tmp_path):
    """A copy of the mini world to edit: its fingerprint differs once anything changes."""
    root = tmp_path / "other"
    shutil.copytree(MINI, root)
    return root
