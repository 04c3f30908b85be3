"""Join codes and seat keys: short, read aloud across a classroom, typed without confusion."""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L: a code is copied from a projector by people in a hurry.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 5  # 31**5 is about 29 million codes; a classroom opens a handful
# Eight digits: a key guards a seat's private screens and orders from anyone on the network who
# knows the table code (everyone in the room does). 10**8 keys at a wrong guess per server
# round trip outlast any class by weeks; digits still type fast, and old tables keep theirs.
KEY_DIGITS = 8


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
    """A seat's (or the facilitator's) key: proves it is the same team coming back."""
    return f"{secrets.randbelow(10**KEY_DIGITS):0{KEY_DIGITS}d}"
