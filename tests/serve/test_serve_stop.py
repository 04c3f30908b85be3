"""`serve` stops promptly with browser tabs open: a teacher's Ctrl+C (or a service manager's
SIGTERM) must not wait for each tab's game to notice, nor for the server's grace period."""

from __future__ import annotations

import asyncio
import signal
import time

import pytest

from .frames import TAGLINE, screen_text

STOP_SECONDS = 2.0


async def stop_with_a_tab_open(served, how: int) -> float:
    """Open a tab's websocket, wait for its title screen, signal the server while the tab
    is still connected; the seconds until the server has exited."""
    import aiohttp

    raw = b""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width=100&height=30") as ws,
    ):
        deadline = time.monotonic() + 30
        while TAGLINE not in screen_text(raw) and time.monotonic() < deadline:
            msg = await ws.receive(timeout=30)
            if msg.type != aiohttp.WSMsgType.BINARY:
                break
            raw += msg.data
        assert TAGLINE in screen_text(raw), "the tab's game never painted its title"
        served.process.send_signal(how)
        started = time.monotonic()
        while served.process.poll() is None and time.monotonic() - started < 30:
            await asyncio.sleep(0.02)
        return time.monotonic() - started


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_stops_within_two_seconds_with_a_tab_open(served, how):
    took = asyncio.run(stop_with_a_tab_open(served, how))
    assert served.process.poll() is not None, "serve is still running 30 s after the signal"
    assert took < STOP_SECONDS, f"serve took {took:.1f} s to stop with a tab open"
    assert served.process.returncode == 0
    assert "Traceback" not in served.output()
