"""What the content tests share: a writable copy of the small world."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def world(tmp_path):
    """A writable copy of the small valid world, named 'mini' so messages read 'mini/...'."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root
