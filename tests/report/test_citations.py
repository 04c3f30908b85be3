"""The report of a game of the shipped h200 scenario cites its sources as a teacher needs them:
each citation with its outlet and date (linked in HTML), each `happened` with the date it is
true as of, and every invented event or action marked `fictional`, with its real counterpart."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from game.content import load
from game.core.citation import date_words
from game.match import Match
from game.report import build, render
from game.report.markdown import md as markdown_text


@pytest.fixture(scope="module")
def game():
    """Bot games of the shipped h200 scenario until one shows a sourced fact, an invented
    entry and a counterpart (the first seed does, but the test does not rely on which)."""
    content = load()
    for seed in range(1, 40):
        match = Match.start(content.scenario("h200"), seed, {}, content.fingerprint)
        match.play_out()
        facts = build(match).facts
        if any(f.source.citations for f in facts) and any(f.source.counterpart for f in facts):
            return match
    pytest.fail("no h200 game of 40 showed both a sourced fact and an invented one with a counterpart")


def _items(html: str, section: str) -> list[ET.Element]:
    """The list items under the <h2 id=section>, up to the next heading."""
    root = ET.fromstring(html.split("\n", 1)[1])
    body = root.find("body")
    assert body is not None
    items, inside = [], False
    for el in body:
        if el.tag == "h2":
            inside = el.get("id") == section
        elif inside:
            items += list(el.iter("li"))
    return items


def _text(el: ET.Element) -> str:
    return "".join(el.itertext())


def test_the_html_report_cites_every_source_with_its_date_and_link(game):
    report = build(game)
    items = _items(render(game, "html"), "history")
    assert len(items) == len(report.facts)
    for fact, li in zip(report.facts, items):
        text = _text(li)
        assert fact.title in text
        if fact.source.fictional:
            continue
        assert fact.source.citations, fact.title
        cites = li.findall(".//cite")
        assert len(cites) == len(fact.source.citations)
        for c, cite in zip(fact.source.citations, cites):
            said = _text(cite)
            assert said.startswith(c.outlet) and date_words(c.date) in said
            links = [a.get("href") for a in cite.iter("a")]
            assert links == ([c.url] if c.url else [])
        if fact.happened:
            assert f"As of {date_words(fact.as_of)}." in text


def test_the_html_report_marks_invented_entries_and_gives_their_counterparts(game):
    report = build(game)
    html = render(game, "html")
    items = _items(html, "history")
    invented = [(f, li) for f, li in zip(report.facts, items) if f.source.fictional]
    assert invented
    for fact, li in invented:
        tags = [t for t in li.iter("span") if "fictional" in (t.get("class") or "").split()]
        assert tags and _text(tags[0]) == "fictional"
        assert not li.findall("cite") or fact.source.counterpart
        if fact.source.counterpart:
            assert f"Real counterpart: {fact.source.counterpart}" in _text(li)
            assert [a.get("href") for a in li.iter("a")] == [c.url for c in fact.source.counterpart_citations if c.url]
    # the timeline tags each invented event and action where it happened, and only those
    timeline = _items(html, "timeline")
    happenings = [h for q in report.quarters for h in (*q.news, *q.results)]
    assert len(timeline) == len(happenings)
    for h, li in zip(happenings, timeline):
        tagged = any("fictional" in (t.get("class") or "").split() for t in li.iter("span"))
        assert tagged == h.fictional, h.text
    assert any(h.fictional for h in happenings) and not all(h.fictional for h in happenings)


def test_the_markdown_report_says_the_same(game):
    report = build(game)
    md = render(game, "md")
    section = md.split("## What really happened", 1)[1].split("## Discussion questions", 1)[0]
    for fact in report.facts:
        (line,) = [x for x in section.splitlines() if x.startswith(f"- **{fact.title}**")]
        if fact.source.fictional:
            assert "*[fictional]*" in line
        else:
            for c in fact.source.citations:
                assert (f"[{markdown_text(c.lead())}]({c.url})" if c.url else markdown_text(c.lead())) in line
    assert "The scenario's set-up:" in section


def test_a_hypothetical_set_up_is_marked_so_in_the_report():
    content = load()
    rules = content.scenario("quickplay")
    assert rules.source.fictional and rules.intro.strip().splitlines()[0]
    assert "Imagine that" in rules.intro
    match = Match.start(rules, 1, {}, content.fingerprint)
    match.play()
    root = ET.fromstring(render(match, "html").split("\n", 1)[1])
    (setup,) = [p for p in root.iter("p") if _text(p).startswith("The scenario's set-up:")]
    assert any("fictional" in (s.get("class") or "").split() for s in setup.iter("span"))
    assert f"Real counterpart: {rules.source.counterpart}" in _text(setup)
    assert [a.get("href") for a in setup.iter("a")] == [c.url for c in rules.source.counterpart_citations if c.url]
    h200 = content.scenario("h200")
    assert not h200.source.fictional and h200.as_of and "Imagine" not in h200.intro
