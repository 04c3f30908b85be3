"""The title's warm-up: what the first keys of a game need, made ready after the title's
first frame and before they come (`n` took 465 ms): the content, the modules of the match
and the session, and a game's first screens with their styles. Only a head start: whatever
fails here is done, or said, when asked.
"""

from __future__ import annotations

import gc
import inspect
import pkgutil
from importlib import import_module
from pathlib import Path

from .screens.title import TitleScreen

WARM_MODULES = ("game.match", "game.ui.session")
WARM_SCREENS = (  # (module, class)
    ("new_game", "NewGameScreen"),
    ("intro", "IntroScreen"),
    ("briefing", "BriefingScreen"),
    ("quarter", "QuarterScreen"),
    ("talks", "TalksScreen"),
    ("orders", "OrdersScreen"),
)

# Imported on a game's first frames and keys, by Textual itself rather than by a screen's
# module (found by listing sys.modules after bench's main transitions).
FIRST_USE = (
    "textual.drivers.web_driver",
    "textual.layouts.factory",
    "textual.layouts.grid",
    "textual.layouts.horizontal",
    "textual.layouts.stream",
    "textual.layouts.vertical",
    "textual._keyboard_protocol",
    "textual._xterm_parser",
    "concurrent.futures.thread",
)


def import_for_a_game() -> None:
    """Every module a game may import, at once: serve's warm parent does this before it forks
    the tabs' games, so none of them imports anything on a key."""
    import textual.widgets
    from rich.cells import cell_len

    from . import app, screens, widgets  # noqa: F401 (app: the game itself)

    for module in (*WARM_MODULES, *FIRST_USE):
        import_module(module)
    for package in (screens, widgets):
        for info in pkgutil.iter_modules(package.__path__):
            import_module(f"{package.__name__}.{info.name}")
    for name in textual.widgets.__all__:  # Textual's widgets are imported on first use
        getattr(textual.widgets, name)
    cell_len("╔═é")  # Rich reads its tables of character widths on first use


def screen_css(screen: type) -> list[str]:
    """A screen class's CSS_PATH, as a list."""
    paths = screen.CSS_PATH or []  # type: ignore[attr-defined]
    return [paths] if isinstance(paths, str | Path) else list(paths)


def warm_up(app) -> None:
    """Run in a daemon thread of `app`; sets `app.warmed` however it ends."""
    try:
        app._load_content_once()
        for module in WARM_MODULES:
            import_module(module)
        styles = []
        for module, name in WARM_SCREENS:
            screen = getattr(import_module(f"{__package__}.screens.{module}"), name)
            styles += [(Path(inspect.getfile(screen)).parent / path).resolve() for path in screen_css(screen)]
        if app.is_running:
            app.call_from_thread(add_styles, app, styles, first_widgets())
    except Exception:  # noqa: BLE001 (a traceback from this thread would garble the screen)
        return
    finally:
        app.warmed.set()


def first_widgets() -> list[type]:
    """The widget classes a game's first screens bring (the new-game form's, the news's
    dashboard), whose styles their first keys would otherwise parse."""
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import Button, Input, Label, LoadingIndicator, Static
    from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle  # the header's parts

    from .widgets.choices import Choices
    from .widgets.dashboard import Dashboard
    from .widgets.footer import GameFooter
    from .widgets.header import GameHeader
    from .widgets.settings_form import SettingsForm

    return [
        *(GameHeader, HeaderIcon, HeaderTitle, HeaderClockSpace, GameFooter),
        *(VerticalScroll, SettingsForm, Horizontal, Static, Label, LoadingIndicator, Choices, Input, Button),
        Dashboard,
    ]


def default_css(widget: type) -> list[tuple]:
    """A widget class's DEFAULT_CSS and its bases', as Textual adds them when the first one is
    mounted: (where, css, tie breaker, scope). Textual reads them from an instance, of which
    it uses only the class, so a bare object serves."""
    return widget._get_default_css(object.__new__(widget))


def add_styles(app, paths: list[Path], widgets: list[type] = ()) -> None:
    """The styles of screens to come and of their widgets, read now in one go: Textual
    reparses every style it has each time a screen brings a file it has not read (a fifth
    of a second on each first visit of a screen), or a widget class new to the app is
    mounted (a tenth of `n`'s CPU). Then the long-lived objects are frozen."""
    if not isinstance(app.screen, TitleScreen):
        return  # the player is on already: a reparse now would stall the screen in use
    sheet = app.stylesheet
    fresh = [path for path in paths if not sheet.has_source(str(path), "")]
    for path in fresh:
        sheet.read(path)
    added = bool(fresh)
    for widget in widgets:
        for where, css, tie_breaker, scope in default_css(widget):
            if not sheet.has_source(*where):
                sheet.add_source(css, read_from=where, is_default_css=True, tie_breaker=tie_breaker, scope=scope)
                added = True
    if added:
        # parse, not Textual's reparse: reparse parses every source again in a fresh sheet
        # and keeps none in this one's cache, so the next widget class new to it would
        # parse them all once more.
        sheet.parse()
        sheet.update(app)
    # What is loaded by now (modules, content, styles, the title) lives as long as the app:
    # frozen, the collector's full passes skip it (they took 45-70 ms of the key they landed
    # on, two or three times over a game's first screens). Collected first, so no garbage of
    # an earlier app in the same process (tests) is kept for good.
    gc.collect()
    gc.freeze()
