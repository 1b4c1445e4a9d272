"""Snippet helpers: the plain-window snippet used by `scan`, and marker stripping for checks."""

from __future__ import annotations

import html
import re

OPEN, CLOSE = "<b>", "</b>"
_TAGS = re.compile(r"</?b>")


def window(text: str, term: str, width: int = 64) -> str:
    """`width` characters around the first occurrence of `term`, the occurrence marked."""
    i = text.find(term)
    if i < 0:
        return ""
    pad = max(0, (width - len(term)) // 2)
    a, b = max(0, i - pad), min(len(text), i + len(term) + pad)
    return ("…" if a > 0 else "") + text[a:i] + OPEN + term + CLOSE + text[i + len(term) : b] + (
        "…" if b < len(text) else "")


def plain(snippet: str) -> str:
    """The snippet's text with the match markers removed and HTML entities decoded."""
    return html.unescape(_TAGS.sub("", snippet))
