"""Widgets the game's screens share: the dashboard of tracks and the debrief's charts."""
