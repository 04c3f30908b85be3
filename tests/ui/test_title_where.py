"""The first start says, on the title, where the games will be kept; later starts do not, and
a folder the user chose (`--saves`, as every other test runs) is never told of (issue 20)."""

from __future__ import annotations

from game_pilot import new_app, pilot_test, screen_name, screen_text

from game import paths


async def title_text() -> str:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "TitleScreen"
        text = screen_text(app)
        where = app.screen.query("#where")
        if where:
            assert where.first().region.height, "the line is composed but not shown"
        await pilot.press("q")
    return text


def test_the_first_start_tells_where_the_games_are_kept_and_the_next_does_not(monkeypatch, tmp_path):
    folder = tmp_path / "data" / "silicon-curtain" / "saves"
    monkeypatch.delenv(paths.SAVES_ENV, raising=False)
    monkeypatch.setattr(paths, "default_saves", lambda: folder)

    @pilot_test
    async def starts() -> None:
        first = await title_text()
        assert f"Your games and tables are kept in {folder}" in first
        assert (folder / paths.TOLD).exists()
        assert "kept in" not in await title_text()

    starts()


@pilot_test
async def test_a_saves_folder_the_user_chose_is_not_told_of_on_the_title():
    assert "kept in" not in await title_text()
