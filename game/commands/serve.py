"""`serve`: the game in browsers, through textual-serve; each browser tab runs its own game
process, forked from a warm parent that has the game loaded (serve_fork.py, forkserver.py).

Each browser has a saves folder of its own (`saves/sessions/<id>/`, known by a cookie the page
sets), so a tab sees only its browser's games; browsers share the tables database only, so a
class plays one table from many tabs: the facilitator opens it from the title's Table entry,
each team joins with its code. The facilitator's link (printed at start, with a secret) opens
a browser that sees every browser's saves.

Only pages and websockets asked for by this address (or loopback) are answered: a request
whose Host or Origin names another site is refused, so another web page cannot drive the
game (a cross-site websocket) nor reach it through a name it rebinds to 127.0.0.1. At most
`--max-sessions` games run at once.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import hmac
import ipaddress
import re
import secrets
import shlex
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .common import add_content_argument, fail


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be a number from 1 to 65535, not {text!r}")
    return port


def add_arguments(parser) -> None:
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    parser.add_argument("--port", type=port_number, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers open, when it is not http://HOST:PORT (e.g. with --host 0.0.0.0)",
    )
    parser.add_argument(
        "--max-sessions",
        type=_positive,
        default=30,
        metavar="N",
        help="games open at once, each a process (default: 30, a class of teams)",
    )
    parser.add_argument(
        "--no-fork",
        action="store_true",
        help="start each tab's game as a process of its own, as where fork is unavailable (slower; for comparison)",
    )
    add_content_argument(parser)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number, 1 or more, not {text!r}")
    return int(text)


def is_loopback(host: str) -> bool:
    """True when every address `host` names is this machine's own loopback."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


class Launch:
    """A browser tab's game: `python -m game ARGV` with ENV added to serve's environment."""

    def __init__(self, content, saves: Path | None = None, tables: Path | None = None, see_all: bool = False):
        """This content and (when given) the browser's saves folder, the shared tables
        folder, every save."""
        self.env = {"SILICON_CURTAIN_TABLES": str(tables)} if tables else {}
        self.env |= {"SILICON_CURTAIN_ALL_SAVES": "1"} if see_all else {}
        self.argv = ["play", "--content", str(content.resolve())] + (["--saves", str(saves)] if saves else [])

    def command(self) -> str:
        """The shell command that runs it as a process of its own (textual-serve's way)."""
        command = [sys.executable, "-m", "game", *self.argv]
        return shlex.join(["env", *(f"{k}={v}" for k, v in self.env.items()), *command] if self.env else command)


def app_command(content, saves: Path | None = None, tables: Path | None = None, see_all: bool = False) -> str:
    """The shell command of a browser tab's game, run as a process of its own."""
    return Launch(content, saves, tables, see_all).command()


STOP_SECONDS = 2.0  # Ctrl+C or SIGTERM to exit, with browser tabs open


# --- who may connect ---------------------------------------------------------------------------

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
SESSION_COOKIE = "silicon_curtain_session"
FACILITATOR_COOKIE = "silicon_curtain_facilitator"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}\Z")


def allowed_hosts(host: str, port: int, public_url: str | None) -> set[tuple[str, int]]:
    """The (host name, port) pairs a request may name in its Host and Origin headers: the
    served address, the public URL's, and loopback on the served port."""
    allowed = {(name, port) for name in LOOPBACK_NAMES}
    if not _wildcard(host):
        allowed.add((host.lower().strip("[]"), port))
    if public_url:
        parts = urlsplit(public_url)
        if parts.hostname:
            allowed.add((parts.hostname.lower(), parts.port or (443 if parts.scheme == "https" else 80)))
    return allowed


def _host_port(text: str, default_port: int) -> tuple[str, int] | None:
    try:
        parts = urlsplit(f"//{text}")
        return (parts.hostname or "").lower(), parts.port or default_port
    except ValueError:  # a port that is no number
        return None


def refusal(host_header: str | None, origin: str | None, allowed: set[tuple[str, int]]) -> str:
    """Why a request is refused ("" if it is not): its Host must be an allowed address (a
    name rebound to 127.0.0.1 is not), and its Origin, when a browser sends one, too (a page
    of another site opening the websocket is not)."""
    host = _host_port(host_header or "", 80)
    if host not in allowed:
        return f"this server answers to {_names(allowed)} only, not Host {host_header!r}"
    if origin is not None:
        parts = urlsplit(origin)
        default = 443 if parts.scheme in ("https", "wss") else 80
        try:
            named = ((parts.hostname or "").lower(), parts.port or default)
        except ValueError:
            named = None
        if parts.scheme not in ("http", "https") or named not in allowed:
            return f"pages of {origin!r} may not open this game"
    return ""


def _names(allowed: set[tuple[str, int]]) -> str:
    return ", ".join(sorted(f"{h}:{p}" for h, p in allowed))


def session_folder(saves: Path, token: str) -> Path:
    """A browser's own saves folder: named by a hash of its cookie, so the folder's name (seen
    by whoever lists the folders) does not give the cookie away."""
    from ..saves.store import SESSIONS

    return saves / SESSIONS / hashlib.sha256(token.encode()).hexdigest()[:24]


def _server_class():
    """textual-serve's Server, guarded: Host and Origin checked, a cap on games, a saves folder
    per browser. Made on first use: textual-serve is an optional extra."""
    from aiohttp import WSCloseCode, web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    class TabService(AppService):
        """textual-serve's, with the tab's game forked from the warm parent when there is one."""

        def __init__(self, launch: Launch, forks, **kwargs):
            super().__init__(launch.command(), **kwargs)
            self.launch = launch
            self.forks = forks

        async def _open_app_process(self, width: int = 80, height: int = 24):
            if self.forks is not None and self.forks.alive():
                from .serve_fork import fork_game

                env = self._build_environment(width=width, height=height) | self.launch.env
                try:
                    self._process = game = await fork_game(self.forks.path, env, self.launch.argv)
                    self._stdin = game.stdin
                    return game
                except OSError:
                    pass  # the warm parent is gone: the tab's game as a process of its own
            return await super()._open_app_process(width, height)

        async def run(self) -> None:
            """textual-serve's, and the tab closed when its game ends however it ends (a game
            that crashed or was killed left its tab open on a screen that answered nothing)."""
            await super().run()
            with contextlib.suppress(Exception):
                await self.remote_close()

    class GuardedServer(Server):
        def __init__(
            self, *args, content: Path, saves: Path, max_sessions: int, facilitator: str, forks=None, **kwargs
        ):
            """`forks`: the warm parent that forks each tab's game (serve_fork.ForkServer), or None."""
            super().__init__(*args, **kwargs)
            self.forks = forks
            self.allowed = allowed_hosts(self.host, self.port, kwargs.get("public_url"))
            self.content = content
            self.saves = saves
            self.max_sessions = max_sessions
            self.facilitator = facilitator
            self.sessions = 0
            self.tabs: dict[web.WebSocketResponse, AppService | None] = {}  # open tabs and their games

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(self._guard)
            app.on_shutdown.append(self._close_tabs)
            return app

        async def _close_tabs(self, app: web.Application) -> None:
            """The server is stopping: end every tab's game and close its websocket now, each
            game given a moment to quit and then ended, all at once."""
            await asyncio.gather(*(self._close_tab(ws, service) for ws, service in list(self.tabs.items())))

        async def _close_tab(self, websocket: web.WebSocketResponse, service) -> None:
            if service is not None:
                try:
                    await asyncio.wait_for(asyncio.shield(service.stop()), STOP_SECONDS / 4)
                except (asyncio.TimeoutError, OSError):
                    process = getattr(service, "_process", None)  # textual-serve keeps it private
                    if process is not None and process.returncode is None:
                        process.kill()
            with contextlib.suppress(asyncio.TimeoutError, OSError):
                await asyncio.wait_for(websocket.close(code=WSCloseCode.GOING_AWAY), STOP_SECONDS / 4)

        @web.middleware
        async def _guard(self, request: web.Request, handler):
            why = refusal(request.headers.get("Host"), request.headers.get("Origin"), self.allowed)
            if why:
                return web.Response(status=403, text=f"Silicon Curtain: {why}\n")
            response = await handler(request)
            if request.path == "/" and isinstance(response, web.StreamResponse):
                if not _TOKEN.match(request.cookies.get(SESSION_COOKIE, "")):
                    response.set_cookie(
                        SESSION_COOKIE, secrets.token_urlsafe(32), httponly=True, samesite="Strict", max_age=365 * 86400
                    )
                given = request.query.get("facilitator", "")
                if given and hmac.compare_digest(given.encode(), self.facilitator.encode()):
                    response.set_cookie(FACILITATOR_COOKIE, self.facilitator, httponly=True, samesite="Strict")
            return response

        def launch_for(self, request: web.Request) -> Launch:
            tables = self.saves / "tables"
            facilitator = request.cookies.get(FACILITATOR_COOKIE, "")
            if facilitator and hmac.compare_digest(facilitator.encode(), self.facilitator.encode()):
                return Launch(self.content, self.saves, tables, see_all=True)
            token = request.cookies.get(SESSION_COOKIE, "")
            if not _TOKEN.match(token):  # no cookie (not opened from the page): a folder for this tab alone
                token = secrets.token_urlsafe(32)
            return Launch(self.content, session_folder(self.saves, token), tables)

        def command_for(self, request: web.Request) -> str:
            return self.launch_for(request).command()

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
            """textual-serve's, with this browser's command, and refused beyond the cap."""
            if self.sessions >= self.max_sessions:
                return web.Response(
                    status=503, text=f"Silicon Curtain: {self.max_sessions} games are open, the most this server runs\n"
                )
            self.sessions += 1
            websocket = web.WebSocketResponse(heartbeat=15)
            width = _size(request.query.get("width"), 80)
            height = _size(request.query.get("height"), 24)
            app_service = None
            self.tabs[websocket] = None
            try:
                await websocket.prepare(request)
                app_service = self.tabs[websocket] = TabService(
                    self.launch_for(request),
                    self.forks,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,
                    download_manager=self.download_manager,
                    debug=self.debug,
                )
                await app_service.start(width, height)
                try:
                    await self._process_messages(websocket, app_service)
                finally:
                    await app_service.stop()
            except (Exception, asyncio.CancelledError):  # a tab gone mid-message, or the server stopping
                await websocket.close()
            finally:
                if app_service is not None:
                    await app_service.stop()
                self.sessions -= 1
                self.tabs.pop(websocket, None)
            return websocket

    return GuardedServer


def _size(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and 10 <= int(text) <= 1000 else default


def run(args) -> int:
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        return fail("serving needs textual-serve: pip install -e '.[serve]' (make does this)")
    if not args.content.is_dir():
        return fail(f"--content {args.content}: no such folder")
    problem = _cannot_listen(args.host, args.port)
    if problem:
        return fail(f"cannot listen on {args.host}:{args.port}: {problem}")
    public_url = args.public_url
    if not is_loopback(args.host):
        if public_url is None and _wildcard(args.host):
            public_url = f"http://{socket.gethostname()}:{args.port}"
        print(
            f"silicon-curtain: warning: listening on {args.host}, not this machine only: anyone who can "
            f"reach it on the network can open the game (browsers open {public_url or args.host}; "
            "set --public-url if that is wrong)",
            file=sys.stderr,
        )
    from ..saves.store import saves_dir
    from .serve_fork import warm_parent

    saves = saves_dir().resolve()
    facilitator = secrets.token_urlsafe(24)
    server = _server_class()(
        app_command(args.content),
        host=args.host,
        port=args.port,
        title="Silicon Curtain",
        public_url=public_url,
        content=args.content,
        saves=saves,
        max_sessions=args.max_sessions,
        facilitator=facilitator,
        forks=None if args.no_fork else warm_parent(args.content),
    )
    shown = public_url or f"http://{'127.0.0.1' if _wildcard(args.host) else args.host}:{args.port}"
    print(
        f"each browser keeps its own saves under {saves / 'sessions'}; the facilitator sees them all at\n"
        f"  {shown.rstrip('/')}/?facilitator={facilitator}\n(keep that link to yourself)",
        file=sys.stderr,
    )
    sys.unraisablehook = _quiet_shutdown
    try:
        server.serve()
    except OSError as err:  # lost a race for the port since the check
        return fail(f"cannot listen on {args.host}:{args.port}: {err.strerror or err}")
    finally:
        if server.forks is not None:
            server.forks.stop()
    return 0


def _quiet_shutdown(unraisable) -> None:
    """textual-serve can leave a tab's process pipes to be collected after its event loop has
    closed, on Ctrl+C; Python then prints a traceback about it. The server is stopping anyway."""
    error = unraisable.exc_value
    if isinstance(error, RuntimeError) and "Event loop is closed" in str(error):
        return
    sys.__unraisablehook__(unraisable)


def _wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def _cannot_listen(host: str, port: int) -> str:
    """Why the server could not bind, found before textual-serve prints its banner; "" if it can."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as err:
        return f"unknown host ({err.strerror})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself will
        try:
            probe.bind(address)
        except OSError as err:
            return err.strerror or str(err)
    return ""
