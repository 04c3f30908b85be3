"""A rich progress bar with an ETA on stderr, for long batch runs; silent when stderr is not
a terminal or the output is JSON for a program."""

from __future__ import annotations

import sys


class progress:
    """`with progress(total, "simulating", "games") as advance: ... advance(n)`."""

    def __init__(self, total: int, doing: str = "simulating", unit: str = "games", quiet: bool = False):
        self.total, self.doing, self.unit, self.quiet = total, doing, unit, quiet
        self.bar = None
        self.task = None

    def resize(self, total: int) -> None:
        """The total, once the work turns out larger or smaller than first thought."""
        self.total = total
        if self.bar is not None:
            self.bar.update(self.task, total=total)

    def __enter__(self):
        if self.quiet or not sys.stderr.isatty():
            return lambda n: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn(self.doing),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(self.unit),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = task = self.bar.add_task(self.unit, total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False
