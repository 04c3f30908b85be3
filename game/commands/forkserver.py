"""`serve`'s warm parent: one process that has imported the game, Textual and every screen,
and loaded the content, once; each browser tab's game is a fork of it.

A tab's game started as a process of its own spent most of a second of CPU getting to its
title (an interpreter, Textual, the title, then the warm-up's content and screens), so a
class of 30 opening at once kept two cores busy for ten seconds. A fork starts with all of
that done and shares its memory with the parent until it writes to it. (A key costs a fork
as much CPU as it costs a process of its own: this is about opening, and memory.)

`serve` (serve_fork.py) starts this module as `python -m game.commands.forkserver FD
CONTENT`, FD a listening UNIX socket `serve` made (connections queue there while this
process warms up), stdin a pipe `serve` holds: when it closes, `serve` is gone and so are
the games. For each tab, `serve` connects and sends one request (a 4-byte length, then JSON:
the tab's environment, its `play` arguments, the working folder), with the tab's stdin,
stdout and stderr attached (SCM_RIGHTS). This process forks; the child becomes that tab's
game exactly as `python -m game play ...` would with that environment; the parent answers
`pid N` and, when the game ends, `exit N`. If `serve` closes the connection first, the game
is killed. Nothing a child does reaches the parent: a game that crashes ends alone.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import json
import os
import random
import selectors
import signal
import socket
import sys
import traceback
from pathlib import Path

MAX_REQUEST = 1 << 20  # a tab's environment and arguments: a few kilobytes
REQUEST_SECONDS = 5.0  # `serve` sends its request as it connects; a silent peer is dropped
STOP_GRACE_S = 0.3  # on stopping, the games' time to end on SIGTERM before SIGKILL


def content_stamp(root: Path) -> tuple:
    """What a content folder's files are now (name, size, time written): a content edited
    since the parent loaded it is loaded again by the game, as a process of its own would."""
    stamp = []
    for path in sorted(root.rglob("*.toml")):
        with contextlib.suppress(OSError):
            info = path.stat()
            stamp.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(stamp)


class Warm:
    """What the parent made ready: the command line's parser, and the content (if it loads)."""

    def __init__(self, content_root: Path):
        from ..ui.warmup import import_for_a_game
        from . import play

        self.parser = argparse.ArgumentParser(prog="silicon-curtain play")  # serve's Launch.argv, as cli reads it
        self.parser.add_argument("command", choices=["play"])
        play.add_arguments(self.parser)
        self.parser.add_argument("--saves")
        import_for_a_game()
        self.content_root = content_root.resolve()
        self.stamp = content_stamp(self.content_root)
        self.content = None
        try:
            from ..content import load

            self.content = load(self.content_root)
        except Exception:  # noqa: BLE001 (broken content: each game loads it and says what is wrong, as before)
            self.content = None


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is serve's to handle: it stops us when done
    listener = socket.socket(fileno=int(argv[0]))
    warm = Warm(Path(argv[1]))
    gc.collect()
    gc.freeze()  # what is loaded now stays put: the games' collections do not write to (and copy) its pages
    return Parent(listener, warm).run()


class Parent:
    def __init__(self, listener: socket.socket, warm: Warm):
        self.listener = listener
        self.warm = warm
        self.games: dict[int, socket.socket] = {}  # pid -> the connection of serve that asked for it
        self.stopping = False
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_w, False)
        self.selector = selectors.DefaultSelector()

    def run(self) -> int:
        signal.set_wakeup_fd(self.wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes the loop through the fd above
        signal.signal(signal.SIGTERM, self._stop)
        self.selector.register(self.listener, selectors.EVENT_READ, self._accept)
        self.selector.register(sys.stdin.fileno(), selectors.EVENT_READ, self._lifeline)
        self.selector.register(self.wake_r, selectors.EVENT_READ, self._woken)
        try:
            while not self.stopping:
                for key, _ in self.selector.select(timeout=1.0):
                    try:
                        key.data(key.fileobj)
                    except Exception:  # noqa: BLE001 (one tab's trouble must not end every game)
                        traceback.print_exc()
                    if self.stopping:
                        break
                self._reap()
        finally:
            self._end_games()
        return 0

    def _stop(self, *_) -> None:
        self.stopping = True

    def _lifeline(self, fd) -> None:
        if not os.read(fd, 512):  # serve has gone: so do its games
            self.stopping = True

    def _woken(self, fd) -> None:
        with contextlib.suppress(BlockingIOError):
            os.read(fd, 512)

    def _accept(self, listener) -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        request, fds = _read_request(conn)
        if request is None:
            for fd in fds:
                os.close(fd)
            conn.close()
            return
        try:
            pid = os.fork()
        except OSError:  # out of processes or memory: serve starts this tab's game on its own
            pid = -1
        if pid == 0:
            self._become_game(conn, request, fds)  # never returns
        for fd in fds:
            os.close(fd)
        if pid < 0:
            conn.close()
            return
        self.games[pid] = conn
        conn.setblocking(False)
        self.selector.register(conn, selectors.EVENT_READ, self._serve_gone)
        _tell(conn, f"pid {pid}")

    def _serve_gone(self, conn) -> None:
        """`serve` closed a game's connection (it gave up on the tab): the game goes."""
        try:
            if conn.recv(512):
                return  # nothing is expected; ignored
        except BlockingIOError:
            return
        except OSError:
            pass
        for pid, held in list(self.games.items()):
            if held is conn:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        self._forget(conn)

    def _forget(self, conn) -> None:
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(conn)
        conn.close()

    def _reap(self) -> None:
        while self.games:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn = self.games.pop(pid, None)
            if conn is not None:
                _tell(conn, f"exit {os.waitstatus_to_exitcode(status)}")
                self._forget(conn)

    def _end_games(self) -> None:
        """Stopping: every game is asked to end, then ended, all at once."""
        import time

        for how in (signal.SIGTERM, signal.SIGKILL):
            for pid in list(self.games):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, how)
            deadline = time.monotonic() + STOP_GRACE_S
            while self.games and time.monotonic() < deadline:
                self._reap()
                time.sleep(0.01)
        self._reap()

    # -- the child ---------------------------------------------------------------------------

    def _become_game(self, conn: socket.socket, request: dict, fds: list[int]) -> None:
        code = 1
        try:
            self._leave_parent(conn)
            code = become_game(self.warm, request, fds)
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        except BaseException:  # noqa: BLE001 (a crash is this tab's alone, said on its stderr)
            with contextlib.suppress(Exception):
                traceback.print_exc()
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(code)

    def _leave_parent(self, conn: socket.socket) -> None:
        """In the fork: signals back to a fresh interpreter's, none of the parent's sockets."""
        signal.set_wakeup_fd(-1)
        for number in (signal.SIGCHLD, signal.SIGTERM):
            signal.signal(number, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        self.selector.close()
        for held in (self.listener, conn, *self.games.values()):
            held.close()
        for fd in (self.wake_r, self.wake_w, sys.stdin.fileno()):
            with contextlib.suppress(OSError):
                os.close(fd)


def become_game(warm: Warm, request: dict, fds: list[int]) -> int:
    """The tab's game, in this (forked) process: its stdin, stdout and stderr, its folder and
    environment, a generator of its own; then `play`, with the content already loaded when
    it is the one the game asks for and unchanged since."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    random.seed()  # else every tab would offer the same "random" seed as its siblings
    importlib.reload(importlib.import_module("textual.constants"))  # read from the environment
    from ..paths import SAVES_ENV
    from . import play

    args = warm.parser.parse_args(request["argv"])
    if args.saves:  # as the command line does
        os.environ[SAVES_ENV] = os.path.abspath(args.saves)
    if warm.content is not None and content_stamp(warm.content_root) == warm.stamp:
        play.PRELOADED[warm.content_root] = warm.content
    return play.run(args)


def _read_request(conn: socket.socket) -> tuple[dict | None, list[int]]:
    """One request and its three descriptors, or (None, whatever came) if it is not one."""
    fds: list[int] = []
    try:
        conn.settimeout(REQUEST_SECONDS)
        data, fds, _, _ = socket.recv_fds(conn, 65536, 3)
        if len(data) < 4 or len(fds) != 3:
            return None, fds
        size = int.from_bytes(data[:4], "big")
        if size > MAX_REQUEST:
            return None, fds
        body = data[4:]
        while len(body) < size:
            more = conn.recv(size - len(body))
            if not more:
                return None, fds
            body += more
        request = json.loads(body)
        ok = (
            isinstance(request, dict)
            and isinstance(request.get("env"), dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in request["env"].items())
            and isinstance(request.get("argv"), list)
            and all(isinstance(a, str) for a in request["argv"])
            and isinstance(request.get("cwd"), str)
        )
        return (request if ok else None), fds
    except (OSError, ValueError):
        return None, fds


def _tell(conn: socket.socket, line: str) -> None:
    with contextlib.suppress(OSError):
        conn.setblocking(True)
        conn.settimeout(1.0)
        conn.sendall(f"{line}\n".encode())
        conn.setblocking(False)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
