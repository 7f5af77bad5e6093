"""Strict checks of decoded JSON bodies, shared by every source.

A field that is missing, of the wrong type, not finite or out of range makes the whole answer
unusable: a number trayscore cannot trust is never shown. ``bad`` phrases the error per source.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import datetime

from trayscore.core.errors import BadResponse
from trayscore.core.timeparse import parse_instant

Bad = Callable[[str], BadResponse]


def as_object(payload: object, bad: Bad, what: str = "the answer") -> Mapping[str, object]:
    """The payload as a JSON object, or the source's BadResponse."""
    if not isinstance(payload, Mapping):
        raise bad(f"{what} is not a JSON object")
    return payload


def number(payload: Mapping[str, object], key: str, bad: Bad, bounds: tuple[float, float]) -> float:
    """A finite JSON number within ``bounds`` (inclusive); booleans and strings are refused."""
    if key not in payload:
        raise bad(f"'{key}' is missing")
    value = payload[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise bad(f"'{key}' is a {type(value).__name__}, not a number")
    result = float(value)
    low, high = bounds
    if not math.isfinite(result) or not low <= result <= high:
        raise bad(f"'{key}' {result!r} is outside {low:g} to {high:g}")
    return result


def instant(payload: Mapping[str, object], key: str, bad: Bad) -> datetime:
    """An ISO-8601 instant (aware, UTC when the text says Z)."""
    if key not in payload:
        raise bad(f"'{key}' is missing")
    value = payload[key]
    if not isinstance(value, str):
        raise bad(f"'{key}' is a {type(value).__name__}, not a string")
    try:
        return parse_instant(value)
    except ValueError:
        raise bad(f"'{key}' is not an ISO-8601 instant") from None


def items(payload: object, bad: Bad) -> list[Mapping[str, object]]:
    """The ``value`` array of an OData collection, each element an object."""
    rows = as_object(payload, bad).get("value")
    if rows is None:
        raise bad("'value' is missing")
    if not isinstance(rows, list):
        raise bad(f"'value' is a {type(rows).__name__}, not a list")
    return [as_object(row, bad, "an element of 'value'") for row in rows]
