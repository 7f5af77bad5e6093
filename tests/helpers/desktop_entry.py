"""Reading an XDG desktop entry back as a desktop reads it (Desktop Entry Specification)."""

from __future__ import annotations

import configparser
import re


def parse_entry(text: str) -> dict[str, str]:
    """The one [Desktop Entry] group of ``text``, keys in their own case."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keep the keys' case
    parser.read_string(text)
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def exec_argv(value: str) -> list[str]:
    """Read an Exec value back as the Desktop Entry spec says a launcher does."""
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    text = re.sub(r"\\(.)", lambda m: escapes[m.group(1)], value)  # string escapes come first
    args: list[str] = []
    current: list[str] | None = None
    quoted = False
    chars = iter(text)
    for ch in chars:
        if quoted and ch == "\\":
            current = (current or []) + [next(chars)]
        elif ch == '"':
            quoted = not quoted
            current = current or []
        elif ch == " " and not quoted:
            if current is not None:
                args.append("".join(current))
            current = None
        elif ch == "%":
            assert next(chars) == "%"  # no field codes, only a literal %
            current = (current or []) + ["%"]
        else:
            current = (current or []) + [ch]
    assert not quoted
    if current is not None:
        args.append("".join(current))
    return args
