"""Exposure by device group: ``GET {base}/api/exposureScore/ByMachineGroups`` (Score.Read).

Answers "which device group drags us up?": every group's exposure score, worst (highest) first,
banded like the organisation's exposure score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

import requests

from trayscore.core.catalog import EXPOSURE_BY_GROUP_PATH, EXPOSURE_SCORE
from trayscore.core.errors import BadResponse
from trayscore.core.models import GroupReading
from trayscore.core.text import printable
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

# GroupReading lives in core (the display state holds it); it is re-exported for importers.
__all__ = [
    "ID_LIMIT",
    "NAME_LIMIT",
    "UNNAMED_GROUP",
    "ExposureByGroupSource",
    "GroupReading",
    "parse_groups",
]

UNNAMED_GROUP = "(no group name)"
NAME_LIMIT = 120
ID_LIMIT = 60


def _bad(reason: str) -> BadResponse:
    return BadResponse(
        f"The exposure-by-device-group answer is unusable: {reason}. "
        "Check TRAYSCORE_API_URL or the proxy."
    )


def _group_id(body: Mapping[str, object], name: str) -> str:
    """Microsoft's ``rbacGroupId`` as text, or the group's name.

    Missing or null, as in the documented sample of "List exposure score by device group",
    the group is known by its name.
    """
    group_id = body.get("rbacGroupId")
    if group_id is None:
        return name
    if isinstance(group_id, bool) or not isinstance(group_id, str | int):
        raise _bad(f"'rbacGroupId' is a {type(group_id).__name__}, not a string or number")
    return printable(str(group_id), ID_LIMIT) or name


def _group(body: Mapping[str, object], fetched_at: datetime) -> GroupReading:
    score = parse.number(body, "score", _bad, EXPOSURE_SCORE.scale)
    when = parse.instant(body, "time", _bad)
    raw_name = body.get("rbacGroupName")
    if raw_name is not None and not isinstance(raw_name, str):
        raise _bad(f"'rbacGroupName' is a {type(raw_name).__name__}, not a string")
    name = printable(raw_name or "", NAME_LIMIT) or UNNAMED_GROUP
    return GroupReading(name, _group_id(body, name), score, when, fetched_at)


def parse_groups(payload: object, fetched_at: datetime) -> list[GroupReading]:
    """Every group, worst first (highest exposure; ties by name, so the order is stable)."""
    groups = [_group(row, fetched_at) for row in parse.items(payload, _bad)]
    return sorted(groups, key=lambda group: (-group.score, group.name.casefold(), group.group_id))


@dataclass
class ExposureByGroupSource:
    """Reads the exposure score of every device group."""

    base_url: str
    tokens: TokenSource
    session: requests.Session
    limits: HttpLimits = field(default_factory=HttpLimits)
    clock: Clock = utc_now

    def fetch(self) -> list[GroupReading]:
        """One request; the groups worst first, or a ``TrayscoreError``."""
        url = f"{self.base_url.rstrip('/')}{EXPOSURE_BY_GROUP_PATH}"
        with retirement_applies(PROBLEM, self.clock):
            payload = get_json_authorized(
                self.session, url, self.tokens, PROBLEM, limits=self.limits, clock=self.clock
            )
            return parse_groups(payload, self.clock())
