"""Server-supplied text made safe to show: no control characters reach a terminal or a widget.

A device group name, an error code or an account name comes from a server. Written raw to a
terminal, ``ESC ] 0 ;`` retitles the window and ``ESC [ 2 J`` clears it; in a tooltip or a
notification, a bidi override reverses what the reader sees. Every such string passes through
:func:`printable` where it is parsed, so everything downstream may trust it.
"""

from __future__ import annotations

import unicodedata
from typing import Final

_DROPPED_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
ELLIPSIS: Final = "..."


def printable(text: str, limit: int = 200) -> str:
    """``text`` safe for a terminal or a widget, at most ``limit`` characters.

    C0/C1 controls, format characters (bidi overrides, zero-width) and line separators are
    dropped; runs of white space fold to one space.
    """
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char.isspace():
            kept.append(" ")
        elif category not in _DROPPED_CATEGORIES:
            kept.append(char)
    folded = " ".join("".join(kept).split())
    if len(folded) <= limit:
        return folded
    return folded[: max(0, limit - len(ELLIPSIS))] + ELLIPSIS


# Marks and arrows the human output uses, as ASCII for a console that cannot show them.
_ASCII_FALLBACKS: Final = str.maketrans(
    {"✓": "OK", "✗": "X", "→": "->", "…": "...", "\u2013": "-", "\u2014": "-", "≥": ">=", "≤": "<="}
)


def console_safe(text: str, encoding: str | None) -> str:
    """``text`` as ``encoding`` can write it: unchanged when it can, else with ASCII stand-ins.

    A console or a pipe on Windows is often cp1252 or cp437 (a scheduled task or an Intune
    script redirecting ``trayscore doctor > file``): writing "✓" there raises
    UnicodeEncodeError. The marks get readable stand-ins; anything else left is replaced by "?".
    """
    codec = encoding or "utf-8"
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return text.translate(_ASCII_FALLBACKS).encode(codec, "replace").decode(codec)
    except LookupError:
        return text
    return text
