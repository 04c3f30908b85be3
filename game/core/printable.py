"""Text from files, made safe to show: control characters become visible symbols.

Content and saves refuse control characters when they are read, but a file name, a table's
database or a message built from either can still carry one; an ESC reaching a terminal
starts a command (OSC 0 retitles the window), a carriage return overwrites the line. Every
place that prints or shows such text passes it through `printable`.
"""

from __future__ import annotations

import re

# C0 (less tab and newline), DEL, C1, and the Unicode controls that reorder text.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: ESC shows as ␛, BEL as ␇
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


VISIBLE: dict[int, str] = {
    code: (chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd")
    for code in [
        *range(0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
}
"""Each control character and the symbol that shows it: a `str.translate` table."""


def printable(text: str) -> str:
    """`text` with each control character replaced by a visible symbol; tabs and newlines kept."""
    return CONTROL.sub(_visible, text) if CONTROL.search(text) else text
