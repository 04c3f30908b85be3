"""The debrief's "What really happened" tab cites like the report: each real entry with the
date it is true as of and its citations, each invented one tagged fictional, with its real
counterpart where the content gives one."""

from __future__ import annotations

from game.content import load
from game.core.citation import date_words
from game.match import Match
from game.ui.screens.debrief import happened_text


def _played(content, seed: int) -> Match:
    match = Match.start(content.scenario("h200"), seed, {}, content.fingerprint)
    match.play_out()
    return match


def test_the_debrief_cites_real_entries_and_tags_invented_ones():
    content = load()
    rules = content.scenario("h200")
    match = next(
        m
        for m in (_played(content, seed) for seed in range(1, 40))
        if any(o.kind == "event" and o.id == "antitrust_probe" for q in m.log for o in q)
    )
    text = happened_text(rules, match).plain
    real, invented = text.split("Invented for the game\n", 1)
    came_up = {(o.kind, o.id) for q in match.log for o in q}
    entries = [rules.event(i) for k, i in came_up if k == "event" and i != "custom"]
    entries += [rules.action(i) for k, i in came_up if k == "action"]
    for entry in entries:
        if entry.happened:
            assert f"{entry.happened.strip()} (as of {date_words(entry.as_of)})" in real
            for c in entry.source.citations:
                assert f"Source: {c.words()}" in real
        else:
            assert entry.source.fictional
            name = getattr(entry, "title", None) or entry.name
            assert f"{name}" in invented
    probe = rules.event("antitrust_probe")
    line = next(x for x in invented.splitlines() if x.startswith(probe.title))
    assert line.endswith(" fictional ")
    assert f"Real counterpart: {probe.source.counterpart}" in invented
