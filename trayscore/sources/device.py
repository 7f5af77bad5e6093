"""Secure Score for Devices: ``GET {base}/api/configurationScore`` (delegated Score.Read).

The API answers points (``{"time": ..., "score": 340}``) and publishes no maximum. trayscore
takes 1,000 points as the maximum, the scale the Defender portal has shown this score on, and
reports the percentage (``points / 10``) so every source shares 0-100; the reading carries the
points too (``current`` of ``maximum``). An answer above 1,000 points is refused, not clipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

import requests

from trayscore.errors import BadResponse
from trayscore.models import Reading
from trayscore.sources import parse
from trayscore.sources.catalog import DEVICE_SECURE_SCORE
from trayscore.sources.exposure import PROBLEM
from trayscore.sources.http import Clock, HttpLimits, TokenSource, get_json_authorized, utc_now

MAX_POINTS: Final = 1000.0


def _bad(reason: str) -> BadResponse:
    return BadResponse(
        f"The device secure score answer is unusable: {reason}. "
        "Check TRAYSCORE_API_URL or the proxy."
    )


def parse_device_score(payload: object, fetched_at: datetime) -> Reading:
    """Validate the body strictly; the reading is the percentage of 1,000 points."""
    body = parse.as_object(payload, _bad)
    points = parse.number(body, "score", _bad, (0.0, MAX_POINTS))
    instant = parse.instant(body, "time", _bad)
    percent = points / (MAX_POINTS / 100.0)  # points / 10: 208.1 is 20.81, not 20.810000000000002
    return Reading(
        DEVICE_SECURE_SCORE.name, percent, instant, fetched_at, current=points, maximum=MAX_POINTS
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
        """One request; returns a reading or raises a :class:`~trayscore.errors.TrayscoreError`."""
        url = f"{self.base_url.rstrip('/')}{DEVICE_SECURE_SCORE.path}"
        payload = get_json_authorized(
            self.session, url, self.tokens, PROBLEM, limits=self.limits, clock=self.clock
        )
        return parse_device_score(payload, self.clock())
