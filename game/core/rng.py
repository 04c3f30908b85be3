"""A seeded generator whose whole state is one integer, so it lives in the game state.

SplitMix64: tiny, fast in pure Python, well distributed, and identical on every machine
and Python build (no dependence on `random`'s implementation or PYTHONHASHSEED). `Batch`
is the counter-based companion for callers that need many numbers at once from a key.
"""

from __future__ import annotations

import hashlib
import struct

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_BLOCK = struct.Struct("<32H")  # one BLAKE2b digest (64 bytes, its default size) as 16-bit words


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
        """A float in [0, 1): `next64`'s top 53 bits. The step is written out here too, as
        every roll of the game comes through this method and the call it saves is a third
        of its cost."""
        self.state = s = (self.state + _GOLDEN) & _MASK
        z = ((s ^ (s >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return ((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0)


class Tape:
    """The floats a `Stream` from `state` gives, worked out once and read many times.

    A bot weighs a dozen orders by imagining the same quarter from the same state, so each
    imagined quarter draws the very same numbers; a tape computes each of them once and every
    reader replays it, exactly as a fresh Stream would give it.
    """

    __slots__ = ("start", "floats")

    def __init__(self, state: int):
        self.start = state
        self.floats: list[float] = []

    def reader(self, skip: int = 0) -> "TapeReader":
        """A reader standing where a Stream from `state` is after `skip` draws."""
        return TapeReader(self, skip)

    def extend(self, upto: int) -> None:
        floats = self.floats
        stream = Stream((self.start + len(floats) * _GOLDEN) & _MASK)
        while len(floats) <= upto:
            floats.append(stream.random())


class TapeReader:
    """Reads a `Tape` as `Stream.random` would give its numbers; `state` is the Stream's."""

    __slots__ = ("tape", "floats", "at")

    def __init__(self, tape: Tape, at: int):
        self.tape = tape
        self.floats = tape.floats  # the tape's own list, which only grows: one lookup less a roll
        self.at = at

    def random(self) -> float:
        at = self.at
        self.at = at + 1
        try:
            return self.floats[at]
        except IndexError:  # past what any reader drew before: once a number, so rare
            self.tape.extend(at)
            return self.floats[at]

    @property
    def state(self) -> int:
        # A SplitMix64 state moves by the same constant each draw: n draws on is start + n * G.
        return (self.tape.start + self.at * _GOLDEN) & _MASK


class Batch:
    """`count` random 16-bit words read off BLAKE2b digests of `key` and a block counter.

    A counter-based stream for a caller that needs a few dozen small numbers at once and
    then none (a random bot's quarter: a shuffle of its menu and a coin an action): one C
    call per 32 words instead of a SplitMix64 step in Python for each. Like `Stream`, the
    same on every machine and Python build. Sixteen bits are plenty for menus of a dozen
    actions: a pick is biased by less than n / 65536. Reading more than `count` words
    raises IndexError, so a caller cannot silently repeat itself.
    """

    __slots__ = ("words", "at", "end")

    def __init__(self, key: bytes, count: int):
        if count <= 32:  # the common case, one digest: a random bot's quarter is ~25 words
            self.words = _BLOCK.unpack(hashlib.blake2b(key).digest())
        else:
            blocks = hashlib.blake2b(key).digest()
            for i in range(1, -(-count // 32)):
                blocks += hashlib.blake2b(key + b"#%d" % i).digest()
            self.words = struct.unpack_from(f"<{count}H", blocks)
        self.at = 0
        self.end = count

    def _take(self, n: int) -> int:
        """Where the next `n` words start; they count as read."""
        at = self.at
        if at + n > self.end:
            raise IndexError(f"Batch: more than the {self.end} words asked for were read")
        self.at = at + n
        return at

    def word(self) -> int:
        return self.words[self._take(1)]

    def below(self, n: int) -> int:
        """An int in [0, n), for small n (bias < n / 65536)."""
        return self.word() % n

    def coins(self, p: float, n: int) -> list[bool]:
        """`n` coins, each True with probability `p`."""
        at = self._take(n)
        limit = p * 65536.0
        return [w < limit for w in self.words[at:at + n]]

    def shuffle(self, items: list) -> list:
        """Fisher-Yates, len(items) - 1 words."""
        words, at = self.words, self._take(max(0, len(items) - 1))
        for i in range(len(items) - 1, 0, -1):
            j = words[at] % (i + 1)
            at += 1
            items[i], items[j] = items[j], items[i]
        return items
