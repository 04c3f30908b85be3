"""A seeded generator whose whole state is one integer, so it lives in the game state.

SplitMix64: tiny, fast in pure Python, well distributed, and identical on every machine
and Python build (no dependence on `random`'s implementation or PYTHONHASHSEED).
`keyed_words` is the counter-based companion for callers that need many numbers at once from a key.
"""

from __future__ import annotations

import hashlib
import struct
from typing import Protocol

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
# The first n 16-bit words of one BLAKE2b digest (64 bytes, its default size): read only the
# words asked for, as each one read is an int to allocate.
_WORDS = tuple(struct.Struct(f"<{n}H") for n in range(33))


def seed_state(seed: int) -> int:
    """The generator state for a user-facing seed (any int, even negative or huge)."""
    return (seed * _GOLDEN) & _MASK


class Stream:
    """A mutable cursor used inside one pure function; its `state` is written back out."""

    __slots__ = ("state",)

    def __init__(self, state: int):
        self.state = state

    def next64(self) -> int:
        self.state = s = (self.state + _GOLDEN) & _MASK
        z = ((s ^ (s >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def random(self) -> float:
        """A float in [0, 1): `next64`'s top 53 bits (the step written out: README, Performance)."""
        self.state = s = (self.state + _GOLDEN) & _MASK
        z = ((s ^ (s >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return ((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0)


class Generator(Protocol):
    """What the engine draws from: a `Stream`, or a reader of `Rolls` standing where one would."""

    @property
    def state(self) -> int: ...

    def random(self) -> float: ...


class Rolls:
    """The floats a `Stream` from `state` gives, each worked out once for many readers.

    A bot weighs a dozen orders by imagining the same quarter from one state, and each
    imagined quarter draws the same numbers: they are drawn once (README, Performance).
    """

    __slots__ = ("start", "stream", "floats")

    def __init__(self, state: int) -> None:
        self.start = state
        self.stream = Stream(state)
        self.floats: list[float] = []

    def reader(self, skip: int = 0) -> RollReader:
        """A reader standing where a Stream from `state` stands after `skip` draws."""
        return RollReader(self, skip)


class RollReader:
    """Reads `Rolls` as `Stream.random` would give them; `state` is that Stream's."""

    __slots__ = ("rolls", "at")

    def __init__(self, rolls: Rolls, at: int) -> None:
        self.rolls = rolls
        self.at = at

    def random(self) -> float:
        at = self.at
        self.at = at + 1
        floats = self.rolls.floats
        while len(floats) <= at:  # past what any reader drew before
            floats.append(self.rolls.stream.random())
        return floats[at]

    @property
    def state(self) -> int:
        # A SplitMix64 state moves by the same constant each draw: n draws on is start + n * G.
        return (self.rolls.start + self.at * _GOLDEN) & _MASK


def keyed_words(key: bytes, count: int) -> tuple[int, ...]:
    """`count` random 16-bit words read off BLAKE2b digests of `key` and a block counter.

    A counter-based stream for a caller that needs a few dozen small numbers at once and
    then none (a random bot's quarter: a word an action): one C call per 32 words instead of
    a SplitMix64 step in Python for each. Like `Stream`, the same on every machine and
    Python build. Sixteen bits are plenty for menus of a dozen actions: a pick `word % n`
    is biased by less than n / 65536.
    """
    if count <= 32:  # the common case, one digest: a random bot's quarter is about a dozen words
        return _WORDS[count].unpack_from(hashlib.blake2b(key).digest())
    blocks = hashlib.blake2b(key).digest()
    for i in range(1, -(-count // 32)):
        blocks += hashlib.blake2b(key + b"#%d" % i).digest()
    return struct.unpack_from(f"<{count}H", blocks)
