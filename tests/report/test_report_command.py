"""`python -m game report PATH`: a save in, the report out; bad input is one line and exit 1."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from game.cli import main
from game.saves.store import write_save

MINI = str(Path(__file__).resolve().parents[1] / "fixtures" / "mini")


def test_report_of_a_save_to_html_file(scripted, tmp_path, capsys):
    save = write_save(scripted, tmp_path / "game.toml")
    out = tmp_path / "report.html"
    assert main(["report", str(save), "--content", MINI, "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    root = ET.fromstring(html.split("\n", 1)[1])
    assert len(list(root.iter("section"))) == len(scripted.record.quarters)
    # The save round-trips the facilitator's moves into the report.
    assert "Set Export licence to approved [Commerce overruled]" in html
    assert "wrote" in capsys.readouterr().err


def test_report_markdown_to_stdout_matches_the_live_game(scripted, tmp_path, capsys):
    from game.report import render

    save = write_save(scripted, tmp_path / "game.toml")
    # Without its what-if section (on by default for a finished game: its own tests say so)
    assert main(["report", str(save), "--content", MINI, "--format", "md", "--no-whatif"]) == 0
    assert capsys.readouterr().out == render(scripted, "md")


def test_missing_save_is_one_line(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope.toml"), "--content", MINI]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.toml" in err and "no such file" in err


def test_damaged_save_is_refused(scripted, tmp_path, capsys):
    save = write_save(scripted, tmp_path / "game.toml")
    save.write_text(save.read_text().replace("seed = 11", "seed = 12"))
    out = tmp_path / "r.md"
    assert main(["report", str(save), "--content", MINI, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "game.toml" in err
    assert not out.exists()


def test_bad_format_is_refused_by_the_parser(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["report", str(tmp_path / "x.toml"), "--format", "pdf"])
    assert exit.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_a_table_save_reports_with_the_content_kept_beside_it(scripted, tmp_path, capsys):
    """Tables keep a copy of their content (content/<fingerprint>): the report uses it when the
    content given is another, as the shipped content is for a game of the mini fixture."""
    import shutil

    save = write_save(scripted, tmp_path / "table-ABC-DE.toml")
    shutil.copytree(MINI, tmp_path / "content" / scripted.record.content[:16])
    out = tmp_path / "r.md"
    assert main(["report", str(save), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# After-action report: Mini")
    assert "using the content kept with this game" in capsys.readouterr().err


@pytest.mark.parametrize("steer", ["/", "../../..", "0" * 16 + "/../../.."])
def test_a_saves_content_field_cannot_steer_the_report_across_the_filesystem(scripted, tmp_path, capsys, steer):
    """`content = "/"` made report load every *.toml under / and end in a traceback."""
    save = write_save(scripted, tmp_path / "game.toml")
    save.write_text(save.read_text().replace(f'content = "{scripted.record.content}"', f'content = "{steer}"'))
    assert main(["report", str(save), "--content", MINI]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "content: expected the content's fingerprint" in err


def test_a_file_name_with_an_escape_sequence_is_shown_not_sent_to_the_terminal(tmp_path, capsys):
    assert main(["report", str(tmp_path / "x\x1b]0;pwned\x07.toml"), "--content", MINI]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "x␛]0;pwned␇.toml" in err
