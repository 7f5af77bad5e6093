"""Strict parsing of the two time formats the APIs send: ISO-8601 instants and Retry-After."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Final

_INSTANT_RE: Final = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})T(?P<time>\d{2}:\d{2}:\d{2})"
    r"(?:\.(?P<fraction>\d{1,15}))?(?P<zone>Z|z|[+-]\d{2}:\d{2})$"
)
MAX_RETRY_AFTER_SECONDS: Final = 24 * 3600.0


def parse_instant(text: str) -> datetime:
    """An ISO-8601 instant with any number of fractional digits and ``Z`` or an offset.

    Local times without a zone are refused: an instant is only an instant with its offset.
    Raises ValueError on anything else.
    """
    match = _INSTANT_RE.match(text)
    if match is None:
        raise ValueError(f"not an ISO-8601 instant: {text[:40]!r}")
    fraction = (match["fraction"] or "")[:6].ljust(6, "0")
    zone = "+00:00" if match["zone"] in {"Z", "z"} else match["zone"]
    try:
        moment = datetime.fromisoformat(f"{match['date']}T{match['time']}.{fraction}{zone}")
        return moment.astimezone(UTC)
    except ValueError as error:  # month 13, 25 o'clock: the reason is kept
        raise ValueError(f"not an ISO-8601 instant: {text[:40]!r} ({error})") from None
    except OverflowError:  # 0001-01-01T00:00:00+14:00 is before year 1 in UTC
        raise ValueError(f"instant out of range: {text[:40]!r}") from None


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), capped at a day.

    Returns None when the header is absent or unreadable, so the caller uses its own backoff.
    """
    if value is None:
        return None
    text = value.strip()
    if re.fullmatch(r"\d{1,10}(?:\.\d+)?", text):
        seconds = float(text)
    else:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
    if not math.isfinite(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_SECONDS)
