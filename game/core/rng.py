"""A seeded generator whose whole state is one integer, so it lives in the game state.

SplitMix64: tiny, fast in pure Python, well distributed, and identical on every machine
and Python build (no dependence on `random`'s implementation or PYTHONHASHSEED). `words`
is the counter-based companion for callers that need many numbers at once from a key.
"""

from __future__ import annotations

import hashlib
import struct

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
        while len(floats) <= upto:
            floats += _block((self.start + len(floats) * _GOLDEN) & _MASK)


# `_block` works out _LANES numbers of a Stream side by side, in one big integer of _LANES
# lanes: lane i holds the stream's i-th state, in 128 bits, room for a 64-bit value times a
# 64-bit constant, so products never spill into the next lane. A shift brings the lane
# above's low bits into the top of a lane; the masks cut them off before they matter.
_LANES = 32
_ONES = sum(1 << (128 * i) for i in range(_LANES))
_STEPS = _GOLDEN * sum((i + 1) << (128 * i) for i in range(_LANES))
_LOW64 = _MASK * _ONES
_LOW53 = ((1 << 53) - 1) * _ONES
_LANE_WORDS = struct.Struct(f"<{2 * _LANES}Q")  # each lane as two 64-bit words, low first
_SCALE = (1.0 / 9007199254740992.0).__mul__


def _block(state: int) -> list[float]:
    """The next _LANES floats of a Stream standing at `state`, exactly as `random` gives
    them: a dozen big-integer operations for all of them, about a third of the cost of
    stepping a Stream as many times (tested equal)."""
    z = (state * _ONES + _STEPS) & _LOW64
    z = (((z ^ (z >> 30)) & _LOW64) * 0xBF58476D1CE4E5B9) & _LOW64
    z = (((z ^ (z >> 27)) & _LOW64) * 0x94D049BB133111EB) & _LOW64
    z = ((z ^ (z >> 31)) >> 11) & _LOW53
    return list(map(_SCALE, _LANE_WORDS.unpack(z.to_bytes(16 * _LANES, "little"))[::2]))


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


def words(key: bytes, count: int) -> tuple[int, ...]:
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
