"""Reading a save strictly: the file's text to a Record, or one SaveError that says what is
wrong and what the user can do. The file is only ever opened for reading, and nothing is
returned unless every key of it was read and checked.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from ..content.sources import UnreadableFile, read_regular_file
from ..core.deals import ACCEPTED, PENDING, REJECTED, Offer
from ..core.printable import CONTROL, printable
from ..core.state import Intervention, Order
from ..match.record import FORMAT_VERSION, HEADER, TRAILER, QuarterRecord, Record

# tomli, not the standard library's tomllib: the same parser, but its wheels are compiled
# (mypyc), and it reads a save about 3.5 times as fast. tomllib stands in on a platform
# where tomli cannot be installed.
try:
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib

# A long game is tens of kilobytes: anything much bigger is not a save, and parsing 16 MB of
# quarters took 10 s and 315 MB before it was refused.
MAX_BYTES = 2 * 1024 * 1024
MAX_QUARTERS = 1000  # a scenario lasts a few dozen at most
MAX_TEXT = 20_000  # a custom event's text or a note: a page, not a book
LARGEST_NUMBER = 10**12  # as for content (content/sources.py): track values are in the thousands
LARGEST_SEED = 2**64
_DIGEST = re.compile(r"^[0-9a-f]{16}\Z")
_FINGERPRINT = re.compile(r"^([0-9a-f]{64})?\Z")  # sha256 of the content files, or none
_ID = re.compile(r"^[a-z][a-z0-9_]*\Z")  # as content ids: no path, no markup, no control character
_CONTROLLER = re.compile(r"^(human|external|bot:[a-z][a-z0-9_]*)\Z")
DAMAGED = "Restore a copy, or open another save"


class SaveError(Exception):
    """A save that cannot be loaded: what is wrong with it, and what the user can do."""

    def __init__(self, path: Path | str, problem: str, advice: str = DAMAGED):
        super().__init__(problem)
        self.path = Path(path)
        self.problem = problem
        self.advice = advice

    def __str__(self) -> str:
        return printable(f"{self.path}: {self.problem}. {self.advice}.")  # a file name may hold anything


def read_record(path: Path | str) -> Record:
    """The record in the save at `path`, checked key by key; SaveError otherwise."""
    path = Path(path)
    try:
        if path.is_dir():
            raise SaveError(path, "is a folder, not a saved game", "Give the path of a .toml save")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SaveError(
                path,
                f"is {size / (1024 * 1024):.1f} MB, far too large to be a saved game",
                "Open a save the game wrote",
            )
        # A plain file only, opened without blocking: a FIFO would hang, /dev/zero fill the memory.
        data = read_regular_file(path, MAX_BYTES)
    except FileNotFoundError:
        raise SaveError(path, "no such file", "Check the path, or list saves with the title screen's Load") from None
    except OSError as err:
        if isinstance(err, UnreadableFile):  # not a plain file, or grown too large
            raise SaveError(path, f"{err}, not a saved game", "Open a save the game wrote") from None
        raise SaveError(path, f"cannot be read ({err.strerror or err})", "Check the file's permissions") from None
    return parse_record(data, path)


def parse_record(data: bytes, path: Path | str = "<save>") -> Record:
    if not data.strip():
        raise SaveError(path, "is empty", "The game never writes an empty save; " + DAMAGED.lower())
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SaveError(
            path, f"is not a saved game: not text (byte {data[err.start]:#04x} at offset {err.start})"
        ) from None
    save_like = text.startswith(HEADER[:28]) or "\nstart_digest = " in text
    complete = text.rstrip().endswith(TRAILER.strip())
    try:
        table = tomllib.loads(text)
    except RecursionError:  # tomli's refusal of arrays and tables nested over 400 deep
        raise SaveError(
            path, "is not a saved game: its TOML is nested too deep", "Open a save the game wrote"
        ) from None
    except ValueError as err:  # TOMLDecodeError, or an integer of more than 4,300 digits
        if not isinstance(err, tomllib.TOMLDecodeError):
            err = ValueError("an integer far too long to be read")
        if not save_like:
            raise SaveError(
                path, f"is not a Silicon Curtain save (not valid TOML: {err})", "Open a save the game wrote"
            ) from None
        if not complete:
            lines = text.count("\n") + 1
            raise SaveError(path, f"is cut short: it stops at line {lines}, before the end-of-save line") from None
        raise SaveError(path, f"is damaged: {err}") from None
    if "format" not in table:
        raise SaveError(path, "is not a Silicon Curtain save (it has no 'format' key)", "Open a save the game wrote")
    fmt = table["format"]
    if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt < 1:
        raise SaveError(path, f"format: expected a format number of 1 or more, found {_kind(fmt)} {_short(fmt)}")
    if fmt > FORMAT_VERSION:
        raise SaveError(
            path,
            f"was written by a newer Silicon Curtain (save format {fmt}; this version reads "
            f"format {FORMAT_VERSION} and older)",
            "Update the game to open it",
        )
    if not complete:
        raise SaveError(path, "is cut short: it does not end with the end-of-save line")
    try:
        return _record(table)
    except _Bad as bad:
        raise SaveError(path, str(bad)) from None
    except RecursionError:  # a value nested so deep that even describing it recurses too far
        raise SaveError(path, "has a value nested too deep") from None


class _Bad(Exception):
    """A key that is missing, of the wrong type, or not expected: said with where it is."""


_KINDS = {int: "an integer", str: "a string", float: "a number", bool: "true or false", list: "a list", dict: "a table"}


def _kind(value) -> str:
    for t, name in _KINDS.items():
        if type(value) is t:
            return name
    return "a date" if hasattr(value, "isoformat") else type(value).__name__


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 30 else text[:27] + "..."


class _Table:
    """One TOML table being read: keys taken one at a time, then anything left is refused."""

    def __init__(self, table, where: str):
        if not isinstance(table, dict):
            raise _Bad(f"{where or 'the file'}: expected a table, found {_kind(table)} {_short(table)}")
        self.table = dict(table)
        self.where = where

    def name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def take(self, key: str, kind, what: str, required: bool = True, default=None):
        if key not in self.table:
            if required:
                raise _Bad(f"{self.name(key)}: missing ({what})")
            return default
        value = self.table.pop(key)
        if not _is(value, kind):
            raise _Bad(f"{self.name(key)}: expected {what}, found {_kind(value)} {_short(value)}")
        return value

    def done(self) -> None:
        if self.table:
            extra = ", ".join(repr(k) for k in self.table)
            raise _Bad(f"{self.where or 'the file'}: unknown key {extra} (a newer game's save, or an edit?)")


def _is(value, kind) -> bool:
    """Exact types, as tomllib gives them: true is not a number, 2 is not a string."""
    return type(value) in (kind if isinstance(kind, tuple) else (kind,))


def _record(raw: dict) -> Record:
    top = _Table(raw, "")
    fmt = top.take("format", int, "the save format number")
    version = top.take("game_version", str, "the game's version")
    if CONTROL.search(version) or len(version) > 40:
        raise _Bad(f"game_version: expected a version such as 0.1.0, found {_short(version)}")
    content = top.take("content", str, "the content fingerprint")
    if not _FINGERPRINT.match(content):
        raise _Bad(f"content: expected the content's fingerprint (64 hexadecimal digits), found {_short(content)}")
    scenario = top.take("scenario", str, "a scenario id")
    if not scenario:
        raise _Bad("scenario: empty")
    _id(scenario, "scenario", "a scenario id")
    seed = top.take("seed", int, "the seed, an integer")
    if abs(seed) >= LARGEST_SEED:
        raise _Bad(f"seed: expected a seed below 2**64, found {_short(seed)}")
    start_digest = _digest(top.take("start_digest", str, "the start state's digest"), "start_digest")
    parent = _text(top.take("parent", str, "the file this game branched from", required=False, default=""), "parent")
    branch_quarter = top.take("branch_quarter", int, "the quarter the branch starts from", required=False, default=0)
    if bool(parent) != bool(branch_quarter):
        raise _Bad("parent and branch_quarter: a branch needs both, a game that is no branch neither")
    facilitator = top.take(
        "facilitator", bool, "true or false: a facilitator steered the game", required=False, default=False
    )
    seats = _seats(top.take("seats", dict, "a table of seat = controller"))
    roster = _roster(top.take("roster", dict, "a table of seat = team", required=False, default={}), seats)
    start_tracks = _tracks(
        top.take("start_tracks", dict, "a table of track = value", required=False, default={}), "start_tracks"
    )
    rows = top.take("quarter", list, "a list of [[quarter]] tables")
    top.done()
    if len(rows) > MAX_QUARTERS:
        raise _Bad(f"quarter: {len(rows)} quarters; no game lasts more than {MAX_QUARTERS}")
    quarters = []
    for i, row in enumerate(rows, start=1):
        quarters.append(_quarter(row, i, [s for s, _ in seats]))
    if branch_quarter and not 1 <= branch_quarter <= len(quarters) + 1:
        raise _Bad(f"branch_quarter: {branch_quarter} is outside this game's quarters 1..{len(quarters) + 1}")
    return Record(
        content=content,
        scenario=scenario,
        seed=seed,
        seats=seats,
        start_digest=start_digest,
        quarters=tuple(quarters),
        game_version=version,
        format=fmt,
        parent=parent,
        branch_quarter=branch_quarter,
        start_tracks=start_tracks,
        facilitator=facilitator,
        roster=roster,
    )


def _roster(raw: dict, seats) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Who played each seat at a table: `[roster.vendor] team = "...", players = [...]`."""
    table = _Table(raw, "roster")
    known = [s for s, _ in seats]
    out = []
    for seat in list(raw):
        if seat not in known:
            raise _Bad(f"roster.{_short(seat)}: no such seat in this game (its seats: {', '.join(known)})")
        entry = _Table(table.take(seat, dict, "a table with team and players"), f"roster.{seat}")
        team = _text(entry.take("team", str, "the team's name", required=False, default=""), f"roster.{seat}.team")
        players = entry.take("players", list, "a list of the students' names", required=False, default=[])
        entry.done()
        for i, name in enumerate(players, start=1):
            if not isinstance(name, str):
                raise _Bad(f"roster.{seat}.players[{i}]: expected a name, found {_kind(name)} {_short(name)}")
            _text(name, f"roster.{seat}.players[{i}]")
        out.append((seat, team, tuple(players)))
    return tuple(out)


def _id(value: str, where: str, what: str) -> str:
    if not _ID.match(value):
        raise _Bad(f"{where}: expected {what} (lower-case letters, digits and _), found {_short(value)}")
    return value


def _text(value: str, where: str) -> str:
    """A free text (a note, a reason, a custom event's title): any characters, as the game wrote
    them (the screens, terminal and reports show control characters as symbols), of sensible length."""
    if len(value) > MAX_TEXT:
        raise _Bad(f"{where}: {len(value)} characters; a text in a save is at most {MAX_TEXT}")
    return value


def _value(value, where: str):
    """A track's value: a finite number of sensible size, or a state id."""
    if isinstance(value, str):
        return _id(value, where, "a state")
    if isinstance(value, float) and not math.isfinite(value):
        raise _Bad(f"{where}: expected a finite number, found {value}")
    if abs(value) > LARGEST_NUMBER:
        raise _Bad(f"{where}: {_short(value)} is too large; values are at most {LARGEST_NUMBER} in size")
    return value


def _digest(value: str, where: str) -> str:
    if not _DIGEST.match(value):
        raise _Bad(f"{where}: expected a 16-digit hexadecimal digest, found {_short(value)}")
    return value


def _seats(raw: dict) -> tuple[tuple[str, str], ...]:
    table = _Table(raw, "seats")
    if not raw:
        raise _Bad("seats: empty; a game has at least one seat")
    out = []
    for seat in list(raw):
        _id(seat, f"seats.{_short(seat)}", "a seat id")
        controller = table.take(seat, str, '"human", "external" or "bot:<level>"')
        if not _CONTROLLER.match(controller):
            raise _Bad(f'seats.{seat}: expected "human", "external" or "bot:<level>", found {_short(controller)}')
        out.append((seat, controller))
    return tuple(out)


def _tracks(raw: dict, where: str) -> tuple[tuple[str, object], ...]:
    table = _Table(raw, where)
    return tuple(
        (
            _id(key, f"{where}.{_short(key)}", "a track id"),
            _value(table.take(key, (int, float, str), "a number or a state"), f"{where}.{key}"),
        )
        for key in list(raw)
    )


def _quarter(raw, n: int, seats: list[str]) -> QuarterRecord:
    where = f"quarter {n}"
    table = _Table(raw, where)
    number = table.take("quarter", int, "the quarter's number")
    if number != n:
        raise _Bad(f"{where}.quarter: expected {n} (quarters run 1, 2, 3 ...), found {number}")
    digest = _digest(table.take("digest", str, "the state's digest"), f"{where}.digest")
    ending = table.take("ending", str, "the ending reached", required=False, default="")
    if ending:
        _id(ending, f"{where}.ending", "an ending id")
    forced = table.take("forced", bool, "true or false: resolved with orders missing", required=False, default=False)
    passed = table.take("passed", list, "a list of the seats that gave no orders", required=False, default=[])
    for i, seat in enumerate(passed, start=1):
        if seat not in seats:
            known = ", ".join(seats)
            raise _Bad(f"{where}.passed[{i}]: expected one of this game's seats ({known}), found {_short(seat)}")
    orders_raw = table.take("orders", dict, "a table of one order per seat")
    interventions = table.take(
        "intervention", list, "a list of the facilitator's interventions", required=False, default=[]
    )
    tracks = _tracks(
        table.take("tracks", dict, "a table of track = value", required=False, default={}), f"{where}.tracks"
    )
    offers_raw = table.take("offer", list, "a list of the quarter's offers", required=False, default=[])
    table.done()
    orders_table = _Table(orders_raw, f"{where}.orders")
    orders = []
    for seat in seats:
        raw_order = orders_table.take(seat, dict, f"the order of seat {seat!r}")
        orders.append(_order(raw_order, seat, f"{where}.orders.{seat}"))
    orders_table.done()
    items = tuple(_intervention(item, f"{where}.intervention[{i}]") for i, item in enumerate(interventions, start=1))
    offers = tuple(_offer(item, f"{where}.offer[{i}]") for i, item in enumerate(offers_raw, start=1))
    passing = tuple(s for s in seats if s in passed)
    return QuarterRecord(n, tuple(orders), digest, items, tracks, ending, offers, forced or bool(passing), passing)


_ANSWERS = {"accepted": ACCEPTED, "rejected": REJECTED, "lapsed": PENDING}


def _offer(raw, where: str) -> Offer:
    if not isinstance(raw, dict):
        raise _Bad(f"{where}: expected a table, found {_kind(raw)} {_short(raw)}")
    table = _Table(raw, where)
    sender = table.take("from", str, "the seat that made the offer")
    receiver = table.take("to", str, "the seat it was made to")
    deal = table.take("deal", str, "a deal id", required=False, default="")
    gives = table.take("gives", str, "the sender's action", required=not deal, default="")
    wants = table.take("wants", str, "the receiver's action", required=not deal, default="")
    answer = table.take("answer", str, "accepted, rejected or lapsed")
    if answer not in _ANSWERS:
        raise _Bad(f"{where}.answer: expected accepted, rejected or lapsed, found {_short(answer)}")
    reason = table.take("reason", str, "the bot's reason", required=False, default="")
    answer_reason = table.take("answer_reason", str, "the bot's reason", required=False, default="")
    table.done()
    return Offer(sender, receiver, deal, gives, wants, _ANSWERS[answer], reason, answer_reason)


def _order(raw: dict, seat: str, where: str) -> Order:
    table = _Table(raw, where)
    actions = table.take("actions", list, "a list of action ids")
    for i, a in enumerate(actions, start=1):
        if not isinstance(a, str):
            raise _Bad(f"{where}.actions[{i}]: expected an action id, found {_kind(a)} {_short(a)}")
        _id(a, f"{where}.actions[{i}]", "an action id")
    choices = _Table(
        table.take("choices", dict, "a table of event = option", required=False, default={}), f"{where}.choices"
    )
    answers = tuple(
        (
            _id(ev, f"{where}.choices.{_short(ev)}", "an event id"),
            _id(choices.take(ev, str, "an option id"), f"{where}.choices.{ev}", "an option id"),
        )
        for ev in list(choices.table)
    )
    reason = _text(table.take("reason", str, "the bot's reason", required=False, default=""), f"{where}.reason")
    table.done()
    return Order(seat, tuple(actions), answers, reason)


# The keys each kind of intervention writes (see record._intervention_data), with their types.
_INTERVENTION = {
    "inject": {"event": (str, "an event id")},
    "custom": {
        "title": (str, "the event's title"),
        "text": (str, "the event's text"),
        "effects": (list, "a list of effects"),
    },
    "force": {"action": (str, "an action id"), "success": (bool, "true or false")},
    "set": {"track": (str, "a track id"), "value": ((int, float, str), "a number or a state")},
}


def _intervention(raw, where: str) -> Intervention:
    table = _Table(raw, where)
    kind = table.take("kind", str, "inject, custom, force or set")
    if kind not in _INTERVENTION:
        raise _Bad(f"{where}.kind: expected inject, custom, force or set, found {_short(kind)}")
    fields = {name: table.take(name, t, what) for name, (t, what) in _INTERVENTION[kind].items()}
    note = _text(table.take("note", str, "the facilitator's note", required=False, default=""), f"{where}.note")
    table.done()
    for name in ("event", "action", "track"):
        if name in fields:
            _id(fields[name], f"{where}.{name}", f"an {name} id" if name in ("event", "action") else "a track id")
    for name in ("title", "text"):
        if name in fields:
            _text(fields[name], f"{where}.{name}")
    if "value" in fields:
        _value(fields["value"], f"{where}.value")
    if "effects" in fields:
        for i, e in enumerate(fields["effects"], start=1):
            if not isinstance(e, str):
                raise _Bad(f"{where}.effects[{i}]: expected an effect, found {_kind(e)} {_short(e)}")
            _text(e, f"{where}.effects[{i}]")
        fields["effects"] = tuple(fields["effects"])
    return Intervention(kind, note=note, **fields)
