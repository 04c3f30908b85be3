"""Textual's Header, whose title update gives way when the header is being taken down.

Textual's Header redraws its title from watchers of the app's and the screen's titles. When
a title changes while the header's children are already removed (a screen closing as a table
reading lands, on a loaded machine), its watcher finds no HeaderTitle and the app stops with
NoMatches. This header skips that update: a header on its way out has nothing to show.
"""

from __future__ import annotations

import contextlib

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widget import Widget
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class GameHeader(Header):
    def _on_mount(self, event: Mount) -> None:
        async def set_title() -> None:
            with contextlib.suppress(NoScreen, NoMatches):
                self.query_one(HeaderTitle).update(self.format_title())

        for node, name in (
            (self.app, "title"),
            (self.app, "sub_title"),
            (self.screen, "title"),
            (self.screen, "sub_title"),
        ):
            self.watch(node, name, set_title)
        Widget._on_mount(self, event)
        event.prevent_default()  # Header's own _on_mount would add its untolerant watchers
