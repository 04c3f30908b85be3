"""The terminal game: Textual screens over `game.match`, reading the game only through views."""
