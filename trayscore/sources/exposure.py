"""The Defender exposure score: ``GET {base}/api/exposureScore`` (delegated Score.Read)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

import requests

from trayscore.core.bands import SCORE_MAX, SCORE_MIN
from trayscore.core.catalog import EXPOSURE_SCORE
from trayscore.core.errors import BadResponse
from trayscore.core.models import Reading
from trayscore.core.timeparse import parse_instant
from trayscore.sources.failures import ApiProblem
from trayscore.sources.http import (
    Clock,
    TokenSource,
    get_json_authorized,
    retirement_applies,
    utc_now,
)
from trayscore.sources.limits import HttpLimits

SOURCE_NAME: Final = EXPOSURE_SCORE.name
PATH: Final = EXPOSURE_SCORE.path
RETIRED_MESSAGE: Final = (
    "Microsoft retired the Defender for Endpoint API (Message Center MC1220762), so this score "
    'can no longer be read. Switch to Microsoft Secure Score: set source = "secure-score" in '
    "settings.toml (or TRAYSCORE_SOURCE=secure-score). The recorded history stays readable "
    "with `trayscore history`."
)
PROBLEM: Final = ApiProblem(
    service="The Defender API",
    permission_hint=(
        "the app registration needs the delegated Score.Read permission (WindowsDefenderATP) "
        "with admin consent, and your account a Defender role that can view vulnerability "
        "management data, such as Security Reader."
    ),
    retirement=RETIRED_MESSAGE,
)


def _bad(reason: str) -> BadResponse:
    return BadResponse(
        f"The exposure score answer is unusable: {reason}. Check TRAYSCORE_API_URL or the proxy."
    )


def parse_exposure_score(payload: object, fetched_at: datetime) -> Reading:
    """Validate a decoded body strictly and build the reading from it."""
    if not isinstance(payload, Mapping):
        raise _bad("not a JSON object")
    if "score" not in payload:
        raise _bad("'score' is missing")
    if "time" not in payload:
        raise _bad("'time' is missing")
    score = payload["score"]
    if isinstance(score, bool) or not isinstance(score, int | float):
        raise _bad(f"'score' is a {type(score).__name__}, not a number")
    value = float(score)
    if not math.isfinite(value) or not SCORE_MIN <= value <= SCORE_MAX:
        raise _bad(f"'score' {value!r} is outside 0 to 100")
    when = payload["time"]
    if not isinstance(when, str):
        raise _bad(f"'time' is a {type(when).__name__}, not a string")
    try:
        instant = parse_instant(when)
    except ValueError:
        raise _bad("'time' is not an ISO-8601 instant") from None
    return Reading(SOURCE_NAME, value, instant, fetched_at)


@dataclass
class ExposureScoreSource:
    """Reads the organisation's exposure score; lower is better."""

    base_url: str
    tokens: TokenSource
    session: requests.Session
    limits: HttpLimits = field(default_factory=HttpLimits)
    clock: Clock = utc_now

    name: str = SOURCE_NAME

    def fetch(self) -> Reading:
        """One request; a reading, or a raised :class:`~trayscore.core.errors.TrayscoreError`."""
        url = f"{self.base_url.rstrip('/')}{PATH}"
        with retirement_applies(PROBLEM, self.clock):
            payload = get_json_authorized(
                self.session, url, self.tokens, PROBLEM, limits=self.limits, clock=self.clock
            )
            return parse_exposure_score(payload, self.clock())
