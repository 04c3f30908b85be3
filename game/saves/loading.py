"""Opening a save against the content at hand: read strictly, replay, and accept it only if
the replay reproduces every state the save records.

A save from other content (its fingerprint differs) is refused with OtherContent, which
carries the replay on this content, so the user can be offered to replay it anyway and
told the first quarter whose digest no longer matches.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from ..bots import BOTS
from ..core.model import Rules
from ..match import Match, Record
from ..match.replay import Replay, replay
from .reader import SaveError, read_record


class OtherContent(SaveError):
    """The save was made with other content; `run` is its replay on this content."""

    def __init__(self, path: Path, problem: str, advice: str, run: Replay):
        super().__init__(path, problem, advice)
        self.run = run

    @property
    def resumable(self) -> bool:
        """Every digest still matches: the content changed in ways this game never read."""
        return self.run.faithful


@attrs.frozen
class Loaded:
    path: Path
    record: Record
    rules: Rules
    run: Replay
    fingerprint: str  # the content's at hand
    other_content: bool = False  # opened "anyway": the save's fingerprint is not this content's

    def match(self) -> Match:
        """The game, ready to play on; autosaves go back to the file it came from."""
        if not self.run.faithful:
            raise SaveError(
                self.path,
                f"cannot be resumed on this content ({self.run.problem()})",
                "Replay it, and branch a new game from a quarter before that",
            )
        # Every digest matched on this content, so from here on it is a game of this content.
        record = attrs.evolve(self.record, content=self.fingerprint)
        return Match.from_record(self.rules, record, save_path=self.path)


def load_game(path: Path | str, content, *, anyway: bool = False, verify: bool = True) -> Loaded:
    """The save at `path`, replayed on `content`; SaveError (or OtherContent) if it cannot be
    trusted. With `anyway`, a save from other content is accepted as far as it replays;
    without `verify`, so is one whose replay differs (for `replay --check` to report)."""
    path = Path(path)
    record = read_record(path)
    other = record.content != content.fingerprint
    made = " (the save was made with other content)" if other else ""
    rules = content.scenarios.get(record.scenario)
    if rules is None:
        known = ", ".join(sorted(content.scenarios)) or "none"
        raise SaveError(
            path,
            f"is a game of scenario {record.scenario!r}, which this content does not have (it has: {known}){made}",
            "Open it with the content it was made with (--content DIR)",
        )
    if [s for s, _ in record.seats] != list(rules.seat_ids):
        raise SaveError(
            path,
            f"has seats {', '.join(s for s, _ in record.seats)}; scenario {rules.scenario!r} in "
            f"this content has {', '.join(rules.seat_ids)}{made}",
            "Open it with the content it was made with (--content DIR)",
        )
    for seat, controller in record.seats:
        level = controller.split(":", 1)[1] if controller.startswith("bot:") else None
        if level is not None and level not in BOTS:
            raise SaveError(
                path,
                f"seats.{seat}: no bot {level!r} in this version (bots: {', '.join(sorted(BOTS))})",
                "Update the game to open it",
            )
    run = replay(rules, record)
    if other and not anyway:
        if run.faithful:
            found = "every quarter's digest still matches"
        elif run.divergence is not None:
            found = f"the first quarter whose digest differs is {run.divergence.describe()}"
        else:
            found = f"the replay stops at {run.stopped}"
        raise OtherContent(
            path,
            f"was made with other content (fingerprint {record.content[:12] or 'none'}, this "
            f"content {content.fingerprint[:12]}); replayed on this content, {found}",
            "Replay it anyway to see the difference" + (", or resume it anyway" if run.faithful else ""),
            run,
        )
    if verify and not other and not run.faithful:
        raise SaveError(
            path,
            f"does not replay to the game it records: {run.problem()}",
            "The file was edited or damaged; restore a copy, or open another save",
        )
    return Loaded(path, record, rules, run, content.fingerprint, other)
