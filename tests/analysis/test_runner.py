"""The batch runner: pieces on any number of workers give the same results in index order,
and Ctrl+C stops a run cleanly with what was finished."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from game.analysis import runner, whatif
from game.analysis.runner import pieces, run
from game.cli import main

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@attrs.frozen
class Done:
    index: int
    square: int


def squares(start: int, count: int) -> list[Done]:
    return [Done(i, i * i) for i in range(start, start + count)]


def test_pieces_cover_every_index_once():
    for total in (1, 7, 100, 1001):
        for workers in (1, 2, 16):
            covered = [i for s, n in pieces(total, workers) for i in range(s, s + n)]
            assert covered == list(range(total))


def test_the_same_results_in_index_order_on_one_and_two_processes():
    args = pieces(40, 2)
    one = run(squares, args, workers=1)
    two = run(squares, args, workers=2)
    assert one == two and [d.index for d in two.results] == list(range(40)) and not two.stopped


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_stops_with_the_pieces_finished(workers):
    heard = []

    def advance(n: int) -> None:
        heard.append(n)
        if len(heard) == 2:
            raise KeyboardInterrupt

    batch = run(squares, [(0, 5), (5, 5), (10, 5), (15, 5)], workers=workers, advance=advance)
    assert batch.stopped
    assert len(batch.results) == 10 and sorted(d.index for d in batch.results) == [d.index for d in batch.results]


def test_whatif_prints_the_partial_result_on_ctrl_c(tmp_path, capsys, monkeypatch):
    path = tmp_path / "game.toml"
    assert main(["simulate", "--content", str(MINI), "--scenario", "mini", "--seed", "4", "--save", str(path)]) == 0
    capsys.readouterr()
    played = []
    real = whatif.play_on

    def interrupted(*args, **kwargs):
        played.append(1)
        if len(played) == 5:  # in the second piece of three
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(whatif, "play_on", interrupted)
    code = main(["whatif", str(path), "--content", str(MINI), "--games", "24", "--workers", "1", "--json"])
    out, err = capsys.readouterr()
    assert code == 130
    data = json.loads(out)
    assert data["stopped"] is True and data["games"] == 3
    assert "stopped: 3 of 24 continuations played" in err


def test_a_cluster_without_distributed_is_one_line(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(runner.ClusterProblem, match=r"pip install 'silicon-curtain\[cluster\]'"):
        run(squares, [(0, 1)], cluster="tcp://127.0.0.1:8786")
