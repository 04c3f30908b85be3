"""Content: TOML files in, checked and compiled scenarios out."""

from .loader import DEFAULT_CONTENT, Content, load
from .sources import ContentError, Problem, fingerprint

__all__ = ["DEFAULT_CONTENT", "Content", "ContentError", "Problem", "fingerprint", "load"]
