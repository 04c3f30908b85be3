"""A seeded generator whose whole state is one integer, so it lives in the game state.

SplitMix64: tiny, fast in pure Python, well distributed, and identical on every machine
and Python build (no dependence on `random`'s implementation or PYTHONHASHSEED).
"""

from __future__ import annotations

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15


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

    def below(self, n: int) -> int:
        """An int in [0, n); n is small here, so modulo bias is negligible (< 2**-50)."""
        return self.next64() % n

    def shuffle(self, items: list) -> list:
        """Fisher-Yates with `below`, the SplitMix64 step written out in the loop: bots
        shuffle their menus every quarter, and two method calls per item were most of it."""
        s = self.state
        for i in range(len(items) - 1, 0, -1):
            s = (s + _GOLDEN) & _MASK
            z = ((s ^ (s >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
            j = (z ^ (z >> 31)) % (i + 1)
            items[i], items[j] = items[j], items[i]
        self.state = s
        return items
