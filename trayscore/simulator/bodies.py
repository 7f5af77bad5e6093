"""The normal answers of each simulated path, shaped exactly like Microsoft's documented samples.

Bodies have exactly the fields the documented samples show, with their 6- and 7-digit fractions
of a second (tests/contract holds those samples): no ``rbacGroupId``, no maximum for the device
secure score. ``extra_fields`` adds the fields real tenants were seen to send (an integer
``rbacGroupId``, Graph's ``@odata.context``). Kept apart from the request handler so the shape
of an answer is read in one place, free of sockets and scripting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final
from urllib.parse import parse_qs, urlsplit

from trayscore.simulator.series import Series, api_time, secure_score_percent

ODATA_BASE: Final = "https://api.security.microsoft.com/api/$metadata"
DEFENDER_PREFIX: Final = "/api/"
GRAPH_PREFIX: Final = "/v1.0/"
GRAPH_SECURE_SCORES: Final = "/v1.0/security/secureScores"
GRAPH_ODATA: Final = "https://graph.microsoft.com/v1.0/$metadata#security/secureScores"
GRAPH_DAYS_KEPT: Final = 90  # Graph holds 90 days of daily snapshots by default
GROUP_NAMES: Final = ("Servers", "Workstations", "Finance laptops", "Build agents")
SIMULATED_TENANT: Final = "9e1f3c2a-5b7d-4e8f-a1b2-c3d4e5f6a7b8"
CONTROLS: Final = (
    ("Identity", "MFARegistrationV2", 9.0),
    ("Device", "DefenderForEndpoint_AV", 8.0),
    ("Data", "DLPEnabled", 1.0),
)


@dataclass(frozen=True)
class SimulatedTenant:
    """What a tenant's normal answers depend on: its series, seed, and how Graph pages."""

    series: Series
    seed: int
    extra_fields: bool
    graph_page_size: int | None
    tenant_id: str = SIMULATED_TENANT  # Graph's azureTenantId


def simulated_tenant_id(number: int) -> str:
    """The Entra tenant ID of simulated tenant ``number`` (tenant 1's is the one of before)."""
    return SIMULATED_TENANT if number == 1 else f"{SIMULATED_TENANT[:24]}{number:012x}"


def score_body(score: object) -> bytes:
    """An exposure score answer with the documented sample's time and ``score`` as given."""
    return json.dumps(
        {
            "@odata.context": f"{ODATA_BASE}#ExposureScore/$entity",
            "time": "2019-12-03T07:23:53.2804990Z",
            "score": score,
        }
    ).encode()


def _query_count(query: dict[str, list[str]], name: str, default: int) -> int:
    """An OData ``$top``/``$skip`` value; ValueError (HTTP 400) when it is not a count."""
    values = query.get(name)
    if not values:
        return default
    text = values[-1]
    if not text.isdigit():
        raise ValueError(f"Invalid value '{text[:20]}' for query option {name}")
    return int(text)


def _secure_scores_body(
    tenant: SimulatedTenant, now: datetime, query: dict[str, list[str]], here: str
) -> bytes:
    """Graph's answer: daily snapshots newest first, the same for a day whatever the paging.

    With ``graph_page_size`` set, a ``$top`` larger than a page is answered a page at a time
    with an ``@odata.nextLink`` (``here`` is the simulator's base URL) for the rest.
    """
    top = _query_count(query, "$top", GRAPH_DAYS_KEPT)
    skip = _query_count(query, "$skip", 0)
    rest = 0
    if tenant.graph_page_size is not None and top > tenant.graph_page_size:
        top, rest = tenant.graph_page_size, top - tenant.graph_page_size
    today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    maximum = 300.0 + 10.0 * (tenant.seed % 10)
    snapshots = []
    for index in range(skip, min(skip + top, GRAPH_DAYS_KEPT)):
        day = today - timedelta(days=index)
        percent = secure_score_percent(tenant.series, day.toordinal())
        current = round(maximum * percent / 100.0, 2)
        snapshots.append(
            {
                "id": f"{tenant.tenant_id}_{day.strftime('%Y-%m-%d')}",
                "azureTenantId": tenant.tenant_id,
                "activeUserCount": 250,
                "licensedUserCount": 300,
                "createdDateTime": day.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "currentScore": current,
                "maxScore": maximum,
                "enabledServices": ["HasExchange", "HasSharePoint", "HasMDEP"],
                "averageComparativeScores": [
                    {"basis": "AllTenants", "averageScore": round(maximum * 0.45, 2)},
                ],
                "controlScores": [
                    {
                        "controlCategory": category,
                        "controlName": name,
                        "description": f"Simulated control {name}.",
                        "score": round(points * percent / 100.0, 2),
                    }
                    for category, name, points in CONTROLS
                ],
                "vendorInformation": {
                    "provider": "SecureScore",
                    "providerVersion": None,
                    "subProvider": None,
                    "vendor": "Microsoft",
                },
            }
        )
    answer: dict[str, object] = {"value": snapshots}
    if tenant.extra_fields:
        answer = {"@odata.context": GRAPH_ODATA, **answer}
    if rest and skip + top < GRAPH_DAYS_KEPT:
        answer["@odata.nextLink"] = f"{here}{GRAPH_SECURE_SCORES}?$top={rest}&$skip={skip + top}"
    return json.dumps(answer).encode()


def _groups_body(tenant: SimulatedTenant, now: datetime, step: int) -> bytes:
    """Every group as documented (time, score, rbacGroupName), 6- and 7-digit times."""
    groups: list[dict[str, object]] = []
    for index, name in enumerate(GROUP_NAMES):
        group: dict[str, object] = {
            "time": api_time(now, 6 + index % 2),
            "score": tenant.series.at(step, offset=12.0 * index - 15.0),
            "rbacGroupName": name,
        }
        if tenant.extra_fields:
            group["rbacGroupId"] = 1000 + index
        groups.append(group)
    return json.dumps({"@odata.context": f"{ODATA_BASE}#ExposureScore", "value": groups}).encode()


def normal_body(
    tenant: SimulatedTenant, target: str, now: datetime, step: int, here: str
) -> bytes | None:
    """The answer for a request target at ``now`` and ``step``; None for an unknown path.

    ``here`` is the base URL the client used (for Graph's next links). A query option that is
    not a count raises ValueError, which the handler answers as HTTP 400.
    """
    parts = urlsplit(target)
    path = parts.path
    if path == GRAPH_SECURE_SCORES:
        return _secure_scores_body(tenant, now, parse_qs(parts.query), here)
    if path == "/api/exposureScore":
        return json.dumps(
            {
                "@odata.context": f"{ODATA_BASE}#ExposureScore/$entity",
                "time": api_time(now, 6),
                "score": tenant.series.at(step),
            }
        ).encode()
    if path == "/api/exposureScore/ByMachineGroups":
        return _groups_body(tenant, now, step)
    if path == "/api/configurationScore":
        return json.dumps(
            {
                "@odata.context": f"{ODATA_BASE}#ConfigurationScore/$entity",
                "time": api_time(now, 7),
                "score": round(1000 - 10.0 * tenant.series.at(step)),  # points, no maximum
            }
        ).encode()
    return None
