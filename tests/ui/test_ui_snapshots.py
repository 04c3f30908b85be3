"""Pictures of the title, orders, report and end screens at 80x24 and 120x40, fixed seed.

Regenerate after a deliberate change with `pytest tests/ui/test_ui_snapshots.py
--snapshot-update` and look at the SVG files in __snapshots__ before committing them.
"""

from __future__ import annotations

import pytest
from game_pilot import new_app, play_to_end, screen_name, start_game

SIZES = [(80, 24), (120, 40)]


async def _orders(pilot) -> None:
    await start_game(pilot, humans=("vendor",))
    for key in ("enter", "enter", "o"):  # the opening, the briefing, the news
        await pilot.press(key)
        await pilot.pause()
    await pilot.press("space")  # Lobby Commerce chosen, so the picture shows a choice made
    assert screen_name(pilot.app) == "OrdersScreen"


async def _report(pilot) -> None:
    await _orders(pilot)
    await pilot.press("s")
    await pilot.pause()
    assert screen_name(pilot.app) == "ReportScreen"


async def _end(pilot) -> None:
    await start_game(pilot, humans=("vendor",))
    await play_to_end(pilot)
    assert screen_name(pilot.app) == "EndScreen"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_title(snap_compare, size):
    assert snap_compare(new_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_orders(snap_compare, size):
    assert snap_compare(new_app(), terminal_size=size, run_before=_orders)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_report(snap_compare, size):
    assert snap_compare(new_app(), terminal_size=size, run_before=_report)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_end(snap_compare, size):
    assert snap_compare(new_app(), terminal_size=size, run_before=_end)
