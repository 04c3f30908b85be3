"""Which numbers of a scenario drive its outcomes: each numeric assumption varied one at a
time by a stated step, on the loaded model, and ranked by how far it moves who wins and how
games end.

The assumptions: every number track's starting value (step: a tenth of its range), every
effect that adds, takes or sets a number written as one (step: half its size, at least 1),
and every action's odds and every event's and rule's chance (step: 0.1 on the probability,
added to what the odds work out to). A step that would leave the track's range goes the
other way. Variations are made with `attrs.evolve` on the compiled rules, never by
rewriting the TOML; the content's files are read again only to name each assumption's
file:line.

Every variation plays the same seeds as the baseline (common random numbers), so a
difference comes from the change and not from other luck. A variation's movement is the
larger of two total-variation distances from the baseline: of the winner (a seat or a
draw) and of the ending.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import attrs

from ..core.effects import set_runner
from ..core.expr.closures import constant
from ..core.model import Effect, Rules
from .runner import Batch, pieces, run
from .work import Source, rules_of

START_STEP = 0.1  # of a track's range
EFFECT_STEP = 0.5  # of an effect's size
ODDS_STEP = 0.1  # on a probability


@attrs.frozen
class Assumption:
    """One number of the scenario and how it is varied."""

    key: str  # "action:lobby_commerce:effects:1": where in the model (kind, id, field, index)
    what: str  # in words: "lobby_commerce effect 'pressure -= 8' becomes 'pressure -= 12'"
    step: str  # the step as stated: "+4", "+0.10 on the odds"
    place: str = ""  # file:line
    source: str = ""  # the entry's source, in one line ("fictional", or its citations)


@attrs.frozen
class Played:
    index: int
    ending: str
    winner: str


def assumptions(rules: Rules) -> list[Assumption]:
    """Every numeric assumption of the scenario that this module varies, in content order."""
    out = []
    for t in rules.tracks:
        if t.is_number:
            step = _start_step(t)
            what = f"{t.id} starts at {_n(t.start + step)} instead of {_n(t.start)}"
            out.append(Assumption(f"track:{t.id}:start:0", what, _signed(step)))
    for a in rules.actions:
        if a.odds is not None:
            out.append(_odds("action", a.id, "odds", a.odds_text or a.odds))
        for field in ("effects", "fail_effects"):
            out.extend(_effects("action", a.id, field, getattr(a, field)))
    for e in rules.events:
        if e.chance is not None:
            out.append(_odds("event", e.id, "chance", e.chance_text or e.chance))
        out.extend(_effects("event", e.id, "effects", e.effects))
        for o in e.options:
            out.extend(_effects("option", f"{e.id}.{o.id}", "effects", o.effects))
    for r in rules.rules:
        if r.chance is not None:
            out.append(_odds("rule", r.id, "chance", r.chance))
        out.extend(_effects("rule", r.id, "effects", r.effects))
    return out


def _odds(kind: str, owner: str, field: str, written) -> Assumption:
    written = f"{written:g}" if isinstance(written, float) else written
    return Assumption(
        f"{kind}:{owner}:{field}:0", f"{owner} {field} {written} {ODDS_STEP:+.2f}", f"{ODDS_STEP:+.2f} on the {field}"
    )


def _n(x) -> str:
    return f"{round(x, 2):g}"


def _signed(x) -> str:
    return f"{x:+g}"


def _start_step(t) -> float:
    step = (t.max - t.min) * START_STEP
    step = round(step) if t.precision == 0 else round(step, t.precision)
    step = step or 1
    return step if t.start + step <= t.max else -step


def _size(effect: Effect):
    """An effect's number, if it is written as one and varying it means something."""
    tree = getattr(effect.value, "tree", None)
    if effect.kind != "set" or not effect.is_number or tree is None or tree.__class__.__name__ != "Num":
        return None
    return tree.value


def _effect_step(effect: Effect, size) -> float:
    step = abs(size) * EFFECT_STEP
    step = step if isinstance(size, float) else max(1, round(step))
    if effect.op == "=" and size + step > effect.hi:
        return -step
    return step


def _effects(kind: str, owner: str, field: str, effects) -> list[Assumption]:
    out = []
    for i, e in enumerate(effects):
        size = _size(e)
        if size is None:
            continue
        step = _effect_step(e, size)
        varied = _vary_effect(e, step)
        what = f"{owner} {field[:-1].replace('_', ' ')} '{e.text}' becomes '{varied.text}'"
        out.append(Assumption(f"{kind}:{owner}:{field}:{i}", what, _signed(step)))
    return out


def _vary_effect(e: Effect, step) -> Effect:
    """The effect with its number moved by `step` away from zero (`x -= 8` -> `x -= 12`)."""
    size = _size(e)
    new = size + step
    new = round(new, 6) if isinstance(new, float) else new
    value = constant(new)
    target = e.text.split(e.op, 1)[0].strip() if e.op in e.text else e.text
    return attrs.evolve(
        e,
        text=f"{target} {e.op} {_n(new)}",
        value=value,
        run=set_runner(e.target, e.op, value, e.lo, e.hi, e.precision, e.is_number),
    )


def _shifted(odds, step: float):
    """Odds moved by `step` (clamped where they are read)."""
    if odds.__class__ is float:
        return max(0.0, min(1.0, odds + step))
    return lambda v, f=odds: f(v) + step


def vary(rules: Rules, key: str) -> Rules:
    """The rules with the assumption `key` varied by its step."""
    kind, owner, field, index = key.split(":")
    i = int(index)
    if kind == "track":
        tracks = list(rules.tracks)
        k = rules.track_index[owner]
        t = tracks[k]
        tracks[k] = attrs.evolve(t, start=t.start + _start_step(t))
        return attrs.evolve(rules, tracks=tuple(tracks))
    if kind == "action":
        actions = tuple(_vary_entry(a, field, i) if a.id == owner else a for a in rules.actions)
        return attrs.evolve(rules, actions=actions)
    if kind == "event":
        events = tuple(_vary_entry(e, field, i) if e.id == owner else e for e in rules.events)
        return attrs.evolve(rules, events=events)
    if kind == "option":
        event_id, option_id = owner.split(".", 1)
        events = tuple(
            attrs.evolve(e, options=tuple(_vary_entry(o, field, i) if o.id == option_id else o for o in e.options))
            if e.id == event_id
            else e
            for e in rules.events
        )
        return attrs.evolve(rules, events=events)
    if kind == "rule":
        return attrs.evolve(rules, rules=tuple(_vary_entry(r, field, i) if r.id == owner else r for r in rules.rules))
    raise KeyError(key)


def _vary_entry(entry, field: str, i: int):
    if field in ("odds", "chance"):
        return attrs.evolve(entry, **{field: _shifted(getattr(entry, field), ODDS_STEP)})
    effects = list(getattr(entry, field))
    effects[i] = _vary_effect(effects[i], _effect_step(effects[i], _size(effects[i])))
    return attrs.evolve(entry, **{field: tuple(effects)})


def placed(root: Path, scenario: str, found: list[Assumption]) -> list[Assumption]:
    """Each assumption with its file:line and its entry's source, from the content's files; a
    track's start that the scenario overrides (`[scenario.start]`) is the scenario's line."""
    from ..content.schema import entries_of
    from ..content.sources import read_folder

    files, problems, _ = read_folder(root)
    entries = entries_of(files, problems)
    by_id = {}
    for kind, items in entries.items():
        for e in items:
            by_id[(kind, e.data.get("id"), e.parent)] = e
    out = []
    sc = by_id.get(("scenario", scenario, ""))
    overrides = sc.data.get("start", {}) if sc is not None else {}
    for a in found:
        kind, owner, field, _ = a.key.split(":")
        if kind == "track" and sc is not None and owner in overrides:
            line = sc.file.lines.of((*sc.path, "start", 0), owner)
            out.append(attrs.evolve(a, place=f"{sc.file.name}:{line}", source=_source_words(sc.data.get("source"))))
            continue
        if kind == "option":
            event_id, option_id = owner.split(".", 1)
            entry, parent = by_id.get(("event.option", option_id, event_id)), by_id.get(("event", event_id, ""))
        else:
            entry = parent = by_id.get((kind, owner, ""))
        if entry is None:
            out.append(a)
            continue
        key = "start" if field == "start" else field
        line = entry.file.lines.of(entry.path, key)
        source = (parent or entry).data.get("source", "")
        out.append(attrs.evolve(a, place=f"{entry.file.name}:{line}", source=_source_words(source)))
    return out


def _source_words(source) -> str:
    if source == "fictional":
        return "fictional"
    if isinstance(source, list) and source and isinstance(source[0], dict):
        first = source[0]
        more = f" (+{len(source) - 1})" if len(source) > 1 else ""
        return f"{first.get('outlet', '')} {first.get('date', '')}".strip() + more
    return "(none)"


_VARIED: dict[tuple[str, str, str], Rules] = {}


def play_piece(
    source: Source, scenario: str, key: str, levels: dict[str, str], seed: int, start: int, count: int
) -> list[Played]:
    """Games start .. start+count-1 on the rules with `key` varied ("" for the baseline)."""
    from ..balance import play_game

    rules = rules_of(source, scenario)
    if key:
        cached = (source.fingerprint, scenario, key)
        if cached not in _VARIED:
            _VARIED.clear()  # one variation at a time is all a worker needs
            _VARIED[cached] = vary(rules, key)
        rules = _VARIED[cached]
    out = []
    for i in range(start, start + count):
        r = play_game(rules, seed + i, levels, i)
        out.append(Played(i, r.ending, r.winner))
    return out


def measure(
    rules: Rules,
    source: Source,
    found: list[Assumption],
    levels: dict[str, str],
    games: int,
    seed: int,
    *,
    workers: int = 1,
    cluster: str | None = None,
    advance: Callable[[int], None] = lambda n: None,
) -> tuple[dict, list[dict], bool]:
    """The baseline's shares and every assumption's row, most moving first; and whether
    Ctrl+C stopped it (rows then cover the variations finished)."""
    keys = ["", *(a.key for a in found)]
    # Variation v's game i is tagged v * games + i, so results sort back whatever ran them.
    args = [
        (source, rules.scenario, key, levels, seed, s, n, v, games)
        for v, key in enumerate(keys)
        for s, n in pieces(games, workers)
    ]
    batch = run(_tagged_piece, args, workers=workers, cluster=cluster, advance=advance)
    return _rank(rules, found, games, batch)


def _tagged_piece(source, scenario, key, levels, seed, start, count, v, games) -> list[Played]:
    played = play_piece(source, scenario, key, levels, seed, start, count)
    return [attrs.evolve(p, index=v * games + p.index) for p in played]


def _shares(played: list[Played], rules: Rules) -> tuple[dict, dict]:
    n = len(played)
    wins = Counter(p.winner or "draw" for p in played)
    ends = Counter(p.ending for p in played)
    return (
        {s: wins[s] / n for s in (*rules.seat_ids, "draw")},
        {e.id: ends[e.id] / n for e in rules.endings},
    )


def _rank(rules: Rules, found: list[Assumption], games: int, batch: Batch) -> tuple[dict, list[dict], bool]:
    by_variation: dict[int, list[Played]] = {}
    for p in batch.results:
        by_variation.setdefault(p.index // games, []).append(p)
    base = by_variation.get(0, [])
    if len(base) < games:
        return {}, [], True
    base_wins, base_ends = _shares(base, rules)
    rows = []
    for v, a in enumerate(found, start=1):
        done = by_variation.get(v, [])
        if len(done) < games:
            continue  # stopped before this variation finished
        wins, ends = _shares(done, rules)
        d_wins = {s: round(wins[s] - base_wins[s], 4) for s in wins}
        d_ends = {e: round(ends[e] - base_ends[e], 4) for e in ends}
        tv_wins = sum(abs(x) for x in d_wins.values()) / 2
        tv_ends = sum(abs(x) for x in d_ends.values()) / 2
        rows.append(
            {
                "assumption": a.key,
                "what": a.what,
                "step": a.step,
                "place": a.place,
                "source": a.source,
                "movement": round(max(tv_wins, tv_ends), 4),
                "wins": d_wins,
                "endings": d_ends,
            }
        )
    rows.sort(key=lambda r: (-r["movement"], r["assumption"]))
    baseline = {
        "wins": {s: round(x, 4) for s, x in base_wins.items()},
        "endings": {e: round(x, 4) for e, x in base_ends.items()},
    }
    return baseline, rows, batch.stopped
