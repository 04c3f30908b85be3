"""`serve`'s warm parent: each tab's game a fork of one process that has the game loaded.

Driven as browsers drive it, over the websocket of a real `serve`; the processes are found
under /proc (Linux), where fork is the way `serve` starts games.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from pathlib import Path

import pytest

from game.commands import serve
from game.commands.bench_serve import _children

from .frames import TAGLINE, screen_text

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the games' processes in /proc")
SECONDS = 30
FORM = "Who plays each seat"


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def warm_parent(served) -> int:
    found = [pid for pid in _children(served.process.pid) if "game.commands.forkserver" in command_line(pid)]
    assert len(found) == 1, f"serve's children: {[command_line(p) for p in _children(served.process.pid)]}"
    return found[0]


def gone(pid: int, seconds: float = 5) -> bool:
    """True once `pid` has ended (a zombie waiting for its parent counts as ended)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


class Tab:
    """A browser tab: its websocket, and the screen text read since the last key."""

    def __init__(self, ws):
        self.ws = ws
        self.raw = b""

    async def until(self, text: str, seconds: float = SECONDS) -> str:
        import aiohttp

        deadline = time.monotonic() + seconds
        while text not in screen_text(self.raw):
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} never showed; the tab shows:\n{screen_text(self.raw)[-1500:]}"
            msg = await self.ws.receive(timeout=left)
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.raw += msg.data
            elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                raise AssertionError(f"the tab closed before {text!r} showed")
        return screen_text(self.raw)

    async def press(self, key: str) -> None:
        self.raw = b""
        await self.ws.send_str(json.dumps(["stdin", key]))

    async def closed(self, seconds: float = SECONDS) -> bool:
        import aiohttp

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                msg = await self.ws.receive(timeout=deadline - time.monotonic())
            except asyncio.TimeoutError:
                return False
            if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                return True
        return False


def open_tab(session, served, cookie: str = "", width: int = 100):
    headers = {"Cookie": f"{serve.SESSION_COOKIE}={cookie}"} if cookie else {}
    return session.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width={width}&height=30", headers=headers)


def test_a_forked_tab_shows_the_title_and_answers_a_key(served):
    import aiohttp

    async def play() -> list[int]:
        async with aiohttp.ClientSession() as session, open_tab(session, served) as ws:
            tab = Tab(ws)
            await tab.until(TAGLINE)
            games = _children(warm_parent(served))
            await tab.press("n")
            await tab.until(FORM)
            return games

    games = asyncio.run(play())
    assert len(games) == 1, "the tab's game is not a child of the warm parent"
    assert "Traceback" not in served.output()


def test_two_browsers_keep_their_own_saves_folders(served, tmp_path):
    import aiohttp

    a, b = "a" * 43, "b" * 43

    async def folder_shown(session, cookie: str) -> str:
        async with open_tab(session, served, cookie, width=250) as ws:
            tab = Tab(ws)
            await tab.until(TAGLINE)
            await tab.press("l")
            return await tab.until("Saves in ")

    async def both() -> tuple[str, str]:
        async with aiohttp.ClientSession() as session:
            return await asyncio.gather(folder_shown(session, a), folder_shown(session, b))

    shown_a, shown_b = asyncio.run(both())
    saves = tmp_path / "saves"
    name_a, name_b = serve.session_folder(saves, a).name, serve.session_folder(saves, b).name
    assert name_a in shown_a and name_b not in shown_a
    assert name_b in shown_b and name_a not in shown_b


def test_a_killed_game_leaves_the_server_serving(served):
    import aiohttp

    async def play() -> None:
        parent = warm_parent(served)
        async with aiohttp.ClientSession() as session:
            async with open_tab(session, served) as ws:
                tab = Tab(ws)
                await tab.until(TAGLINE)
                (game,) = _children(parent)
                os.kill(game, signal.SIGKILL)
                assert await tab.closed(), "the tab stayed open with its game killed"
            assert gone(game)
            async with open_tab(session, served) as ws:  # the next tab is served, by a fork still
                tab = Tab(ws)
                await tab.until(TAGLINE)
                assert len(_children(parent)) == 1
                await tab.press("n")
                await tab.until(FORM)

    asyncio.run(play())
    assert served.process.poll() is None


def test_stopping_serve_stops_the_games_and_the_warm_parent(served):
    import aiohttp

    async def open_then_stop() -> tuple[int, list[int]]:
        async with aiohttp.ClientSession() as session, open_tab(session, served) as ws:
            await Tab(ws).until(TAGLINE)
            parent = warm_parent(served)
            games = _children(parent)
            assert served.stop() == 0
            return parent, games

    parent, games = asyncio.run(open_then_stop())
    assert len(games) == 1
    assert gone(parent) and all(gone(game) for game in games)


def test_without_the_warm_parent_a_tab_gets_a_game_of_its_own(served):
    """The parent gone (killed by hand, say): a tab's game starts as a process of its own."""
    import aiohttp

    parent = warm_parent(served)
    os.kill(parent, signal.SIGKILL)
    assert gone(parent)

    async def play() -> None:
        async with aiohttp.ClientSession() as session, open_tab(session, served) as ws:
            tab = Tab(ws)
            await tab.until(TAGLINE)
            await tab.press("n")
            await tab.until(FORM)

    asyncio.run(play())
    assert served.process.poll() is None


@pytest.mark.parametrize("serve_args", [["--no-fork"]])
def test_no_fork_starts_each_game_on_its_own(served):
    import aiohttp

    async def play() -> list[str]:
        async with aiohttp.ClientSession() as session, open_tab(session, served) as ws:
            await Tab(ws).until(TAGLINE)
            return [command_line(pid) for pid in _children(served.process.pid)]

    children = asyncio.run(play())
    assert children and not any("forkserver" in c for c in children)


def _asked(payload: bytes, fds: list[int]):
    """What the warm parent reads from a connection that sent `payload` with `fds`."""
    import socket

    from game.commands.forkserver import _read_request

    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    with ours, theirs:
        if fds:
            socket.send_fds(ours, [payload], fds)
        else:
            ours.sendall(payload)
        ours.shutdown(socket.SHUT_WR)
        request, got = _read_request(theirs)
    for fd in got:
        os.close(fd)
    return request, len(got)


def test_the_warm_parent_reads_a_request_and_refuses_what_is_not_one():
    body = json.dumps({"env": {"A": "1"}, "argv": ["play"], "cwd": "/"}).encode()
    with open(os.devnull) as null:
        three = [null.fileno()] * 3
        assert _asked(len(body).to_bytes(4, "big") + body, three) == (
            {"env": {"A": "1"}, "argv": ["play"], "cwd": "/"},
            3,
        )
        assert _asked(len(body).to_bytes(4, "big") + body, []) == (None, 0)  # no stdin, stdout, stderr
        assert _asked(len(body).to_bytes(4, "big") + body[:-3], three)[0] is None  # cut short
        assert _asked((1 << 30).to_bytes(4, "big") + body, three)[0] is None  # too long to be one
        bad = json.dumps({"env": {"A": 1}, "argv": ["play"], "cwd": "/"}).encode()
        assert _asked(len(bad).to_bytes(4, "big") + bad, three)[0] is None  # not text
        assert _asked(b"\0\0\0\2{]", three)[0] is None  # not JSON
