"""`bench --serve N`: a class's browser tabs against `serve`, on this machine.

Starts `python -m game serve` on a free localhost port, with saves in a folder of its own,
and opens N websockets as N browser tabs do, all at once. Each waits for the title's first
frame; then, once every tab is up and the game processes are idle (steady state: their work
after the first frame done), each presses `n` at its own moment spread over a few seconds
and waits for the new-game form, filled in. Reports first-frame and key-to-screen
percentiles, the CPU a key cost in the game processes and in serve's own (which relays the
frames), the peak of the summed RSS and PSS of serve's game processes, its warm parent
included (read from /proc), and each tab's error.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .bench_keys import percentile
from .common import fail

ROOT = Path(__file__).resolve().parents[2]
SIZE = "width=100&height=30"
TITLE = "quarter by quarter"  # the title's tagline
FORM = "Who plays each seat"  # the new-game form, once its content is in
SPREAD_S = 4.0  # the tabs' keys come over this many seconds
FIRST_FRAME_TIMEOUT_S, KEY_TIMEOUT_S = 90.0, 30.0
SETTLE_MAX_S, IDLE_CORES = 60.0, 0.1  # steady: all game processes together under a tenth of a core
# (key, what the screen then shows), in turn: the measure, one key a tab.
KEYS = (("n", FORM),)
ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def screen_text(raw: bytes) -> str:
    """The text in the terminal output `raw`, escape sequences dropped."""
    return ANSI.sub("", raw.decode("utf-8", "replace"))


def run_serve(args) -> int:
    if args.serve < 1:
        return fail(f"--serve must be 1 or more tabs, got {args.serve}")
    try:
        import aiohttp  # noqa: F401
    except ImportError:
        return fail("bench --serve needs textual-serve: pip install -e '.[serve]' (make does this)")
    if not args.content.is_dir():
        return fail(f"--content {args.content}: no such folder")
    try:
        figures = measure(args.serve, args.content)
    except ServeFailed as err:
        return fail(str(err))
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        _print(figures)
    return 1 if figures["errors"] else 0


class ServeFailed(Exception):
    pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure(tabs: int, content: Path) -> dict:
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as saves:
        env = dict(os.environ, SILICON_CURTAIN_SAVES=saves, PYTHONPATH=str(ROOT))
        command = [sys.executable, "-m", "game", "serve", "--port", str(port), "--content", str(content)]
        server = subprocess.Popen(
            [*command, "--max-sessions", str(max(tabs, 30))],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait_for(server, port)
            return asyncio.run(_class(tabs, port, server.pid))
        finally:
            _stop(server)


def _wait_for(server: subprocess.Popen, port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        if server.poll() is not None:
            said = (server.stderr.read().decode(errors="replace").strip().splitlines() if server.stderr else []) or [
                "no output"
            ]
            raise ServeFailed(f"bench --serve: serve exited with {server.returncode}: {said[-1]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise ServeFailed(f"bench --serve: serve did not answer within {seconds:.0f} s") from None
            time.sleep(0.1)


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)  # as a teacher stops it: the tabs' processes go too
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)


def game_rss_mb(pid: int) -> float:
    """The summed RSS of every process under `pid` (not `pid` itself), in MB; 0 without /proc."""
    total = 0
    for child in _descendants(pid):
        try:
            with open(f"/proc/{child}/statm") as statm:
                total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue  # gone since it was listed
    return total / 2**20


def game_pss_mb(pid: int) -> float:
    """The summed proportional set size (PSS) of every process under `pid`, in MB: a page
    shared by n processes counts 1/n in each, so forks of one parent are not counted many
    times over, as RSS counts them. 0 without /proc/PID/smaps_rollup (Linux 4.14)."""
    total = 0
    for child in _descendants(pid):
        try:
            with open(f"/proc/{child}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, ValueError, IndexError, StopIteration):
            continue
    return total / 1024


def game_cpu_s(pid: int) -> float:
    """The summed CPU seconds of every process under `pid`; 0 without /proc."""
    return sum(process_cpu_s(child) for child in _descendants(pid))


def process_cpu_s(pid: int) -> float:
    """The CPU seconds process `pid` has used (user and system); 0 when it is gone or without /proc."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    except (OSError, ValueError, IndexError):
        return 0.0


def _descendants(pid: int) -> list[int]:
    found, todo = [], _children(pid)
    while todo:
        child = todo.pop()
        found.append(child)
        todo += _children(child)
    return found


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as children:
                found += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            continue
    return found


class _Count:
    """Tabs that have reached a point (or never will); `all` is set once every tab has."""

    def __init__(self, tabs: int):
        self.left = tabs
        self.all = asyncio.Event()

    def one(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.all.set()


async def _class(tabs: int, port: int, server_pid: int) -> dict:
    peak = peak_pss = 0.0
    up, keyed = _Count(tabs), _Count(tabs)

    async def watch_memory() -> None:
        nonlocal peak, peak_pss
        while True:
            peak = max(peak, game_rss_mb(server_pid))
            peak_pss = max(peak_pss, game_pss_mb(server_pid))
            await asyncio.sleep(0.25)

    async def settle() -> None:
        """Once every tab is up: until the game processes are idle (or a minute has passed)."""
        await up.all.wait()
        start = time.perf_counter()
        cpu, wall, quiet = game_cpu_s(server_pid), start, 0
        while quiet < 3 and time.perf_counter() - start < SETTLE_MAX_S:  # idle for 1.5 s on end
            await asyncio.sleep(0.5)
            now_cpu, now = game_cpu_s(server_pid), time.perf_counter()
            quiet = quiet + 1 if (now_cpu - cpu) / (now - wall) < IDLE_CORES else 0
            cpu, wall = now_cpu, now
        settled["s"] = time.perf_counter() - start
        cpu_before.update(games=game_cpu_s(server_pid), relay=process_cpu_s(server_pid))
        steady.set()
        await keyed.all.wait()  # read before the tabs close and their processes (and CPU counts) go
        cpu_after.update(games=game_cpu_s(server_pid), relay=process_cpu_s(server_pid))
        counted.set()

    settled: dict[str, float] = {}
    cpu_before: dict[str, float] = {}
    cpu_after: dict[str, float] = {}
    steady, counted = asyncio.Event(), asyncio.Event()
    watcher = asyncio.create_task(watch_memory())
    settler = asyncio.create_task(settle())
    try:
        results = await asyncio.gather(*(_tab(i, tabs, port, up, steady, keyed, counted) for i in range(tabs)))
    finally:
        watcher.cancel()
        settler.cancel()
    peak = max(peak, game_rss_mb(server_pid))
    peak_pss = max(peak_pss, game_pss_mb(server_pid))
    firsts = [r["first_frame_s"] for r in results if r["first_frame_s"] is not None]
    keys = [s for r in results for s in r["keys_s"]]
    return {
        "tabs": tabs,
        "first_frame_s": _spread(firsts),
        "key_to_screen_s": _spread(keys),
        "settle_s": round(settled.get("s", 0.0), 1),
        "cpu_per_key_s": _cpu_per_key(cpu_before, cpu_after, len(keys)),
        "memory": {"peak_mb": round(peak, 1), "per_tab_mb": round(peak / tabs, 1), "peak_pss_mb": round(peak_pss, 1)},
        "errors": [r["error"] for r in results if r["error"]],
    }


def _cpu_per_key(before: dict[str, float], after: dict[str, float], keys: int) -> dict:
    """CPU seconds a key cost, from steady state to the last answer: in the game processes,
    and in serve's own process, which relays each tab's frames to its websocket."""
    if not before or not after or not keys:
        return {"games": None, "relay": None}
    return {part: round((after[part] - before[part]) / keys, 3) for part in ("games", "relay")}


def _spread(values: list[float]) -> dict:
    if not values:
        return {"p50": None, "p95": None, "max": None, "n": 0}
    return {
        "p50": round(percentile(values, 50), 3),
        "p95": round(percentile(values, 95), 3),
        "max": round(max(values), 3),
        "n": len(values),
    }


async def _tab(
    index: int, tabs: int, port: int, up: _Count, steady: asyncio.Event, keyed: _Count, counted: asyncio.Event
) -> dict:
    """One browser tab: its first frame, its keys, or what went wrong (named by tab)."""
    import aiohttp

    result: dict = {"first_frame_s": None, "keys_s": [], "error": ""}
    is_up = has_keyed = False
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(f"ws://127.0.0.1:{port}/ws?{SIZE}", timeout=aiohttp.ClientWSTimeout(ws_close=5)) as ws,
        ):
            start = time.perf_counter()
            await _until(ws, TITLE, start + FIRST_FRAME_TIMEOUT_S)
            result["first_frame_s"] = time.perf_counter() - start
            up.one()
            is_up = True
            await _read_while(ws, lambda: not steady.is_set(), FIRST_FRAME_TIMEOUT_S + SETTLE_MAX_S)
            moment = time.perf_counter() + SPREAD_S * index / tabs  # each tab's moment in the spread
            await _read_while(ws, lambda: time.perf_counter() < moment, SPREAD_S + 1)
            for key, shows in KEYS:
                start = time.perf_counter()
                await ws.send_str(json.dumps(["stdin", key]))
                await _until(ws, shows, start + KEY_TIMEOUT_S)
                result["keys_s"].append(time.perf_counter() - start)
            keyed.one()
            has_keyed = True
            await _read_while(ws, lambda: not counted.is_set(), KEY_TIMEOUT_S * len(KEYS) + SPREAD_S + 1)
    except (TimeoutError, asyncio.TimeoutError) as err:
        result["error"] = f"tab {index + 1}: {err or 'timed out'}"
    except (aiohttp.ClientError, OSError) as err:
        result["error"] = f"tab {index + 1}: {err}"
    finally:
        if not is_up:
            up.one()  # a tab that never came up does not hold the others back
        if not has_keyed:
            keyed.one()
    return result


async def _read_while(ws, waiting, seconds: float) -> None:
    """Read (and drop) frames while `waiting()`, as a browser tab does: one that stops reading
    answers no ping, and the server closes it."""
    import aiohttp

    deadline = time.perf_counter() + seconds
    while waiting():
        if time.perf_counter() > deadline:
            raise TimeoutError("the other tabs never came up")
        try:
            msg = await ws.receive(timeout=0.1)
        except (TimeoutError, asyncio.TimeoutError):
            continue
        if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            raise OSError("the websocket closed while the other tabs came up")


async def _until(ws, text: str, deadline: float) -> None:
    """Read frames until `text` shows in the ones read since the call."""
    import aiohttp

    raw = b""
    while text not in screen_text(raw):
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"{text!r} not shown")
        msg = await ws.receive(timeout=left)
        if msg.type == aiohttp.WSMsgType.BINARY:
            raw += msg.data
        elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            raise OSError(f"the websocket closed before {text!r} showed")


def _print(figures: dict) -> None:
    first, keys, memory = figures["first_frame_s"], figures["key_to_screen_s"], figures["memory"]

    def shown(spread: dict) -> str:
        if not spread["n"]:
            return "none measured"
        return f"p50 {spread['p50']:.2f} s, p95 {spread['p95']:.2f} s, max {spread['max']:.2f} s ({spread['n']})"

    print(f"serve with {figures['tabs']} tabs (targets for 30: first frame <= 10 s, key p95 < 1 s, memory < 2 GB)")
    print(f"  first frame:   {shown(first)}")
    print(f"  then idle after {figures['settle_s']:.1f} s; each tab pressed a key within {SPREAD_S:g} s")
    print(f"  key to screen: {shown(keys)}")
    cpu = figures["cpu_per_key_s"]
    if cpu["games"] is not None:
        print(f"  CPU a key: {cpu['games']:.3f} s in the game processes, {cpu['relay']:.3f} s in serve's relay")
    print(
        f"  game processes' peak RSS: {memory['peak_mb']:.0f} MB ({memory['per_tab_mb']:.0f} MB a tab); "
        f"PSS, shared pages counted once: {memory['peak_pss_mb']:.0f} MB"
    )
    print(f"  errors: {len(figures['errors'])}")
    for error in figures["errors"]:
        print(f"    {error}")
