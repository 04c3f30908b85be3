"""Startup stays close to a bare Textual app: the app module and the title screen import
Textual and nothing of the game's content, rules, bots, saves or other screens."""

from __future__ import annotations

import subprocess
import sys

# What the title screen must not pay for; each is imported when a later screen needs it.
LATER = (
    "game.content",
    "game.match",
    "game.core",
    "game.bots",
    "game.saves",
    "game.ui.session",
    "game.ui.screens.new_game",
    "game.ui.screens.orders",
    "game.ui.screens.debrief",
    "game.ui.commands",
)


def test_the_app_imports_only_textual_and_the_title_screen():
    code = "import sys, game.ui.app; print('\\n'.join(m for m in sys.modules if m.startswith('game')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = set(out.split())
    assert "game.ui.screens.title" in loaded
    early = sorted(m for m in loaded if m.startswith(LATER))
    assert not early, f"imported before the title needs them: {early}"


def test_building_the_command_line_leaves_the_content_loader_for_later():
    code = (
        "import sys, game.cli; game.cli.build_parser(); "
        "print('\\n'.join(m for m in sys.modules if m.startswith('game')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert not [m for m in out.split() if m.startswith(("game.content", "game.core"))]


def test_the_command_lines_content_folder_is_the_loaders():
    from game.commands.common import DEFAULT_CONTENT
    from game.content import DEFAULT_CONTENT as LOADERS

    assert DEFAULT_CONTENT == LOADERS
