"""`serve`: the game in browsers, through textual-serve; each browser tab runs its own game process.

Tabs share nothing but the tables database under `saves/`, so a class plays one table from
many tabs: the facilitator opens it from the title's Table entry, each team joins with its code.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import socket
import sys

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
    add_content_argument(parser)


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


def app_command(content) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this content."""
    return shlex.join([sys.executable, "-m", "game", "play", "--content", str(content.resolve())])


def run(args) -> int:
    try:
        from textual_serve.server import Server
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
    server = Server(
        app_command(args.content), host=args.host, port=args.port, title="Silicon Curtain", public_url=public_url
    )
    sys.unraisablehook = _quiet_shutdown
    try:
        server.serve()
    except OSError as err:  # lost a race for the port since the check
        return fail(f"cannot listen on {args.host}:{args.port}: {err.strerror or err}")
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
