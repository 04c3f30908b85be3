"""Reading content files: bytes to TOML tables, with the line of every entry and field.

`tomllib` gives values but not lines, so a small scan of each file's text maps each
`[[kind]]` header (the k-th in the file) and each `key =` inside it to its line number.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import re
import stat
from pathlib import Path

import attrs

from ..core.words import plural

# tomli, not the standard library's tomllib: the same parser, but its wheels are compiled
# (mypyc), and it reads the content about 3.5 times as fast. tomllib stands in on a platform
# where tomli cannot be installed.
try:
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib


@attrs.frozen
class Problem:
    """One thing wrong with the content, said the way an author can act on it."""

    file: str
    line: int
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: entry {self.entry}: {self.field}: {self.message}"


class ContentError(Exception):
    """Content that cannot be played; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        n = len(problems)
        super().__init__(f"{plural(n, 'problem')} in the content")
        self.problems = problems


MAX_FILE_BYTES = 2 * 1024 * 1024
"""A content file's largest size: the shipped files are under 10 kB each."""
LARGEST_NUMBER = 10**12
"""The largest number (in size) a content value may be; the shipped content's are in the thousands."""


class UnreadableFile(OSError):
    """A file refused before parsing: not a plain file, or too large."""


def read_regular_file(path: Path | str, limit: int) -> bytes:
    """The bytes of the plain file at `path`, at most `limit` of them; UnreadableFile (or another
    OSError) otherwise. The file is opened without blocking and checked once open, so a FIFO
    cannot hang the reader and a link to a device (`/dev/zero`) cannot fill the memory."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"is not a plain file ({_file_kind(info.st_mode)})")
        if info.st_size > limit:
            raise UnreadableFile(f"is {_size(info.st_size)}, more than the {_size(limit)} allowed")
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while we read
                raise UnreadableFile(f"is more than the {_size(limit)} allowed")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def number_problem(value: object) -> str:
    """Why a number read from a file cannot be played with ('' when it can): TOML allows
    inf, nan and integers of any length, and each of them crashed a game that used it."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} is not a number the game can use; write a finite number"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > LARGEST_NUMBER:
        return f"{_short_number(value)} is too large; numbers are at most {LARGEST_NUMBER} in size"
    return ""


def _short_number(value: int | float) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text if len(text) <= 20 else f"{text[:12]}... ({len(text)} digits)"


_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.]+)\s*\]\]|^\s*\[\s*([A-Za-z0-9_.]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\"'.-]+)\s*=")


@attrs.define
class Lines:
    """Where each entry (kind, k) and sub-entry (kind.sub, k, j) starts, and its keys."""

    headers: dict = attrs.field(factory=dict)  # (path tuple) -> line
    keys: dict = attrs.field(factory=dict)  # (path tuple, key) -> line

    def of(self, path: tuple, key: str | None = None) -> int:
        if key is not None and (path, key) in self.keys:
            return self.keys[(path, key)]
        while path:
            if path in self.headers:
                return self.headers[path]
            path = path[:-2] if len(path) > 2 else ()
        return 1


def locate(text: str) -> Lines:
    lines = Lines()
    counts: dict[str, int] = {}
    current: tuple = ()
    parent_index: dict[str, int] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.split("#", 1)[0] if '"' not in raw and "'" not in raw else raw
        m = _HEADER.match(stripped)
        if m:
            name = m.group(1) or m.group(2)
            parts = name.split(".")
            array = m.group(1) is not None
            kind = parts[0]
            if len(parts) == 1 and array:
                counts[kind] = counts.get(kind, 0) + 1
                parent_index[kind] = counts[kind] - 1
                current = (kind, counts[kind] - 1)
                counts.pop(f"{kind}.*", None)
            elif len(parts) >= 2:
                base = (kind, parent_index.get(kind, 0))
                sub = parts[1]
                if array:
                    key = f"{kind}.{sub}#{parent_index.get(kind, 0)}"
                    counts[key] = counts.get(key, 0) + 1
                    current = base + (sub, counts[key] - 1)
                else:
                    current = base + (sub, 0)
            else:
                current = (kind, 0)
            lines.headers.setdefault(current, n)
            continue
        k = _KEY.match(raw)
        if k:
            lines.keys.setdefault((current, k.group(1).strip("\"'")), n)
    return lines


@attrs.frozen
class SourceFile:
    path: Path
    name: str  # shown in messages: relative to the content folder's parent
    data: dict
    text: str = attrs.field(repr=False)

    @functools.cached_property
    def lines(self) -> Lines:
        """Where each table and key starts. Only a message about the file needs a line, so
        a clean load never scans for them (it was a tenth of a load)."""
        return locate(self.text)


def read_folder(root: Path) -> tuple[list[SourceFile], list[Problem], str]:
    """Every .toml file under `root`, parsed; problems found; and the content fingerprint."""
    problems: list[Problem] = []
    files: list[SourceFile] = []
    digest = hashlib.sha256()
    shown = root.name or str(root)
    if not root.is_dir():
        return [], [Problem(str(root), 0, "-", "-", "content folder not found")], ""
    paths = _toml_files(root)
    if not paths:
        return [], [Problem(str(root), 0, "-", "-", "no .toml content files in this folder")], ""
    for path in paths:
        rel = path.relative_to(root).as_posix()
        name = f"{shown}/{rel}"
        try:
            raw = read_regular_file(path, MAX_FILE_BYTES)
        except OSError as err:
            problems.append(Problem(name, 0, "-", "-", f"{_os_problem(err)}; content files are plain .toml files"))
            continue
        _fold(digest, rel, raw)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            problems.append(
                Problem(name, line, "-", "-", f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
            )
            continue
        text = text.removeprefix("\ufeff")  # a byte-order mark, as some editors write: not TOML, not meant
        try:
            data = tomllib.loads(text)
        except RecursionError:  # tomli refuses arrays and tables nested over 400 deep this way
            problems.append(Problem(name, 1, "-", "-", "TOML syntax: arrays or tables nested too deep"))
            continue
        except ValueError as exc:  # TOMLDecodeError, or an integer too long to convert
            problems.append(_syntax_problem(name, text, exc))
            continue
        if not data:
            problems.append(
                Problem(name, 1, "-", "-", "holds no entries (emptied by mistake?); restore them, or delete the file")
            )
            continue
        files.append(SourceFile(path, name, data, text))
    return files, problems, digest.hexdigest()


_AT = re.compile(r"\s*\(at line (\d+), column \d+\)")
_ID_LINE = re.compile(r"""^\s*id\s*=\s*["']([^"']*)["']""")
_OPENS_ARRAY = re.compile(r"^\s*([A-Za-z0-9_\"'.-]+)\s*=\s*[\[{]")


def _syntax_problem(name: str, text: str, exc: ValueError) -> Problem:
    """A TOML error said like any other problem: the line, and the entry and field it is in."""
    if not isinstance(exc, tomllib.TOMLDecodeError):
        return Problem(name, 1, "-", "-", "TOML syntax: an integer far too long (more than 4,300 digits)")
    msg = str(exc)
    m = _AT.search(msg)
    line = int(m.group(1)) if m else 1
    msg = _AT.sub("", msg)
    lines = text.splitlines()
    if msg.startswith("Unclosed") and m:
        # tomli notices an unclosed array where the next key starts: point at the one left open
        for n in range(min(line, len(lines)) - 1, 0, -1):
            if _OPENS_ARRAY.match(lines[n - 1]):
                line = n
                msg = f"{msg.lower().replace('unclosed', 'an unclosed')}: it opens on this line and never closes"
                break
    entry, field = "-", "-"
    for n in range(min(line, len(lines)), 0, -1):
        raw = lines[n - 1]
        if n == line and (k := _KEY.match(raw)):
            field = k.group(1).strip("\"'")
        if (i := _ID_LINE.match(raw)) and entry == "-" and i.group(1) and i.group(1).isprintable():
            entry = i.group(1).replace(" ", "_")
        if _HEADER.match(raw.split("#", 1)[0]):
            break
    if entry == "-":  # the id may come after the broken line
        for raw in lines[line:]:
            if _HEADER.match(raw.split("#", 1)[0]):
                break
            if (i := _ID_LINE.match(raw)) and i.group(1) and i.group(1).isprintable():
                entry = i.group(1).replace(" ", "_")
                break
    return Problem(name, line, entry, field, f"TOML syntax: {msg}")


def fingerprint(root: Path) -> str:
    """The hash of every content file's path and bytes: what a save was played with. The
    same as `read_folder`'s, without parsing a file: a balance worker asks before every
    chunk of games whether the content changed."""
    paths = _toml_files(root) if root.is_dir() else []
    if not paths:
        return ""
    digest = hashlib.sha256()
    for path in paths:
        try:
            raw = read_regular_file(path, MAX_FILE_BYTES)
        except OSError:
            return ""  # the load will say what is wrong with it
        _fold(digest, path.relative_to(root).as_posix(), raw)
    return digest.hexdigest()


def _os_problem(err: OSError) -> str:
    return str(err) if isinstance(err, UnreadableFile) else f"cannot be read ({err.strerror or err})"


def _toml_files(root: Path) -> list[Path]:
    # Not only plain files: a FIFO or a link to a device named *.toml is reported, not skipped.
    return sorted(p for p in root.rglob("*.toml") if not p.is_dir())


def _fold(digest, rel: str, raw: bytes) -> None:
    digest.update(rel.encode() + b"\0" + raw + b"\0")
