"""Textual's Footer, redrawn only when the keys it shows change.

The stock Footer rebuilds all its keys on every bindings signal (screen resume, each focus
change), several times per screen; in a game that changes screens every few seconds that
was most of the time spent switching. The keys shown are the same, so the rebuild is skipped.
"""

from __future__ import annotations

from textual.widgets import Footer


class GameFooter(Footer):
    def __init__(self, **kwargs):
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)
        self._shown: tuple | None = None

    def bindings_changed(self, screen) -> None:
        shown = tuple(
            (key, binding.action, binding.description, enabled)
            for key, (_, binding, enabled, _) in screen.active_bindings.items()
            if binding.show or key == self.app.COMMAND_PALETTE_BINDING
        )
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)
