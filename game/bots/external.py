"""A seat played by another program, over the seat protocol (docs/seat-protocol.md).

`ExternalBot` behaves like any bot of `BOTS` (`order`, `propose`, `answer` on the seat's
view): it starts the program on first use, says hello, and asks it for each decision in one
JSON line, waiting `timeout` seconds for the reply. What the program says is checked by the
rules (`turn.why_not_order`, `deals.why_not_offer`, `deals.why_not_accept`), never trusted. A
reply that is late, not JSON, of the wrong shape or illegal, or a program that has exited,
is logged in one line (seat, quarter, what was wrong) and the seat passes, or the `fallback`
bot decides instead; the game goes on. After `STRIKES` failures in a row the program is
stopped and the seat plays on without it. The process is always stopped: at `close`, when
the bot is dropped, or when Python exits.

`External` is the same thing as plain data (command, timeout, fallback), called like a bot
class with (rules, seat, seed): a balance run sends it to worker processes.
"""

from __future__ import annotations

import json
import logging
import queue
import shlex
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable, Sequence

import attrs

from ..core.deals import Offer, why_not_accept, why_not_offer
from ..core.model import Rules
from ..core.printable import printable
from ..core.state import Order, Outcome
from ..core.turn import why_not_order
from ..core.view import SeatView
from . import protocol
from .protocol import BadReply

DEFAULT_TIMEOUT = 3.0  # seconds a program has for each reply
START_TIMEOUT = 10.0  # seconds for its first reply, to the hello: an interpreter may be slow to start
STRIKES = 3  # failures in a row after which the program is stopped for the rest of the game
LINE_LIMIT = 1 << 20  # bytes of one reply
QUEUED = 64  # lines of the program's output read ahead of the game
LOG_LIMIT = 400  # characters of a logged problem
TOO_LONG = b"(too long)"  # what the reader passes on for a line over LINE_LIMIT (compared by identity)

log = logging.getLogger("game.external")


def parse_command(command: str) -> list[str]:
    """The program's arguments, split as a shell would (no shell runs it). ValueError: why not."""
    try:
        argv = shlex.split(command)
    except ValueError as err:
        raise ValueError(f"cannot split the command {command!r}: {err}") from None
    if not argv:
        raise ValueError("the command is empty")
    return argv


@attrs.frozen
class External:
    """A program for a seat, as plain data: called with (rules, seat, seed), an ExternalBot."""

    command: str
    timeout: float = DEFAULT_TIMEOUT
    fallback: str = ""  # a level of BOTS that decides when the program cannot; "" passes
    start_timeout: float = START_TIMEOUT
    # A command line's run: the program's stderr comes through, and problems are printed to
    # stderr; else its stderr is discarded and problems go to the log ("game.external").
    show_stderr: bool = False

    def __call__(self, rules: Rules, seat: str, seed: int) -> ExternalBot:
        return ExternalBot(
            rules,
            seat,
            seed,
            self.command,
            timeout=self.timeout,
            fallback=self.fallback,
            start_timeout=self.start_timeout,
            show_stderr=self.show_stderr,
        )


class Silent(BadReply):
    """The program no longer plays: nothing more to log."""

    def __init__(self) -> None:
        super().__init__("")


class ExternalBot:
    """A seat's decisions asked of a program; see the module's docstring."""

    level = "external"

    def __init__(
        self,
        rules: Rules,
        seat: str,
        seed: int,
        command: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        fallback: str = "",
        start_timeout: float = START_TIMEOUT,
        show_stderr: bool = False,
        report: Callable[[str], None] | None = None,
    ) -> None:
        from . import BOTS  # here: this module is one of the bots the package lists

        self.rules, self.seat, self.seed = rules, seat, seed
        self.command = command
        self.argv = parse_command(command)
        self.timeout, self.start_timeout = timeout, start_timeout
        self.fallback = fallback
        self.stand_in = BOTS[fallback](rules, seat, seed) if fallback else None
        self.show_stderr = show_stderr
        self.report = report or (_to_stderr if show_stderr else log.warning)
        self.errors: list[str] = []  # every problem logged, in order
        self.name = ""  # what the program calls itself in its reply to the hello
        self.heard: list[dict] = []  # the last quarter's outcomes the seat saw, as `hear` was told
        self._proc: subprocess.Popen | None = None
        # The program's output, a line an item, None at its end; bounded, so a program that
        # floods it waits on its pipe rather than filling memory.
        self._lines: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUED)
        self._closed = threading.Event()
        self._asked = 0  # the id of the last request
        self._strikes = 0
        self._gone = False  # the program no longer plays (exited, stopped, or never started)
        self._stop: weakref.finalize | None = None

    # --- the bot's decisions --------------------------------------------------------------

    def order(self, seat_view: SeatView) -> Order:
        v = seat_view
        try:
            order = protocol.read_orders(self.seat, self._ask(protocol.orders_request(self.rules, v), "orders", v))
            problem = why_not_order(self.rules, order, v.values, v.used, v.budget or 0, v.choices)
            if problem:
                raise BadReply(f"illegal order: {problem}")
            self._strikes = 0
            return order if order.reason else attrs.evolve(order, reason="(the program gave no reason)")
        except BadReply as err:
            self._failed(v.quarter, "orders", str(err))
        if self.stand_in is not None:
            order = self.stand_in.order(seat_view)
            return attrs.evolve(order, reason=f"{self.fallback} bot for the program: {order.reason}")
        return Order(self.seat, reason="passed: the program gave no usable order")

    def propose(self, seat_view: SeatView, offers: tuple[Offer, ...] = ()) -> tuple[Offer, ...]:
        v = seat_view
        try:
            request = protocol.talks(self.rules, v, offers, self.heard)
            wanted = protocol.read_offers(self.seat, self._ask(request, "offers", v))
        except BadReply as err:
            self._failed(v.quarter, "talks", str(err))
            return self.stand_in.propose(seat_view, offers) if self.stand_in is not None else ()
        self._strikes = 0
        made: list[Offer] = []
        for offer in wanted:
            problem = why_not_offer(self.rules, offer, v.values, v.used, v.budget, (*offers, *made))
            if problem:  # the others still stand: an offer is dropped as bots_talk drops one
                self._note(v.quarter, "talks", f"offer to {offer.receiver} dropped: the offer {problem}")
                continue
            made.append(offer if offer.reason else attrs.evolve(offer, reason="(the program gave no reason)"))
        return tuple(made)

    def answer(self, seat_view: SeatView, offer: Offer, offers: tuple[Offer, ...] = ()) -> Offer:
        v = seat_view
        try:
            reply = self._ask(protocol.answer_request(self.rules, v, offer, offers), "answer", v)
            accept, reason = protocol.read_answer(reply)
            problem = why_not_accept(self.rules, offer, v.values, v.used, v.budget, offers) if accept else ""
            if problem:
                raise BadReply(f"cannot accept {offer.sender}'s offer: it {problem}")
            self._strikes = 0
            said = "accepted" if accept else "rejected"
            return offer.answered(accept, f"{said}: {reason}" if reason else said)
        except BadReply as err:
            self._failed(v.quarter, "answer", str(err))
        if self.stand_in is not None:
            return self.stand_in.answer(seat_view, offer, offers)
        return offer.answered(False, "rejected: the program gave no usable answer")

    def hear(self, outcomes: Sequence[Outcome]) -> None:
        """What happened in the quarter just resolved, as the seat's report tells it
        (`view.visible_outcomes`): told to the program with the next quarter's talks."""
        self.heard = [protocol.outcome_data(o) for o in outcomes]

    def close(self) -> None:
        """Say goodbye and stop the program (at once if it does not stop by itself)."""
        if self._stop is not None:
            self._stop()
        self._gone = True
        self._closed.set()  # its reading thread stops, even with lines nobody will read

    def _start(self, quarter: int) -> None:
        """Run the program and say hello. Raises Silent if it cannot play (already logged)."""
        try:
            self._proc = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=None if self.show_stderr else subprocess.DEVNULL,
            )
        except OSError as err:
            self._give_up(quarter, "start", f"cannot run {self.argv[0]!r}: {err.strerror or err}")
            raise Silent() from None
        self._stop = weakref.finalize(self, _stop, self._proc)
        reader = threading.Thread(target=_read, args=(self._proc.stdout, self._lines, self._closed), daemon=True)
        reader.start()
        try:
            reply = self._send(protocol.hello(self.rules, self.seat), "ready", quarter, self.start_timeout)
            if reply.get("protocol", protocol.PROTOCOL) != protocol.PROTOCOL:
                raise BadReply(f"it speaks protocol {_snippet(str(reply.get('protocol')).encode())}, not 1")
        except BadReply as err:
            if not isinstance(err, Silent):
                self._give_up(quarter, "hello", str(err))
            raise Silent() from None
        self.name = protocol.clean_reason(reply.get("name"))

    def _ask(self, message: dict, expect: str, seat_view: SeatView) -> dict:
        """The program's reply of type `expect` to `message`. Raises BadReply saying what was
        wrong, or Silent when the program no longer plays (said once, when it stopped)."""
        if self._gone:
            raise Silent()
        if self._proc is None:
            self._start(seat_view.quarter)
        return self._send(message, expect, seat_view.quarter, self.timeout)

    def _send(self, message: dict, expect: str, quarter: int, wait: float) -> dict:
        assert self._proc is not None and self._proc.stdin is not None
        self._asked += 1
        line = json.dumps({"type": message["type"], "id": self._asked, **message}, ensure_ascii=False)
        try:
            self._proc.stdin.write(line.encode() + b"\n")
            self._proc.stdin.flush()
        except OSError:
            raise BadReply(self._exited()) from None
        deadline = time.monotonic() + wait
        while True:
            try:
                raw = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise BadReply(f"no reply within {wait:g} s") from None
            if raw is None:
                raise BadReply(self._exited())
            if raw is TOO_LONG:
                raise BadReply(f"a reply longer than {LINE_LIMIT} bytes")
            try:
                reply = json.loads(raw)
            except (ValueError, RecursionError):  # RecursionError: nested deeper than Python goes
                raise BadReply(f"not JSON: {_snippet(raw)}") from None
            if not isinstance(reply, dict):
                raise BadReply(f"not a JSON object: {_snippet(raw)}")
            said = reply.get("id")
            if isinstance(said, int) and not isinstance(said, bool) and 0 < said < self._asked:
                continue  # a late reply to a request already given up on
            if said != self._asked or reply.get("type") != expect:
                raise BadReply(f'expected {{"type": "{expect}", "id": {self._asked}, ...}}, got {_snippet(raw)}')
            return reply

    def _exited(self) -> str:
        assert self._proc is not None
        try:
            code = self._proc.wait(1)
        except subprocess.TimeoutExpired:
            code = None
        self._gone = True  # either way it can say no more
        if code is None:
            return "the program closed its output"
        return f"the program exited (code {code})"

    def _failed(self, quarter: int, what: str, problem: str) -> None:
        """A decision the program could not make: logged, and after STRIKES in a row (or an
        exit) the program is stopped for the rest of the game. Silent: said already."""
        if not problem:
            return
        self._strikes += 1
        if self._gone or self._strikes >= STRIKES:
            more = "" if self._gone else f" ({STRIKES} failures in a row)"
            self._give_up(quarter, what, problem + more)
        else:
            self._note(quarter, what, f"{problem}; {self._instead(what)}")

    def _give_up(self, quarter: int, what: str, problem: str) -> None:
        player = f"the {self.fallback} bot plays" if self.stand_in is not None else "the seat passes"
        self._note(quarter, what, f"{problem}; the program is stopped and {player} for the rest of the game")
        self.close()

    def _instead(self, what: str) -> str:
        if self.stand_in is not None:
            return f"the {self.fallback} bot decides instead"
        return {"talks": "no offer made", "answer": "the offer is rejected"}.get(what, "the seat passes")

    def _note(self, quarter: int, what: str, problem: str) -> None:
        # One printable line, whatever ids the program sent (an offer's receiver is its text).
        line = printable(f"external program in seat {self.seat}, Q{quarter} {what}: {problem}")
        line = " ".join(line.split())
        line = line if len(line) <= LOG_LIMIT else line[: LOG_LIMIT - 1] + "…"
        self.errors.append(line)
        self.report(line)


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _snippet(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    return protocol.clean_reason(repr(text if len(text) <= 60 else text[:60] + "..."))


def _read(stream, lines: queue.Queue, closed: threading.Event) -> None:
    """The program's output, a line at a time, into `lines`; None when it ends."""

    def put(item: bytes | None) -> bool:
        while not closed.is_set():
            try:
                lines.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    try:
        while True:
            line = stream.readline(LINE_LIMIT + 1)
            if not line:
                break
            if len(line) > LINE_LIMIT:
                while line and not line.endswith(b"\n"):  # the rest of it
                    line = stream.readline(LINE_LIMIT)
                line = TOO_LONG
            if not put(line):
                return
    except (OSError, ValueError):
        pass
    put(None)


def _stop(proc: subprocess.Popen) -> None:
    """Goodbye, then its input closed; terminated if still running half a second later, killed
    if still running half a second after that. Always waited for: no zombie is left."""
    if proc.poll() is None and proc.stdin is not None:
        try:
            proc.stdin.write(b'{"type": "bye"}\n')
            proc.stdin.flush()
        except OSError:
            pass
    for step in (None, proc.terminate, proc.kill):
        if step is not None:
            step()
        try:
            proc.wait(0.5)
            break
        except subprocess.TimeoutExpired:
            continue
    proc.wait()
    for pipe in (proc.stdin, proc.stdout):
        try:
            if pipe is not None:
                pipe.close()
        except OSError:
            pass
