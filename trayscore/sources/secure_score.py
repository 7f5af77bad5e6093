"""Microsoft Secure Score through Microsoft Graph v1.0: ``GET {graph}/security/secureScores``.

Delegated SecurityEvents.Read.All. Graph keeps one snapshot per day (newest first, 90 days by
default), each with ``currentScore`` and ``maxScore`` in points; the reading is the newest
snapshot's percentage, ``currentScore / maxScore * 100``, carrying both point values. Graph has
no ``$select`` here and every snapshot holds its per-control scores (often hundreds of KB), so
the answer cap is larger than the Defender API's and a backfill reads 30 days per request.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final, Protocol
from urllib.parse import urlsplit

import requests

from trayscore.core.catalog import SECURE_SCORE
from trayscore.core.errors import BadResponse
from trayscore.core.models import Reading
from trayscore.sources import parse
from trayscore.sources.failures import ApiProblem
from trayscore.sources.http import Clock, TokenSource, get_json_authorized, utc_now
from trayscore.sources.limits import HttpLimits

BACKFILL_DAYS: Final = 90
PAGE_DAYS: Final = 30
MAX_PAGES: Final = 10  # nextLink pages followed for one $top request (a loop cannot run away)
NEXT_LINK: Final = "@odata.nextLink"
FETCH_TOP: Final = 1  # the newest snapshot; a bad one is skipped for the day before
FETCH_PAGES: Final = 3
_log = logging.getLogger(__name__)
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
    """Every usable snapshot of a ``secureScores`` answer, newest first.

    One bad daily snapshot (a 0 or negative maximum, a current score above it, a bad date) is
    logged and skipped: the other days are still true. A page that is not a collection at all
    is still a BadResponse.
    """
    return _parse_rows(payload, fetched_at)[0]


def _parse_rows(payload: object, fetched_at: datetime | None) -> tuple[list[Reading], int]:
    """The usable snapshots, newest first, and how many rows the page held (bad ones too)."""
    rows = parse.items(payload, _bad)
    readings = []
    for row in rows:
        try:
            readings.append(parse_snapshot(row, fetched_at))
        except BadResponse as error:
            _log.warning("Secure Score snapshot skipped: %s", error.message)
    readings.sort(key=lambda reading: reading.time, reverse=True)
    return readings, len(rows)


def next_link(payload: object, base_url: str) -> str | None:
    """``@odata.nextLink`` when it stays on the base URL's scheme and host, else None.

    The token goes wherever the link points, so a link to another host is never followed.
    """
    if not isinstance(payload, Mapping):
        return None
    link = payload.get(NEXT_LINK)
    if not isinstance(link, str) or not link:
        return None
    here, there = urlsplit(base_url), urlsplit(link)
    if (there.scheme, there.netloc) != (here.scheme, here.netloc):
        _log.warning("Secure Score: @odata.nextLink to another host not followed")
        return None
    return link


class History(Protocol):
    """What a backfill needs of :class:`~trayscore.history.store.HistoryStore`."""

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

    def _page(self, top: int, skip: int, fetched_at: datetime | None) -> tuple[list[Reading], int]:
        """``$top`` rows from ``$skip``: the usable snapshots, newest first, and the rows seen.

        Follows ``@odata.nextLink`` when the service pages by its own size (at most
        :data:`MAX_PAGES` requests, and never past ``top`` rows).
        """
        query = f"?$top={top}" + (f"&$skip={skip}" if skip else "")
        url: str | None = f"{self.base_url.rstrip('/')}{SECURE_SCORE.path}{query}"
        found: list[Reading] = []
        rows = pages = 0
        while url is not None and pages < MAX_PAGES and rows < top:
            payload = get_json_authorized(
                self.session, url, self.tokens, PROBLEM, limits=self.limits, clock=self.clock
            )
            pages += 1
            readings, seen = _parse_rows(payload, fetched_at)
            found.extend(readings)
            rows += seen
            url = next_link(payload, self.base_url) if seen else None
        found.sort(key=lambda reading: reading.time, reverse=True)
        return found, rows

    def fetch(self) -> Reading:
        """The newest usable snapshot as a reading fetched now (usually one request)."""
        skip = 0
        for _attempt in range(FETCH_PAGES):
            newest, rows = self._page(FETCH_TOP, skip, self.clock())
            if newest:
                return newest[0]
            if rows < FETCH_TOP:
                break
            skip += rows
        raise _bad("Graph holds no usable Secure Score snapshot yet (a new tenant gets one daily)")

    def snapshots(self, days: int = BACKFILL_DAYS) -> list[Reading]:
        """Up to ``days`` daily snapshots, oldest first, each stamped with its own time."""
        found: list[Reading] = []
        rows = 0
        while rows < days:
            size = min(PAGE_DAYS, days - rows)
            page, seen = self._page(size, rows, None)
            found.extend(page)
            rows += seen
            if seen < size:
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
