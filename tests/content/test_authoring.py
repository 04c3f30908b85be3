"""The authoring guide's examples, checked by the real loader and the real `validate` command.

A guide that teaches broken TOML is worse than none. Reference blocks are loaded beside the
shipped content (their ids repeat shipped ones on purpose, so only duplicate-id problems are
expected); the worked example is added to a copy of the shipped content exactly as the guide
says, its typo must give the output the guide shows, and its balancing change must load.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

from game.content import ContentError, load

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "authoring.md").read_text()
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
BLOCKS = FENCE.findall(GUIDE)
EXAMPLE = "# content/"  # the first line of a worked-example block names the file it goes in
REFERENCE = [body for lang, body in BLOCKS if lang == "toml" and not body.startswith(EXAMPLE)]
WORKED = [body for lang, body in BLOCKS if lang == "toml" and body.startswith(EXAMPLE)]
OUTPUTS = [body for lang, body in BLOCKS if lang == "text"]


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"  # named so, messages read 'content/...' as in the guide
    shutil.copytree(ROOT / "content", root)
    return root


def _add_worked_example(root: Path, blocks=None) -> None:
    for body in blocks or WORKED:
        rel = body.splitlines()[0].removeprefix("# content/").strip()
        with (root / rel).open("a") as f:
            f.write("\n" + body.split("\n", 1)[1])


def _validate(root: Path) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-m", "game", "validate", "--content", str(root)],
        cwd=root.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # this checkout's game, not an installed one
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, (done.stdout + done.stderr).splitlines()


def _shape(lines) -> list[str]:
    """Output with what varies between machines and content versions blanked: the folder,
    the fingerprint, and every number (line numbers, counts)."""
    out = []
    for line in lines:
        line = re.sub(r"^(content OK: )\S+\s+\(fingerprint \w+\)", r"\1DIR (fingerprint F)", line)
        out.append(re.sub(r"\d+", "N", line.rstrip()))
    return out


def _shown(marker: str, prompted: bool = True) -> list[str]:
    """The lines of the guide's one output block that contains `marker` and does (or does
    not) start with a `$ python -m game validate` prompt, without the prompt."""
    (body,) = [b for b in OUTPUTS if marker in b and b.startswith("$ ") == prompted]
    return [line for line in body.splitlines() if not line.startswith("$ ")]


def test_the_guide_has_reference_blocks_and_a_worked_example():
    kinds = {re.search(r"\[\[(\w+)", b).group(1) for b in REFERENCE}
    assert {"track", "seat", "action", "event", "deal", "rule", "scenario"} <= kinds
    assert any("leaks = true" in b for b in REFERENCE)
    files = sorted(b.splitlines()[0] for b in WORKED)
    assert files == ["# content/actions/lawmaker.toml", "# content/deals/deals.toml", "# content/events/us_policy.toml"]


@pytest.mark.parametrize("block", REFERENCE, ids=lambda b: re.search(r"\[\[(\w+)", b).group(1))
def test_each_reference_block_loads_beside_the_shipped_content(tmp_path, block):
    root = _copy(tmp_path)
    (root / "guide_example.toml").write_text(block)
    try:
        load(root)
    except ContentError as err:
        ours = [
            str(p)
            for p in err.problems
            if p.file.endswith("guide_example.toml") and not p.message.startswith("duplicate")
        ]
        assert not ours, "\n".join(ours)
    else:
        pytest.fail("the block repeats no shipped id; the guide's examples are meant to mirror shipped entries")


def test_the_worked_example_loads_and_joins_the_h200_scenario(tmp_path):
    root = _copy(tmp_path)
    _add_worked_example(root)
    rules = load(root).scenario("h200")
    added = [tomllib.loads(b) for b in WORKED]
    action = next(d["action"][0] for d in added if "action" in d)
    event = next(d["event"][0] for d in added if "event" in d)
    assert rules.action(action["id"]).seat == action["seat"]
    assert event["id"] in {e.id for e in rules.events}
    assert f"after 2: event {event['id']}" in action["effects"]


def test_the_typo_gives_the_output_the_guide_shows(tmp_path):
    shown = _shown("problems; nothing was played")
    typo = re.search(r"unknown event '(\w+)'", shown[0]).group(1)
    right = re.search(r"did you mean '(\w+)'", shown[0]).group(1)
    root = _copy(tmp_path)
    _add_worked_example(root, [b.replace(f"event {right}", f"event {typo}") for b in WORKED])
    code, lines = _validate(root)
    assert code == 1
    assert _shape(lines) == _shape(shown)


def test_the_deal_example_joins_both_scenarios(tmp_path):
    root = _copy(tmp_path)
    _add_worked_example(root)
    (block,) = [tomllib.loads(b) for b in WORKED if b.startswith("# content/deals/")]
    deal = block["deal"][0]
    for scenario in ("h200", "quickplay"):
        added = load(root).scenario(scenario).deal(deal["id"])
        assert added.seats == tuple(side["seat"] for side in deal["side"])


def test_the_deal_example_drafted_on_a_hidden_track_gives_the_output_the_guide_shows(tmp_path):
    shown = _shown("1 problem; nothing was played")
    root = _copy(tmp_path)
    drafted = [
        re.sub(r'^when = ".*"$', 'when = "diversion >= 30"', b, flags=re.M) if b.startswith("# content/deals/") else b
        for b in WORKED
    ]
    _add_worked_example(root, drafted)
    code, lines = _validate(root)
    assert code == 1
    assert _shape(lines) == _shape(shown)


def test_the_fixed_example_and_the_shipped_content_validate_as_shown(tmp_path):
    root = _copy(tmp_path)
    _add_worked_example(root)
    code, lines = _validate(root)
    assert code == 0
    assert _shape(lines) == _shape(_shown("content OK"))
    code, lines = _validate(ROOT / "content")
    assert code == 0
    assert _shape(lines) == _shape(_shown("content OK", prompted=False))


def test_the_balancing_change_applies_and_loads(tmp_path):
    (diff,) = [body for lang, body in BLOCKS if lang == "diff"]
    removed = [line[1:] for line in diff.splitlines() if line.startswith("-")]
    added = [line[1:] for line in diff.splitlines() if line.startswith("+")]
    blocks = []
    for body in WORKED:
        if removed[0] in body:
            assert all(line in body for line in removed)
            body = body.replace("\n".join(removed), "\n".join(added))
        blocks.append(body)
    assert blocks != WORKED
    root = _copy(tmp_path)
    _add_worked_example(root, blocks)
    action = next(tomllib.loads(b)["action"][0] for b in blocks if "[[action]]" in b)
    assert load(root).scenario("h200").action(action["id"]).cost == action["cost"]
