"""Letters a room can read from its back row: a table code drawn in blocks.

Textual's `Digits` draws digits and A-F only; a table code uses most of the alphabet. Each
glyph is five by five cells of a pixel font; where the width allows, a pixel is two
characters wide and one line high (five lines), else two pixels share a line as half
blocks (three lines).
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from textual.widgets import Static

# Five rows of five pixels a glyph, "#" lit; rows separated by "/".
_FONT = {
    "A": ".###./#...#/#####/#...#/#...#",
    "B": "####./#...#/####./#...#/####.",
    "C": ".####/#..../#..../#..../.####",
    "D": "####./#...#/#...#/#...#/####.",
    "E": "#####/#..../####./#..../#####",
    "F": "#####/#..../####./#..../#....",
    "G": ".####/#..../#..##/#...#/.###.",
    "H": "#...#/#...#/#####/#...#/#...#",
    "I": "#####/..#../..#../..#../#####",
    "J": "..###/...#./...#./#..#./.##..",
    "K": "#...#/#..#./###../#..#./#...#",
    "L": "#..../#..../#..../#..../#####",
    "M": "#...#/##.##/#.#.#/#...#/#...#",
    "N": "#...#/##..#/#.#.#/#..##/#...#",
    "O": ".###./#...#/#...#/#...#/.###.",
    "P": "####./#...#/####./#..../#....",
    "Q": ".###./#...#/#.#.#/#..#./.##.#",
    "R": "####./#...#/####./#..#./#...#",
    "S": ".####/#..../.###./....#/####.",
    "T": "#####/..#../..#../..#../..#..",
    "U": "#...#/#...#/#...#/#...#/.###.",
    "V": "#...#/#...#/#...#/.#.#./..#..",
    "W": "#...#/#...#/#.#.#/##.##/#...#",
    "X": "#...#/.#.#./..#../.#.#./#...#",
    "Y": "#...#/.#.#./..#../..#../..#..",
    "Z": "#####/...#./..#../.#.../#####",
    "0": ".###./#..##/#.#.#/##..#/.###.",
    "1": "..#../.##../..#../..#../.###.",
    "2": ".###./#...#/..##./.#.../#####",
    "3": "####./....#/..##./....#/####.",
    "4": "#..#./#..#./#####/...#./...#.",
    "5": "#####/#..../####./....#/####.",
    "6": ".###./#..../####./#...#/.###.",
    "7": "#####/....#/...#./..#../..#..",
    "8": ".###./#...#/.###./#...#/.###.",
    "9": ".###./#...#/.####/....#/.###.",
    "-": "...../...../.###./...../.....",
    " ": "...../...../...../...../.....",
}
_UNKNOWN = "#####/#...#/#...#/#...#/#####"
_HALVES = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
GLYPH, GAP = 5, 1  # pixels a glyph is wide, and between glyphs


def pixels(text: str) -> list[list[bool]]:
    """The lit pixels of `text`, five rows, glyphs one pixel apart."""
    rows: list[list[bool]] = [[] for _ in range(5)]
    for i, char in enumerate(text.upper()):
        glyph = _FONT.get(char, _UNKNOWN).split("/")
        for row, line in zip(rows, glyph, strict=True):
            row.extend([False] * GAP if i else [])
            row.extend(c == "#" for c in line)
    return rows


def big_lines(text: str, width: int) -> list[str]:
    """`text` drawn in blocks to fit `width` columns: five lines, each pixel two columns
    wide, when that fits; else three lines of half blocks."""
    rows = pixels(text)
    if len(rows[0]) * 2 <= width:
        return ["".join("██" if lit else "  " for lit in row) for row in rows]
    rows.append([False] * len(rows[0]))
    return ["".join(_HALVES[top, bottom] for top, bottom in zip(rows[i], rows[i + 1], strict=True)) for i in (0, 2, 4)]


class BigLettersText:
    """A Rich renderable: `text` in big letters, as wide as the space given allows."""

    def __init__(self, text: str, style: str | Style = "") -> None:
        self.text, self.style = text, style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        style = console.get_style(self.style) if isinstance(self.style, str) else self.style
        for line in big_lines(self.text, options.max_width):
            yield Segment(line, style)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        wide = len(pixels(self.text)[0])
        return Measurement(wide, wide * 2)


class BigLetters(Static):
    """A line of big letters (the table code on the projector); `.text` is what they say."""

    DEFAULT_CSS = """
    BigLetters { width: auto; height: auto; }
    """

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = text

    def show(self, text: str) -> None:
        self.text = text
        self.refresh(layout=True)

    def render(self) -> BigLettersText:
        return BigLettersText(self.text)
