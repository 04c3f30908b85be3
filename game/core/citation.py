"""Where a piece of content comes from: the citations behind a `happened` text, or the mark
that an entry is invented (and, where one exists, the real thing it resembles).

Values only, and the one way to say them in words, so the report and the debrief cite alike.
"""

from __future__ import annotations

import re

import attrs

FICTIONAL = "fictional"

# An ISO date, to the day or (when only the month is known) to the month.
ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])(?:-(?P<day>0[1-9]|[12]\d|3[01]))?$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_words(iso: str) -> str:
    """'2026-01-15' -> '15 Jan 2026'; '2026-01' -> 'Jan 2026'; anything else unchanged."""
    m = ISO_DATE.match(iso)
    if not m:
        return iso
    month = _MONTHS[int(m.group("month")) - 1]
    day = m.group("day")
    return f"{int(day)} {month} {m.group('year')}" if day else f"{month} {m.group('year')}"


@attrs.frozen
class Citation:
    """One publication: who published it, when, what it is called and where to read it."""

    outlet: str  # the publisher or body: "Reuters", "Federal Register", "Congress.gov"
    date: str  # ISO: "2026-01-15", or "2026-01" when only the month is known
    title: str = ""  # the headline or the document's name, as published
    note: str = ""  # what in it the entry rests on, in a few words
    url: str = ""  # where it can be read; a reprint's when the original is paywalled
    via: str = ""  # the reprint the url points to, when it is not the outlet's own page

    def words(self) -> str:
        """'Federal Register, "Revision to …", 15 Jan 2026', or with a note and a reprint
        'Reuters, 28 Jan 2026: over 400,000 H200s approved (read via Geo.tv)'."""
        return self.lead() + self.tail()

    def lead(self) -> str:
        """Outlet, title and date: the part of the citation a link is put on."""
        parts = [self.outlet]
        if self.title:
            parts.append(f"\u201c{self.title}\u201d")
        parts.append(date_words(self.date))
        return ", ".join(parts)

    def tail(self) -> str:
        """The note and the reprint, after the lead."""
        note = f": {self.note}" if self.note else ""
        return note + (f" (read via {self.via})" if self.via else "")


@attrs.frozen
class Source:
    """What an entry rests on: citations, or `fictional` (invented for the game), in which
    case `counterpart` may say, in one line, the real event it resembles, with its own citations."""

    citations: tuple[Citation, ...] = ()
    fictional: bool = False
    counterpart: str = ""
    counterpart_citations: tuple[Citation, ...] = ()

    def __bool__(self) -> bool:
        return self.fictional or bool(self.citations)

    def words(self) -> str:
        """The citations in one line, separated by semicolons; 'fictional' for an invented entry."""
        if self.fictional:
            return FICTIONAL
        return "; ".join(c.words() for c in self.citations)

    def counterpart_words(self) -> str:
        """'Real counterpart: … (JURIST, Sep 2025)', or '' when there is none."""
        if not self.counterpart:
            return ""
        cited = "; ".join(c.words() for c in self.counterpart_citations)
        return f"Real counterpart: {self.counterpart}" + (f" ({cited})" if cited else "")


NO_SOURCE = Source()
INVENTED = Source(fictional=True)
