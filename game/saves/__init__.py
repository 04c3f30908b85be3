"""Saves: records of games in and out."""
