"""A real browser opens the served game and shows the title screen (headless Chromium).

The page is an xterm.js terminal drawn on a canvas, so the text is not in the DOM. The test
drives Chromium over the DevTools protocol (a websocket, from Python alone) and checks three
things: the frames the page received over its own websocket paint the title screen; the page
script wrote them into the terminal (body class `-first-byte`) and the socket stayed open;
and a screenshot of the page has the title's layout painted on it. Skipped, saying why, on
machines without Chromium (`apt-get install chromium`).
"""

from __future__ import annotations

import asyncio
import base64
import shutil
import struct
import subprocess
import time
import urllib.request
import zlib
from collections import Counter
from pathlib import Path

import pytest

from .frames import TAGLINE, screen_text

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no `chromium` on PATH (apt-get install -y chromium); "
    "the served page is checked over HTTP and websocket only",
)
SECONDS = 60


@pytest.fixture
def browser(tmp_path):
    profile = tmp_path / "profile"
    process = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--window-size=1200,800",
            # Nothing but this machine: the page asks Google for a web font, which must not leave it.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + SECONDS
        while not (port_file.exists() and port_file.read_text().strip()):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"chromium did not start its DevTools endpoint (exit {process.poll()})")
            time.sleep(0.05)
        yield int(port_file.read_text().split()[0])
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


class DevTools:
    """Just enough of the Chrome DevTools protocol: commands with replies, and events."""

    def __init__(self, ws):
        self.ws = ws
        self.n = 0
        self.events: list[dict] = []

    async def call(self, method: str, **params) -> dict:
        self.n += 1
        ask = self.n
        await self.ws.send_json({"id": ask, "method": method, "params": params})
        while True:
            msg = await self.ws.receive_json(timeout=SECONDS)
            if msg.get("id") == ask:
                if "error" in msg:
                    raise AssertionError(f"{method}: {msg['error']}")
                return msg["result"]
            self.events.append(msg)

    async def until(self, done, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                self.events.append(await self.ws.receive_json(timeout=left))
            except asyncio.TimeoutError:
                return False
        return True


def received_by_page(events) -> bytes:
    """The bytes the page's own websocket received from the served game."""
    out = b""
    for e in events:
        if e.get("method") == "Network.webSocketFrameReceived":
            frame = e["params"]["response"]
            if frame["opcode"] == 2:
                out += base64.b64decode(frame["payloadData"])
    return out


async def open_in_browser(devtools_port: int, url: str) -> tuple[str, str, bytes]:
    import aiohttp

    with urllib.request.urlopen(f"http://127.0.0.1:{devtools_port}/json/list", timeout=10) as response:
        import json

        page = next(t for t in json.load(response) if t["type"] == "page")
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws,
    ):
        tools = DevTools(ws)
        await tools.call("Network.enable")
        await tools.call("Page.enable")
        await tools.call("Page.navigate", url=url)
        await tools.until(lambda: TAGLINE in screen_text(received_by_page(tools.events)), SECONDS)
        text = screen_text(received_by_page(tools.events))
        # Let the terminal draw what it received before looking at it.
        await tools.until(lambda: False, 1.5)
        body = await tools.call(
            "Runtime.evaluate",
            expression=("document.body.className + '|' + document.querySelectorAll('.xterm-screen canvas').length"),
        )
        # A reduced copy: enough to see the layout, and quick to decode in pure Python.
        metrics = await tools.call("Page.getLayoutMetrics")
        view = metrics["cssVisualViewport"]
        shot = await tools.call(
            "Page.captureScreenshot",
            format="png",
            clip={"x": 0, "y": 0, "width": view["clientWidth"], "height": view["clientHeight"], "scale": 0.4},
        )
    return text, body["result"]["value"], base64.b64decode(shot["data"])


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) pixels of an 8-bit PNG, as Chromium writes them."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            size = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * size
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up, corner = previous[i], previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(r[i : i + 3]) for r in rows for i in range(0, stride, size)]


def test_a_browser_tab_shows_the_title_screen(served, browser, tmp_path):
    text, body, png = asyncio.run(open_in_browser(browser, served.url))
    Path(tmp_path / "title.png").write_bytes(png)  # kept with the test's tmp files, to look at on failure

    assert TAGLINE in text and "New game" in text and "Quit" in text
    classes, canvases = body.split("|")
    assert "-first-byte" in classes.split(), body  # the page wrote the game's output into xterm.js
    assert "-closed" not in classes.split(), body  # and the game is still connected
    assert int(canvases) >= 1

    width, height, pixels = png_pixels(png)
    background, _ = Counter(pixels).most_common(1)[0]
    painted = [i for i, p in enumerate(pixels) if p != background]
    assert 0.005 < len(painted) / len(pixels) < 0.5, len(painted) / len(pixels)  # text, not a blank or an error
    rows = {i // width for i in painted}
    # The title's layout: the banner and menu around the middle, the key footer on the last line.
    assert any(height * 0.2 < y < height * 0.7 for y in rows)
    assert any(y > height * 0.9 for y in rows)
