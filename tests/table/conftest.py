"""Fixtures of the table tests: a tables database, and screens that look at it often."""

from __future__ import annotations

import pytest

from game.ui import app as app_module
from game.ui.screens import table_common


@pytest.fixture(autouse=True)
def quick_watch(monkeypatch):
    """The screens look at the table every tenth of a second, so a test waits little."""
    monkeypatch.setattr(table_common, "POLL_SECONDS", 0.1)
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "tables.sqlite3"
