"""A table's game, rebuilt from its record: the content it keeps, the cached Match replayed up
to the table's resolved quarters and checked by digest, the talks read back into it, and the
save rewritten. A mixin of `Tables` (it reads through its connection helpers).
"""

from __future__ import annotations

import attrs

from ..bots import External
from ..bots.talks import bots_talk
from ..content import Content, ContentError, load
from ..core.words import plural
from ..match import Match
from ..saves.store import write_save
from .rows import offer_text
from .status import Table, TableError

PROGRAM = "external:"  # a seat's controller "external:COMMAND": a program plays it (docs/seat-protocol.md)


class Replaying:
    """The game side of `Tables`."""

    def _take_talks(self, conn, code: str, quarter: int, match: Match) -> None:
        """The quarter's talks as the database holds them, into the game about to play it:
        at a table the bots talk only when a quarter opens (`_open_talks`), so that every
        process plays the talks the teams saw."""
        match.take_talks(self._offers(conn, code, quarter))

    def _open_talks(self, conn, table: Table, match: Match) -> None:
        """A quarter opens: the bots make their offers, stored for every team to read."""
        if match.over or self._offers(conn, table.code, match.state.quarter):
            return
        match.take_talks(bots_talk(match.rules, match.state, match.bots))
        conn.executemany(
            "INSERT INTO offers (code, quarter, n, data) VALUES (?, ?, ?, ?)",
            [(table.code, match.state.quarter, n, offer_text(o)) for n, o in enumerate(match.offers)],
        )

    def _content(self, root: str, fingerprint: str | None = None, fresh: bool = False) -> Content:
        with self._lock:
            content = self._contents.get(root)
            if content is None or fresh or (fingerprint and content.fingerprint != fingerprint):
                try:
                    content = load(root)
                except ContentError as err:
                    n = len(err.problems)
                    raise TableError(f"{err.problems[0]} ({plural(n, 'problem')} in {root})") from None
                self._contents[root] = content
        if fingerprint and content.fingerprint != fingerprint:
            raise TableError(
                f"the content in {root} has changed since this table opened; a table keeps the rules it started with"
            )
        return content

    def _game(self, conn, table: Table) -> Match:
        """The cached game, brought up to the table's resolved quarters and checked by digest."""
        with self._lock:
            match = self._games.get(table.code)
            if match is None or len(match.record.quarters) > table.resolved:
                rules = self._content(table.content_root, table.fingerprint).scenario(table.scenario)
                seats = {s.seat: s.controller for s in table.seats if not s.controller.startswith(PROGRAM)}
                players = {
                    s.seat: External(s.controller.removeprefix(PROGRAM))
                    for s in table.seats
                    if s.controller.startswith(PROGRAM)
                }
                match = Match.start(rules, table.seed, seats, table.fingerprint, players=players)
            self._games[table.code] = match
            done = len(match.record.quarters)
            if done == table.resolved:
                if not match.over:
                    self._take_talks(conn, table.code, match.state.quarter, match)
                return match
            rows = conn.execute(
                "SELECT quarter, digest FROM resolutions WHERE code = ? AND quarter > ? ORDER BY quarter",
                (table.code, done),
            ).fetchall()
            try:
                for row in rows:
                    q = row["quarter"]
                    self._take_talks(conn, table.code, q, match)
                    match.play(self._orders(conn, table.code, q), self._interventions(conn, table.code, q))
                    if match.state.digest() != row["digest"]:
                        raise TableError(
                            f"table {table.code}: quarter {q} replays to a different game than was "
                            "played; the game's code changed since"
                        )
                if not match.over:
                    self._take_talks(conn, table.code, match.state.quarter, match)
            except BaseException:
                self._games.pop(table.code, None)
                raise
            return match

    def _game_copy(self, conn, table: Table) -> Match:
        """A copy a screen may keep: taken under the lock, as another thread's look may be
        playing the cached game on (its state would then run ahead of its history and log)."""
        with self._lock:
            match = self._game(conn, table)
            copy = attrs.evolve(match, history=list(match.history), log=list(match.log), bots=dict(match.bots))
            copy.take_talks(match.offers)  # its own list, and its bots do not talk again
            return copy

    def _write_save(self, match: Match, table: Table) -> None:
        path = self.save_path(table.code)
        roster = tuple((s.seat, s.team, s.players) for s in table.seats if s.team or s.players)
        if roster != match.record.roster:
            match.record = attrs.evolve(match.record, roster=roster)
        try:
            write_save(match, path, mode=0o600)  # it names every seat's orders: its owner's alone
        except OSError as err:
            raise TableError(f"{path}: {err.strerror or err}") from None
