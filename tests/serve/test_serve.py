"""`python -m game serve`: the page over HTTP, the title screen over its websocket, and arguments."""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import time
import urllib.error
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
        self.host, self.port = host, port
        Recording.made.append(
            {"command": command, "host": host, "port": port, "title": title, "public_url": public_url}
        )

    def serve(self):
        pass


def _args(**kw):
    defaults = {"host": "127.0.0.1", "port": 8000, "public_url": None, "content": MINI, "max_sessions": 30}
    defaults["no_fork"] = True  # no warm parent for a server that is never started
    return argparse.Namespace(**(defaults | kw))


def test_a_network_host_warns_and_a_loopback_one_does_not(monkeypatch, capsys):
    pytest.importorskip("textual_serve")
    import textual_serve.server

    monkeypatch.setattr(textual_serve.server, "Server", Recording)
    monkeypatch.setattr(serve, "_cannot_listen", lambda host, port: "")  # no port is opened here
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)  # serve sets its own; put it back after
    Recording.made.clear()

    assert serve.run(_args()) == 0
    err = capsys.readouterr().err
    assert "warning" not in err and "http://127.0.0.1:8000/?facilitator=" in err  # the facilitator's link only
    assert serve.run(_args(host="0.0.0.0", port=8123)) == 0
    err = capsys.readouterr().err
    assert "warning: listening on 0.0.0.0" in err and "anyone" in err
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


# --- who may connect (issue 20) -----------------------------------------------------------------

ALLOWED = serve.allowed_hosts("127.0.0.1", 8000, None)


@pytest.mark.parametrize(
    "host, origin",
    [
        ("127.0.0.1:8000", None),  # a client that is no browser sends no Origin
        ("localhost:8000", "http://localhost:8000"),
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_the_served_address_and_loopback_are_answered(host, origin):
    assert serve.refusal(host, origin, ALLOWED) == ""


@pytest.mark.parametrize(
    "host, origin, words",
    [
        ("127.0.0.1:8000", "http://evil.example", "pages of 'http://evil.example' may not open"),
        ("127.0.0.1:8000", "http://127.0.0.1:9999", "may not open"),  # another local server's page
        ("127.0.0.1:8000", "null", "may not open"),  # a sandboxed frame or a file
        ("rebound.example:8000", None, "not Host 'rebound.example:8000'"),  # DNS rebinding
        ("rebound.example:8000", "http://rebound.example:8000", "not Host"),
        (None, None, "not Host None"),
        ("127.0.0.1:x", None, "not Host"),
    ],
)
def test_other_sites_and_rebound_names_are_refused(host, origin, words):
    assert words in serve.refusal(host, origin, ALLOWED)


def test_a_public_url_is_answered_too():
    allowed = serve.allowed_hosts("0.0.0.0", 8000, "http://classroom.local:8000")
    assert serve.refusal("classroom.local:8000", "http://classroom.local:8000", allowed) == ""
    assert serve.refusal("127.0.0.1:8000", None, allowed) == ""
    assert serve.refusal("0.0.0.0:8000", None, allowed) != ""


def _status(url: str, **headers) -> int:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


async def _ws_status(port: int, **headers) -> int:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(f"ws://127.0.0.1:{port}/ws", headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as err:
            return err.status


def test_a_served_game_refuses_other_sites_pages_and_websockets(served):
    assert _status(served.url) == 200
    assert _status(served.url, Host="rebound.example") == 403
    assert _status(f"{served.url}static/js/textual.js", Host="rebound.example") == 403
    assert asyncio.run(_ws_status(served.port, Origin="http://evil.example")) == 403
    assert asyncio.run(_ws_status(served.port, Origin=f"http://127.0.0.1:{served.port}")) == 101
    output = served.output()
    assert "Traceback" not in output
    assert "/?facilitator=" in output  # the facilitator's link, in the terminal only


@pytest.mark.parametrize("serve_args", [["--max-sessions", "1"]])
def test_games_beyond_the_cap_are_refused(served):
    async def two():
        import aiohttp

        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(f"ws://127.0.0.1:{served.port}/ws") as first,
        ):
            await first.receive(timeout=30)  # the first game is running
            second = await _ws_status(served.port)
        third = 0
        for _ in range(50):  # the first closed: its place is free again
            third = await _ws_status(served.port)
            if third == 101:
                break
            await asyncio.sleep(0.1)
        return second, third

    assert asyncio.run(two()) == (503, 101)


def test_the_page_gives_each_browser_a_session_cookie(served):
    with urllib.request.urlopen(served.url, timeout=5) as response:
        cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{serve.SESSION_COOKIE}=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie


class _Request:
    def __init__(self, cookies):
        self.cookies = cookies


def test_each_browser_plays_in_its_own_saves_folder_and_the_facilitator_sees_all(tmp_path):
    pytest.importorskip("textual_serve")
    server = serve._server_class()(
        "x", host="127.0.0.1", port=8000, content=MINI, saves=tmp_path, max_sessions=2, facilitator="f" * 32
    )
    a, b = "a" * 43, "b" * 43
    command_a = server.command_for(_Request({serve.SESSION_COOKIE: a}))
    command_b = server.command_for(_Request({serve.SESSION_COOKIE: b}))
    folder_a, folder_b = serve.session_folder(tmp_path, a), serve.session_folder(tmp_path, b)
    assert f"--saves {folder_a}" in command_a and f"--saves {folder_b}" in command_b and folder_a != folder_b
    assert a not in str(folder_a)  # the folder's name does not give the cookie away
    assert f"SILICON_CURTAIN_TABLES={tmp_path / 'tables'}" in command_a  # tables are shared
    assert "ALL_SAVES" not in command_a
    lone = server.command_for(_Request({}))  # no cookie: a folder of its own
    assert f"--saves {tmp_path / 'sessions'}" in lone and str(folder_a) not in lone
    forged = server.command_for(_Request({serve.FACILITATOR_COOKIE: "g" * 32, serve.SESSION_COOKIE: a}))
    assert "ALL_SAVES" not in forged
    facilitator = server.command_for(_Request({serve.FACILITATOR_COOKIE: "f" * 32}))
    assert "SILICON_CURTAIN_ALL_SAVES=1" in facilitator and facilitator.endswith(f"--saves {tmp_path}")


@pytest.fixture
def bot_game_path(tmp_path, mini, mini_content):
    from game.match import Match
    from game.saves.store import write_save

    match = Match.start(mini, 3, {}, mini_content.fingerprint)
    match.play()
    return write_save(match, tmp_path / "source.toml")


def test_the_facilitators_list_holds_every_browsers_saves(tmp_path, monkeypatch, bot_game_path):
    from game.saves.store import list_saves

    tmp_path = tmp_path / "saves"
    mine = serve.session_folder(tmp_path, "a" * 43)
    theirs = serve.session_folder(tmp_path, "b" * 43)
    for folder in (mine, theirs):
        folder.mkdir(parents=True)
        (folder / "game.toml").write_bytes(bot_game_path.read_bytes())
    assert [e.path for e in list_saves(mine)] == [mine / "game.toml"]
    assert list_saves(tmp_path) == []
    monkeypatch.setenv("SILICON_CURTAIN_ALL_SAVES", "1")
    assert {e.path for e in list_saves(tmp_path)} == {mine / "game.toml", theirs / "game.toml"}
