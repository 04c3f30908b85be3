"""Serving the game to browsers: HTTP, websocket, and a real headless browser."""
