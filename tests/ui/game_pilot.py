"""Driving the game with keys, as a player would, and reading what a screen shows.

Shared by the UI tests (imported by name: tests/ui is on sys.path under pytest's default
import mode). No pytest-asyncio in the suite: `pilot_test` runs a coroutine on its own loop.
"""

from __future__ import annotations

import asyncio
import functools
import io
from pathlib import Path

from rich.console import Console
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets._toggle_button import ToggleButton

from game.ui.app import SiliconCurtainApp
from game.ui.widgets.choices import Choices

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
SEED = 4242


def pilot_test(fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return run


def new_app(**kwargs) -> SiliconCurtainApp:
    return SiliconCurtainApp(content_root=kwargs.pop("content_root", MINI), seed=kwargs.pop("seed", SEED), **kwargs)


def screen_name(app) -> str:
    return type(app.screen).__name__


async def wait_until(pilot, ready, what: str, seconds: float = 20) -> None:
    """Pause until `ready()`: content loads in a thread, slower on a busy machine."""
    for _ in range(int(seconds / 0.05)):
        if ready():
            return
        await pilot.pause(0.05)
    app = pilot.app
    workers = [(w.name, w.state.name, w.error) for w in app.workers]
    raise AssertionError(
        f"waited {seconds}s for {what}; on {screen_name(app)}, workers {workers}, "
        f"running {app.is_running}, exception {app._exception!r}, "
        f"screen state {getattr(app.screen, 'content', '-') is not None} "
        f"{getattr(app.screen, 'problem', '-')!r} children "
        f"{[type(w).__name__ for w in app.screen.walk_children()]}"
    )


async def open_new_game(pilot) -> None:
    app = pilot.app
    # As a player reads the title, its warm-up ends (content, modules, styles of a game's
    # screens): the form then fills and redraws at once, with no thread busy beside it.
    await wait_until(pilot, app.warmed.is_set, "the title's warm-up")
    await pilot.press("n")
    await wait_until(
        pilot,
        lambda: screen_name(app) == "NewGameScreen" and (app.screen.query("#start") or app.screen.query("#problem")),
        "the new-game form",
    )


def _form_ready(screen, scenario: str) -> bool:
    """The new-game form filled for `scenario`."""
    return getattr(screen, "scenario_id", None) == scenario and bool(screen.query("#choices"))


async def new_game_of(pilot, scenario: str, humans: tuple[str, ...], bots: str = "bot:smart", **form) -> None:
    """The new-game form for `scenario` with these seats human and `bots` in the others
    (`facilitator=True` too, if given), ready to start with Ctrl+S."""
    await open_new_game(pilot)
    screen = pilot.app.screen
    await wait_until(pilot, lambda: screen.query("#choices"), "the form")
    if screen.scenario_id != scenario:
        screen.choose("scenario", scenario)
    await wait_until(pilot, lambda: _form_ready(screen, scenario), f"the form for {scenario}")
    for seat in ("vendor", "lawmaker", "regulator"):
        screen.choose(f"seat-{seat}", "human" if seat in humans else bots)
    if form.get("facilitator"):
        screen.choose("facilitator", True)
    await pilot.pause()


async def seat_by_keys(pilot, seat: str, human: bool) -> None:
    """Reach the seats' list with Tab alone, its seat's line with Up and Down, then turn it
    to Human (or a bot) with Right, as a player would."""
    app = pilot.app
    for _ in range(12):
        if app.focused is not None and app.focused.id == "choices":
            break
        await pilot.press("tab")
    choices = app.screen.query_one("#choices", Choices)
    assert app.focused is choices, "Tab never reached the seats"
    await pilot.press("home")
    for _ in range(choices.get_option_index(f"seat-{seat}")):
        await pilot.press("down")
    for _ in range(len(choices.settings[f"seat-{seat}"].choices)):
        value = choices.value(f"seat-{seat}")
        if (value == "human") if human else str(value).startswith("bot:"):
            break
        await pilot.press("right")
    await pilot.pause()
    value = choices.value(f"seat-{seat}")
    assert (value == "human") if human else str(value).startswith("bot:")


async def start_game(pilot, humans: tuple[str, ...], by_keys: bool = False) -> None:
    """From the title, a new game of the mini scenario with these seats human and random bots
    in the others; `by_keys` picks the seats with Tab, Enter and arrows as a player would
    (slower: a key a step)."""
    await open_new_game(pilot)
    for seat in ("vendor", "lawmaker", "regulator"):
        if by_keys:
            await seat_by_keys(pilot, seat, seat in humans)
        else:
            pilot.app.screen.choose(f"seat-{seat}", "human" if seat in humans else "bot:random")
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


def _plain(renderable) -> str:
    if renderable is None:
        return ""
    if isinstance(renderable, str):
        return renderable
    plain = getattr(renderable, "plain", None)
    if isinstance(plain, str):
        return plain
    console = Console(file=io.StringIO(), width=400, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def widget_text(widget) -> str:
    if isinstance(widget, Static):
        own = type(widget).render is not Static.render
        return _plain(widget.render() if own else widget.content)
    if isinstance(widget, OptionList):
        return "\n".join(_plain(option.prompt) for option in widget.options)
    if isinstance(widget, ToggleButton):
        return _plain(widget.label)
    if isinstance(widget, Button):
        return _plain(widget.label)
    if isinstance(widget, Input):
        return widget.value
    return ""


def screen_text(app) -> str:
    """Everything the current screen can show, scrolled out of view or not, and the toasts."""
    screen = app.screen
    parts = [str(screen.title or ""), str(screen.sub_title or "")]
    parts += [widget_text(w) for w in screen.walk_children(with_self=False)]
    parts += [f"{n.title}\n{n.message}" for n in app._notifications]
    return "\n".join(parts)


def next_keys(app, name: str, step, orders: tuple[str, ...] = ("space",)) -> tuple[str, ...]:
    """The keys a player presses next on the screen `name`: Enter goes on, the seat answers
    each open decision (Enter brings it up, Space takes the option under the cursor, the
    first), rejects each offer made to it (R, the first waiting is highlighted), gives
    `orders` then S, and confirms with Y."""
    if name == "QuarterScreen":
        if step.seat and getattr(app.focused, "answered", True) is False:  # a decision, open
            return ("space",)
        return ("enter",) if step.seat else ("n",)
    if name == "TalksScreen":
        from game.core.deals import waiting_on

        return ("r",) if waiting_on(app.session.offers, step.seat) else ("enter",)
    if name == "ConfirmScreen":
        return ("y",)
    if name == "OrdersScreen":
        return (*orders, "s")
    return ("enter",)


async def play_to_end(pilot, orders_keys=None, on_screen=None, limit: int = 400) -> list:
    """Play by keys until the end screen: Enter goes on, O opens the orders, and each seat's
    orders are the keys in `orders_keys[seat]` (default: Space on the first action) then S.
    Returns (screen name, step) for every screen seen, in order."""
    app = pilot.app
    orders_keys = orders_keys or {}
    seen = []
    for _ in range(limit):
        name = screen_name(app)
        step = app.session.current if app.session else None
        seen.append((name, step))
        if on_screen is not None:
            await on_screen(pilot, name, step)
        if name == "EndScreen":
            return seen
        keys = next_keys(app, name, step, orders_keys.get(step.seat if step else None, ("space",)))
        await pilot.press(*keys)
        await pilot.pause()
    raise AssertionError(f"no end after {limit} screens; last: {seen[-3:]}")
