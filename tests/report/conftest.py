"""The scripted game of games.py, played once a session, for the report tests to share.

`mini_content` (the fixture world, loaded) comes from tests/conftest.py.
"""

from __future__ import annotations

import pytest

from game.match import Match

from .games import scripted_match


@pytest.fixture(scope="session")
def scripted(mini_content) -> Match:
    return scripted_match(mini_content)
