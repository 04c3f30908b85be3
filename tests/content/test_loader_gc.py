"""A load pauses the cyclic garbage collector (it frees nothing worth a pass) and always
gives it back as it found it, whether the content loads or not."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from game.content import ContentError, load

CONTENT = Path(__file__).parents[2] / "content"


def test_a_load_leaves_the_collector_as_it_found_it(tmp_path):
    (tmp_path / "broken.toml").write_text("[[track]\n", encoding="utf-8")
    assert gc.isenabled()
    load(CONTENT)
    assert gc.isenabled()
    with pytest.raises(ContentError):
        load(tmp_path)
    assert gc.isenabled()
    gc.disable()
    try:
        load(CONTENT)
        assert not gc.isenabled()
    finally:
        gc.enable()
