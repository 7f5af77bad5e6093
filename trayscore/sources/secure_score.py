"""Microsoft Secure Score through Microsoft Graph v1.0: ``GET {graph}/security/secureScores``.

Delegated SecurityEvents.Read.All. Graph keeps one snapshot per day (newest first, 90 days by
default), each with ``currentScore`` and ``maxScore`` in points; the reading is the newest
snapshot's percentage, ``currentScore / maxScore * 100``, carrying both point values. Graph has
no ``$select`` here and every snapshot holds its per-control scores (often hundreds of KB), so
the answer cap is larger than the Defender API's and a backfill reads 30 days per request.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final, Protocol

import requests

from trayscore.errors import BadResponse
from trayscore.models import Reading
from trayscore.sources import parse
from trayscore.sources.catalog import SECURE_SCORE
from trayscore.sources.http import (
    ApiProblem,
    Clock,
    HttpLimits,
    TokenSource,
    get_json_authorized,
    utc_now,
)

BACKFILL_DAYS: Final = 90
PAGE_DAYS: Final = 30
GRAPH_LIMITS: Final = HttpLimits(max_body_bytes=8 * 1024 * 1024)
PROBLEM: Final = ApiProblem(
    service="Microsoft Graph",
    permission_hint=(
        "the app registration needs the delegated SecurityEvents.Read.All permission "
        "(Microsoft Graph) with admin consent, and your account a role that can read "
        "Secure Score, such as Security Reader."
    ),
)


def _bad(reason: str) -> BadResponse:
    return BadResponse(
        f"The Secure Score answer is unusable: {reason}. Check TRAYSCORE_GRAPH_URL or the proxy."
    )


def parse_snapshot(row: Mapping[str, object], fetched_at: datetime | None) -> Reading:
    """One daily snapshot as a reading; ``fetched_at=None`` stamps it with its own time."""
    current = parse.number(row, "currentScore", _bad, (0.0, math.inf))
    maximum = parse.number(row, "maxScore", _bad, (0.0, math.inf))
    if maximum <= 0.0:
        raise _bad("'maxScore' is 0, so there is no percentage")
    if current > maximum:
        raise _bad(f"'currentScore' {current!r} is above 'maxScore' {maximum!r}")
    created = parse.instant(row, "createdDateTime", _bad)
    percent = current / maximum * 100.0
    return Reading(
        SECURE_SCORE.name,
        percent,
        created,
        fetched_at or created,
        current=current,
        maximum=maximum,
    )


def parse_secure_scores(payload: object, fetched_at: datetime | None) -> list[Reading]:
    """Every snapshot of a ``secureScores`` answer, newest first."""
    readings = [parse_snapshot(row, fetched_at) for row in parse.items(payload, _bad)]
    return sorted(readings, key=lambda reading: reading.time, reverse=True)


class History(Protocol):
    """What a backfill needs of :class:`~trayscore.history.HistoryStore`."""

    def entries(self, source: str | None = None, since: datetime | None = None) -> Sequence[object]:
        """The recorded runs of ``source``."""
        ...

    def record_many(self, readings: Sequence[Reading]) -> None:
        """Record several readings in one go."""
        ...


@dataclass
class SecureScoreSource:
    """Reads Microsoft Secure Score from Graph; higher is better. ``base_url`` ends in /v1.0."""

    base_url: str
    tokens: TokenSource
    session: requests.Session
    limits: HttpLimits = GRAPH_LIMITS
    clock: Clock = utc_now

    name: str = SECURE_SCORE.name

    def _page(self, top: int, skip: int, fetched_at: datetime | None) -> list[Reading]:
        query = f"?$top={top}" + (f"&$skip={skip}" if skip else "")
        url = f"{self.base_url.rstrip('/')}{SECURE_SCORE.path}{query}"
        payload = get_json_authorized(
            self.session, url, self.tokens, PROBLEM, limits=self.limits, clock=self.clock
        )
        return parse_secure_scores(payload, fetched_at)

    def fetch(self) -> Reading:
        """The newest snapshot as a reading fetched now (one request, ``$top=1``)."""
        newest = self._page(1, 0, self.clock())
        if not newest:
            raise _bad("Graph holds no Secure Score snapshot yet (a new tenant gets one daily)")
        return newest[0]

    def snapshots(self, days: int = BACKFILL_DAYS) -> list[Reading]:
        """Up to ``days`` daily snapshots, oldest first, each stamped with its own time."""
        found: list[Reading] = []
        while len(found) < days:
            size = min(PAGE_DAYS, days - len(found))
            page = self._page(size, len(found), None)
            found.extend(page)
            if len(page) < size:
                break
        unique = {reading.time: reading for reading in found}  # a snapshot made between pages
        return sorted(unique.values(), key=lambda reading: reading.time)


@dataclass(frozen=True)
class Backfill:
    """What a first use of Secure Score did: the snapshots recorded and the current reading."""

    recorded: int
    reading: Reading = field(repr=False)


def backfill_and_fetch(source: SecureScoreSource, history: History) -> Backfill:
    """The current reading; on first use (no Secure Score in the history) record the past too.

    Graph keeps 90 days of daily snapshots, so the chart has a past from the first day. Only a
    history without any Secure Score entry is backfilled, so backfilling again adds nothing.
    The returned reading is the newest snapshot fetched now; record it like any other.
    """
    if history.entries(SECURE_SCORE.name):
        return Backfill(0, source.fetch())
    past = source.snapshots()
    if not past:
        return Backfill(0, source.fetch())
    history.record_many(past)
    newest = past[-1]
    current = Reading(
        newest.source,
        newest.score,
        newest.time,
        source.clock(),
        current=newest.current,
        maximum=newest.maximum,
    )
    return Backfill(len(past), current)
