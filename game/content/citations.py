"""Reading `source`, `counterpart_source` and `as_of`: citations as tables, checked field by field.

A `source` is either the word "fictional" (the entry is invented for the game) or a list of
citations, each a table with `outlet` and `date` and, where they exist, `title`, `note` (what
in it the entry rests on), `url` and `via` (the reprint the url points to). Dates are ISO, to
the day or the month ("2026-01-15", "2026-01"); a TOML date (2026-01-15, unquoted) is read
the same way. A problem names the citation and its field: `source[2].date: ...`.
"""

from __future__ import annotations

import datetime
import re

import attrs

from ..core.citation import FICTIONAL, INVENTED, ISO_DATE, Citation, Source
from .sources import Problem

CITATION_FIELDS = {"outlet": True, "date": True, "title": False, "note": False, "url": False, "via": False}
_TABLE_OPENS = re.compile(r"(?:^|[\[,])\s*\{")  # an inline table starting in a list
_FORMAT = '"fictional", or a list of citations like [{ outlet = "Reuters", date = "2026-01-28" }]'


def date_text(value) -> str | None:
    """The ISO text of a content date, or None when it is not one."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        year, month, *day = (int(x) for x in value.strip().split("-"))
        try:
            datetime.date(year, month, day[0] if day else 1)
        except ValueError:
            return None
        return value.strip()
    return None


def date_problem(value) -> str | None:
    if date_text(value) is not None:
        return None
    return f'expected a date like "2026-01-15" (or "2026-01" for a month), got {_describe(value)}'


def check_source(entry, field: str, value, problems: list[Problem], fictional_ok: bool = True) -> bool:
    """Report what is wrong with a `source` (or `counterpart_source`); True when it can be read."""
    if fictional_ok and isinstance(value, str) and value.strip() == FICTIONAL:
        return True
    if not isinstance(value, list) or not value:
        expected = _FORMAT if fictional_ok else _FORMAT.split(", or ", 1)[1]
        problems.append(entry.problem(field, f"expected {expected}, got {_describe(value)}"))
        return False
    ok = True
    for i, item in enumerate(value, start=1):
        where = f"{field}[{i}]"

        def report(key: str, message: str, where=where, i=i) -> None:
            problem = entry.problem(f"{where}.{key}" if key else where, message)
            line = _citation_line(entry, field, i)  # only for a problem: it reads the file's text
            problems.append(attrs.evolve(problem, line=line) if line else problem)

        if not isinstance(item, dict):
            expected = "a table { outlet = ..., date = ... }"
            report("", f"expected {expected}, got {_describe(item)}")
            ok = False
            continue
        for key in item:
            if key not in CITATION_FIELDS:
                known = ", ".join(CITATION_FIELDS)
                report(key, f"unknown field of a citation; known: {known}")
                ok = False
        for key, required in CITATION_FIELDS.items():
            if key not in item:
                if required:
                    report(key, "missing (required)")
                    ok = False
                continue
            v = item[key]
            if key == "date":
                message = date_problem(v)
            elif not isinstance(v, str) or not v.strip():
                message = f"expected a text, got {_describe(v)}"
            elif key == "url" and not v.startswith(("https://", "http://")):
                message = f"expected a web address starting https://, got {_describe(v)}"
            else:
                message = None
            if message:
                report(key, message)
                ok = False
    return ok


def _citation_line(entry, field: str, i: int) -> int | None:
    """The line the i-th citation of `field` starts on, when the list is written inline, one
    table a line or several; None when it cannot be told (a [[kind.source]] table, say)."""
    start = entry.file.lines.keys.get((entry.path, field))
    if start is None:
        return None
    lines = entry.file.text.splitlines()
    seen = 0
    for n in range(start - 1, len(lines)):
        text = lines[n].split("=", 1)[1] if n == start - 1 else lines[n]
        if n > start - 1 and (text.lstrip().startswith("[") and "=" not in text or re.match(r"^\s*\w+\s*=", text)):
            return None  # the next key or table: the list ended before the i-th
        seen += len(_TABLE_OPENS.findall(text.strip()))
        if seen >= i:
            return n + 1
    return None


def check_counterpart(entry, problems: list[Problem]) -> bool:
    """A counterpart belongs to an invented entry and comes with its own citations."""
    data = entry.data
    source = data.get("source")
    fictional = isinstance(source, str) and source.strip() == FICTIONAL
    if "counterpart" in data and not fictional:
        problems.append(
            entry.problem(
                "counterpart",
                'only an invented entry (source = "fictional") has a real counterpart; '
                "a sourced one says what happened in `happened`",
            )
        )
        return False
    if "counterpart_source" in data and "counterpart" not in data:
        problems.append(entry.problem("counterpart_source", "cites a counterpart, but `counterpart` is missing"))
        return False
    return True


def citations(value) -> tuple[Citation, ...]:
    """The citations of a checked list (see `check_source`)."""
    if not isinstance(value, list):
        return ()
    return tuple(
        Citation(
            outlet=item["outlet"].strip(),
            date=date_text(item["date"]) or "",
            title=item.get("title", "").strip(),
            note=item.get("note", "").strip(),
            url=item.get("url", "").strip(),
            via=item.get("via", "").strip(),
        )
        for item in value
    )


def source_of(data: dict) -> Source:
    """An entry's checked `source`, with its counterpart when it is invented."""
    value = data.get("source")
    if value is None:
        return Source()
    if isinstance(value, str):  # checked: the word "fictional"
        counterpart = data.get("counterpart", "")
        if not counterpart:
            return INVENTED
        return Source(
            fictional=True,
            counterpart=counterpart.strip(),
            counterpart_citations=citations(data.get("counterpart_source")),
        )
    return Source(citations=citations(value))


def _describe(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) < 40 else "a text"
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    if isinstance(value, dict):
        return "a table"
    return repr(value)
