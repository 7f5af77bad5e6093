"""Secure Score for Devices: ``GET {base}/api/configurationScore`` (delegated Score.Read).

"Get device secure score" documents ``{"time": "2019-12-03T09:15:58.1665846Z", "score": 340}``:
points, with no maximum and no upper bound. trayscore invents neither. The reading carries the
points (``current``); only an answer that states its own maximum (``maxScore``, as Graph's
Secure Score does) also gets a percentage, and so a band. A points-only reading is shown as
points, is not banded and is not recorded in the percentage history.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

import requests

from trayscore.core.catalog import DEVICE_SECURE_SCORE
from trayscore.core.errors import BadResponse
from trayscore.core.models import Reading
from trayscore.sources import parse
from trayscore.sources.exposure import PROBLEM
from trayscore.sources.http import (
    Clock,
    TokenSource,
    get_json_authorized,
    retirement_applies,
    utc_now,
)
from trayscore.sources.limits import HttpLimits

MAXIMUM_KEY: Final = "maxScore"


def _bad(reason: str) -> BadResponse:
    return BadResponse(
        f"The device secure score answer is unusable: {reason}. "
        "Check TRAYSCORE_API_URL or the proxy."
    )


def parse_device_score(payload: object, fetched_at: datetime) -> Reading:
    """Validate the body; points always, a percentage only against a stated maximum."""
    body = parse.as_object(payload, _bad)
    points = parse.number(body, "score", _bad, (0.0, math.inf))
    instant = parse.instant(body, "time", _bad)
    if body.get(MAXIMUM_KEY) is None:
        return Reading(DEVICE_SECURE_SCORE.name, points, instant, fetched_at, current=points)
    maximum = parse.number(body, MAXIMUM_KEY, _bad, (0.0, math.inf))
    if maximum <= 0.0:
        raise _bad(f"'{MAXIMUM_KEY}' is 0, so there is no percentage")
    if points > maximum:
        raise _bad(f"'score' {points!r} is above '{MAXIMUM_KEY}' {maximum!r}")
    percent = points / maximum * 100.0
    return Reading(
        DEVICE_SECURE_SCORE.name, percent, instant, fetched_at, current=points, maximum=maximum
    )


@dataclass
class DeviceSecureScoreSource:
    """Reads Secure Score for Devices; higher is better."""

    base_url: str
    tokens: TokenSource
    session: requests.Session
    limits: HttpLimits = field(default_factory=HttpLimits)
    clock: Clock = utc_now

    name: str = DEVICE_SECURE_SCORE.name

    def fetch(self) -> Reading:
        """One request; a reading, or a raised :class:`~trayscore.core.errors.TrayscoreError`."""
        url = f"{self.base_url.rstrip('/')}{DEVICE_SECURE_SCORE.path}"
        with retirement_applies(PROBLEM, self.clock):
            payload = get_json_authorized(
                self.session, url, self.tokens, PROBLEM, limits=self.limits, clock=self.clock
            )
            return parse_device_score(payload, self.clock())
