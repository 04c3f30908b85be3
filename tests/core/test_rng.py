"""The two generators: SplitMix64 `Stream` (the game's luck) and `keyed_words` (a bot's quarter)."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.rng import Rolls, Stream, keyed_words, seed_state


def test_words_are_the_same_for_the_same_key_on_any_process():
    # A bot's quarter must come out the same in a resumed game, a replay and another machine.
    code = "from game.core.rng import keyed_words; print(keyed_words(b'random-bot:7:1:3', 40))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": str(seed)}
        ).stdout
        for seed in (0, 1)
    }
    assert runs == {f"{keyed_words(b'random-bot:7:1:3', 40)}\n"}


def test_keys_that_differ_by_a_quarter_give_different_numbers():
    assert keyed_words(b"random-bot:7:1:3", 32) != keyed_words(b"random-bot:7:1:4", 32)


@settings(max_examples=50, deadline=None)
@given(key=st.binary(max_size=20), count=st.integers(0, 100))
def test_words_are_as_many_as_asked_16_bit_and_a_short_run_starts_a_long_one(key, count):
    # One digest for up to 32 words, several beyond: both read the same numbers.
    drawn = keyed_words(key, count)
    assert len(drawn) == count
    assert all(0 <= w < 65536 for w in drawn)
    assert keyed_words(key, count + 40)[:count] == drawn


def test_words_are_fair_enough_for_a_bot():
    drawn = [w for i in range(2000) for w in keyed_words(b"w%d" % i, 20)]
    assert abs(sum(w < 0.6 * 65536 for w in drawn) / len(drawn) - 0.6) < 0.01
    picks = [w % 6 for w in drawn]
    assert all(abs(picks.count(k) / len(picks) - 1 / 6) < 0.01 for k in range(6))
    # Each bit is a fair coin: a word's bits are not tied to one another or to the key.
    assert all(abs(sum(w >> bit & 1 for w in drawn) / len(drawn) - 0.5) < 0.01 for bit in range(16))


def test_the_game_stream_matches_splitmix64():
    # Reference values of SplitMix64 from seed 0 (Vigna's splitmix64.c): saves depend on them.
    stream = Stream(0)
    assert [stream.next64() for _ in range(3)] == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]
    assert Stream(seed_state(5)).random() == Stream(seed_state(5)).random()
    rolled, stepped = Stream(99), Stream(99)
    assert rolled.random() == (stepped.next64() >> 11) / 2**53  # random() inlines the same step
    assert rolled.state == stepped.state


@given(state=st.integers(0, 2**64 - 1), skip=st.integers(0, 40), reads=st.integers(0, 40))
def test_rolls_read_as_a_fresh_stream_would(state, skip, reads):
    rolls = Rolls(state)
    rolls.reader(3).random()  # another reader has been over part of them already
    reader, stream = rolls.reader(skip), Stream(state)
    for _ in range(skip):
        stream.random()
    assert reader.state == stream.state
    assert [reader.random() for _ in range(reads)] == [stream.random() for _ in range(reads)]
    assert reader.state == stream.state
