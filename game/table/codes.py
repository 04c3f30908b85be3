"""Join codes and seat keys: read aloud across a classroom, typed without confusion.

A join code is short: everyone in the room knows it anyway. A key is what keeps a seat's
private screens and orders (or the facilitator's powers) from everyone else who can reach the
table, so it is long enough that guessing is hopeless (64 bits and more), compared in
constant time, and a seat is locked for a while after a few wrong keys (table.py, db.py).
"""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L: a code is copied from a projector by people in a hurry.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 5  # 31**5 is about 29 million codes; a classroom opens a handful
# Eight digits (10**8) fell to about 1,100 guesses a second through the API in a day; thirteen
# symbols of the alphabet above are 31**13, about 2**64.4, shown in groups of four or five.
KEY_LENGTH = 13
KEY_BITS = 64


def new_code() -> str:
    """'K7Q2M' shown as 'K7Q-2M'."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:3]}-{raw[3:]}"


def normalise_code(text: str) -> str | None:
    """What a person typed ('k7q 2m', 'K7Q-2M') as the stored form, or None if it cannot be one."""
    raw = re.sub(r"[\s\-_.]", "", text or "").upper()
    if len(raw) != CODE_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return f"{raw[:3]}-{raw[3:]}"


def new_key() -> str:
    """A seat's (or the facilitator's) key: proves it is the same team coming back. 'HK4M-7QPZ-R2WNE'."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(KEY_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _key_form(text: str) -> str:
    """A key as typed ('hk4m 7qpz r2wne') in its stored form; an old table's eight digits as they are."""
    raw = re.sub(r"[\s\-_.]", "", text).upper()
    if len(raw) == KEY_LENGTH and all(c in ALPHABET for c in raw):
        return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
    return text.strip()


def key_matches(given: object, stored: str | None) -> bool:
    """Whether `given` is the key `stored`, compared in constant time (no early exit that a
    stopwatch could read the key off), whatever case or spacing it was typed in."""
    if stored is None or not isinstance(given, str):
        return False
    return secrets.compare_digest(_key_form(given).encode(), stored.encode())
