"""Shared fixtures: the small test world and a saves folder that is never the repo's."""

from __future__ import annotations

from pathlib import Path

import pytest

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(autouse=True)
def _saves_in_tmp(tmp_path_factory, monkeypatch):
    # No test may write into the checkout's saves/: those belong to the user.
    monkeypatch.setenv("SILICON_CURTAIN_SAVES", str(tmp_path_factory.mktemp("saves")))


@pytest.fixture(scope="session")
def mini_content():
    from game.content import load

    return load(MINI)


@pytest.fixture(scope="session")
def mini(mini_content):
    return mini_content.scenario("mini")
