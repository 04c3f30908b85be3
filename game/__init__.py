"""Silicon Curtain: a terminal tabletop exercise on AI-chip geopolitics."""

__version__ = "0.1.0"
