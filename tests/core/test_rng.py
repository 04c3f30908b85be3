"""The two generators: SplitMix64 `Stream` (the game's luck) and `Batch` (a bot's quarter)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.rng import Batch, Stream, seed_state


def test_a_batch_is_the_same_for_the_same_key_on_any_process():
    # A bot's quarter must come out the same in a resumed game, a replay and another machine.
    code = "from game.core.rng import Batch; print(Batch(b'random-bot:7:1:3', 40).words)"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": str(seed)}).stdout for seed in (0, 1)}
    assert runs == {f"{Batch(b'random-bot:7:1:3', 40).words}\n"}


def test_keys_that_differ_by_a_quarter_give_different_numbers():
    assert Batch(b"random-bot:7:1:3", 32).words != Batch(b"random-bot:7:1:4", 32).words


def test_a_batch_gives_exactly_the_words_asked_for():
    draws = Batch(b"k", 3)
    [draws.word() for _ in range(3)]
    with pytest.raises(IndexError):
        draws.word()
    # A short batch still reads one whole digest; the count, not the digest, is the limit.
    with pytest.raises(IndexError):
        Batch(b"k", 3).coins(0.5, 4)
    with pytest.raises(IndexError):
        Batch(b"k", 3).shuffle(list(range(5)))


def test_a_short_batch_is_the_start_of_a_long_one():
    # One digest for up to 32 words, several beyond: both read the same numbers.
    assert Batch(b"random-bot:7:1:3", 20).words[:20] == Batch(b"random-bot:7:1:3", 70).words[:20]


@settings(max_examples=50, deadline=None)
@given(key=st.binary(max_size=20), items=st.lists(st.integers(), max_size=40))
def test_a_shuffle_is_a_permutation(key, items):
    draws = Batch(key, max(1, len(items) - 1))
    assert sorted(draws.shuffle(list(items))) == sorted(items)


def test_coins_and_picks_are_fair_enough_for_a_bot():
    heads = sum(sum(Batch(b"c%d" % i, 10).coins(0.6, 10)) for i in range(4000))
    assert abs(heads / 40_000 - 0.6) < 0.01
    picks = [Batch(b"p%d" % i, 1).below(6) for i in range(30_000)]
    assert all(abs(picks.count(k) / 30_000 - 1 / 6) < 0.01 for k in range(6))


def test_the_game_stream_matches_splitmix64():
    # Reference values of SplitMix64 from seed 0 (Vigna's splitmix64.c): saves depend on them.
    stream = Stream(0)
    assert [stream.next64() for _ in range(3)] == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]
    assert Stream(seed_state(5)).random() == Stream(seed_state(5)).random()
    rolled, stepped = Stream(99), Stream(99)
    assert rolled.random() == (stepped.next64() >> 11) / 2**53  # random() inlines the same step
    assert rolled.state == stepped.state


@given(state=st.integers(0, 2**64 - 1), skip=st.integers(0, 5), reads=st.integers(0, 40))
def test_a_tape_reads_as_a_fresh_stream_would(state, skip, reads):
    from game.core.rng import Tape

    tape = Tape(state)
    tape.reader(3).random()  # another reader has been over part of it already
    reader, stream = tape.reader(skip), Stream(state)
    for _ in range(skip):
        stream.next64()
    assert [reader.random() for _ in range(reads)] == [stream.random() for _ in range(reads)]
    assert reader.state == stream.state
