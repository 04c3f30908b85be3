"""`serve`'s side of the warm parent (forkserver.py): start it, ask it for a tab's game, stop it.

Each tab's game is then a fork of a process that has everything imported and the content
loaded. Measured with `bench --serve 30` on a 2-core machine: the first frames came in
2.4 s at the 95th percentile instead of 9-11 s, and the games took 0.68 GB (PSS, shared
pages counted once) instead of 1.15 GB. A key costs the same CPU either way (0.21-0.24 s
for `n`, since its form is one list): 30 keys within 4 s are answered at p95 0.17-0.33 s.
Where fork is not to be had (not POSIX, no UNIX sockets) or the parent has gone, a tab's
game is a process of its own as before (`app_command`), so nothing the plain path allows
is refused; `serve --no-fork` asks for that path.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

FORK_AVAILABLE = hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and hasattr(socket, "send_fds")
STOP_S = 0.5  # the parent's time to end its games when serve stops


class ForkServer:
    """The warm parent, as `serve` holds it: its socket and its process."""

    def __init__(self, content: Path, env: dict[str, str]):
        """Listen first, then start the parent: a tab that comes while it warms up waits in
        the socket's queue instead of being refused."""
        self.folder = tempfile.TemporaryDirectory(prefix="silicon-curtain-serve-")
        os.chmod(self.folder.name, 0o700)  # only this user may ask for games
        self.path = str(Path(self.folder.name) / "games.sock")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.path)
        listener.listen(128)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "game.commands.forkserver", str(listener.fileno()), str(content.resolve())],
                stdin=subprocess.PIPE,  # the lifeline: closed when serve goes, however it goes
                pass_fds=[listener.fileno()],
                env=env,
            )
        finally:
            listener.close()

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(STOP_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(STOP_S)
        with contextlib.suppress(OSError):
            if self.process.stdin:
                self.process.stdin.close()
        self.folder.cleanup()


_WATCHING: set[asyncio.Task] = set()


class ForkedGame:
    """A tab's game forked by the warm parent, looking to textual-serve as its own process
    does (`asyncio.subprocess.Process`: stdin, stdout, stderr, returncode, kill, wait)."""

    def __init__(self, control: asyncio.StreamWriter, stdin, stdout, stderr, pid: int, said: asyncio.StreamReader):
        self.control = control
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self.pid = pid
        self.returncode: int | None = None
        self._ended = asyncio.create_task(self._watch(said))
        _WATCHING.add(self._ended)  # asyncio keeps only a weak reference to a task
        self._ended.add_done_callback(_WATCHING.discard)

    async def _watch(self, said: asyncio.StreamReader) -> None:
        with contextlib.suppress(OSError, ValueError, asyncio.IncompleteReadError):
            line = await said.readline()
            if line.startswith(b"exit "):
                self.returncode = int(line.split()[1])
        if self.returncode is None:
            self.returncode = -9  # the parent went, or killed it
        self.stdin.close()
        self.control.close()

    def kill(self) -> None:
        """The parent kills the game when serve lets go of its connection."""
        self.control.close()

    async def wait(self) -> int:
        await self._ended
        assert self.returncode is not None
        return self.returncode


async def fork_game(path: str, env: dict[str, str], argv: list[str]) -> ForkedGame:
    """Ask the warm parent at `path` for a game; raises OSError if it cannot be had."""
    loop = asyncio.get_running_loop()
    ends = [os.pipe() for _ in range(3)]  # stdin, stdout, stderr: (read, write)
    theirs = [ends[0][0], ends[1][1], ends[2][1]]
    ours = [ends[0][1], ends[1][0], ends[2][0]]
    control = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        control.setblocking(False)
        await loop.sock_connect(control, path)
        body = json.dumps({"env": env, "argv": argv, "cwd": os.getcwd()}).encode()
        control.setblocking(True)
        control.settimeout(5)
        socket.send_fds(control, [len(body).to_bytes(4, "big") + body], theirs)
        control.setblocking(False)
        reader, writer = await asyncio.open_unix_connection(sock=control)
        line = await asyncio.wait_for(reader.readline(), 30)  # the parent may still be warming up
        if not line.startswith(b"pid "):
            raise OSError("the warm parent did not fork the game")
        pid = int(line.split()[1])
    except (OSError, ValueError, asyncio.TimeoutError) as err:
        control.close()
        for fd in ours:
            os.close(fd)
        raise OSError(f"no game from the warm parent: {err}") from err
    finally:
        for fd in theirs:
            os.close(fd)
    stdout, stderr = asyncio.StreamReader(), asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdout), os.fdopen(ours[1], "rb", 0))
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stderr), os.fdopen(ours[2], "rb", 0))
    transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin, os.fdopen(ours[0], "wb", 0))
    stdin = asyncio.StreamWriter(transport, protocol, None, loop)
    return ForkedGame(writer, stdin, stdout, stderr, pid, reader)


def warm_parent(content: Path) -> ForkServer | None:
    """The warm parent each tab's game is forked from, or None where there is no fork (each
    game is then a process of its own). Its environment is the one textual-serve gives each
    game (Textual reads some of it once, at import)."""
    from textual_serve.app_service import AppService

    if not FORK_AVAILABLE:
        return None
    env = AppService("", write_bytes=None, write_str=None, close=None, download_manager=None)._build_environment()
    try:
        return ForkServer(content, env)
    except OSError as err:
        print(f"silicon-curtain: warning: each tab's game starts on its own ({err})", file=sys.stderr)
        return None
