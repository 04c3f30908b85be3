"""`python -m game serve`: the page over HTTP, the title screen over its websocket, and arguments."""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from game.commands import serve

from .frames import TAGLINE, screen_text

ROOT = Path(__file__).parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


async def read_screen(port: int, until: str, seconds: float = 30) -> str:
    """What the served app paints for one browser, read off the websocket a tab would open."""
    import aiohttp

    raw = b""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=100&height=30") as ws,
    ):
        deadline = time.monotonic() + seconds
        while until not in screen_text(raw):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                msg = await ws.receive(timeout=left)
            except asyncio.TimeoutError:
                break
            if msg.type == aiohttp.WSMsgType.BINARY:
                raw += msg.data
            elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
    return screen_text(raw)


def test_serve_answers_with_the_page_and_the_title_screen_then_stops(served):
    with urllib.request.urlopen(served.url, timeout=5) as response:
        assert response.status == 200
        html = response.read().decode()
    assert "Silicon Curtain" in html  # the page names the game, not textual-serve's default
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in html
    with urllib.request.urlopen(f"{served.url}static/js/textual.js", timeout=5) as script:
        assert script.status == 200 and b"xterm" in script.read(2_000_000).lower()
    # The page's websocket runs one game process for this tab: it paints the title screen.
    text = asyncio.run(read_screen(served.port, TAGLINE))
    assert TAGLINE in text, text[-2000:]
    assert "New game" in text
    assert served.stop() == 0
    output = served.output()
    assert f"on http://127.0.0.1:{served.port}" in output
    assert "Traceback" not in output


def test_a_port_out_of_range_is_one_line_and_exit_2():
    result = subprocess.run(
        [sys.executable, "-m", "game", "serve", "--port", "70000"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "--port: must be a number from 1 to 65535, not '70000'" in result.stderr


def test_a_port_in_use_is_one_line_and_a_failure(tmp_path):
    pytest.importorskip("textual_serve")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "game", "serve", "--port", str(port), "--content", str(MINI)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert result.stdout == ""  # no banner for a server that never started


def test_a_missing_content_folder_is_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "game", "serve", "--content", str(tmp_path / "nope")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "no such folder" in result.stderr


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("10.0.0.1", False),
    ],
)
def test_loopback_hosts_are_told_apart(host, loopback):
    assert serve.is_loopback(host) is loopback


class Recording:
    """Stands in for textual-serve's Server, to see how serve sets it up without opening a port."""

    made: list = []

    def __init__(self, command, host, port, title, public_url):
        Recording.made.append(
            {"command": command, "host": host, "port": port, "title": title, "public_url": public_url}
        )

    def serve(self):
        pass


def _args(**kw):
    defaults = {"host": "127.0.0.1", "port": 8000, "public_url": None, "content": MINI}
    return argparse.Namespace(**(defaults | kw))


def test_a_network_host_warns_and_a_loopback_one_does_not(monkeypatch, capsys):
    pytest.importorskip("textual_serve")
    import textual_serve.server

    monkeypatch.setattr(textual_serve.server, "Server", Recording)
    monkeypatch.setattr(serve, "_cannot_listen", lambda host, port: "")  # no port is opened here
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)  # serve sets its own; put it back after
    Recording.made.clear()

    assert serve.run(_args()) == 0
    assert capsys.readouterr().err == ""
    assert serve.run(_args(host="0.0.0.0", port=8123)) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "warning: listening on 0.0.0.0" in err and "anyone" in err
    local, network = Recording.made
    assert local["host"] == "127.0.0.1" and local["public_url"] is None
    # Browsers elsewhere cannot open 0.0.0.0: the page points them at this machine's name.
    assert network["public_url"] == f"http://{socket.gethostname()}:8123"
    assert local["title"] == "Silicon Curtain"


def test_each_tab_runs_this_python_on_the_given_content(tmp_path):
    spaced = tmp_path / "my content"
    spaced.mkdir()
    command = serve.app_command(spaced)
    assert command.startswith(sys.executable)
    assert command.endswith(f"-m game play --content '{spaced}'")  # quoted: the shell runs it


def test_serve_is_a_command(capsys):
    from game.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    assert Path(args.content).name == "content"
