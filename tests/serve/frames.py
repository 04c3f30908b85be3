"""What the served app paints, as text: for the websocket test and the browser test alike."""

from __future__ import annotations

import re

ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
TAGLINE = "quarter by quarter"  # on the title screen, under the banner


def screen_text(raw: bytes) -> str:
    """The text in the terminal output `raw` (escape sequences dropped)."""
    return ANSI.sub("", raw.decode("utf-8", "replace"))
