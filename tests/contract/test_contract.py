"""Microsoft's documented samples and error shapes, parsed by trayscore's real clients.

Every fixture in this folder names its page and the day it was read (README.md). The clients
get them over real HTTP from the loopback simulator, scripted to answer exactly the fixture.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from trayscore.core.errors import (
    BadResponse,
    FeatureDisabled,
    PermissionMissing,
    ServiceUnavailable,
    SourceRetired,
    Throttled,
)
from trayscore.simulator import Simulator
from trayscore.sources.device import DeviceSecureScoreSource
from trayscore.sources.exposure import ExposureScoreSource
from trayscore.sources.groups import ExposureByGroupSource
from trayscore.sources.http import StaticToken, make_session
from trayscore.sources.secure_score import SecureScoreSource

from tests.conftest import FIXED_NOW, TEST_TOKEN
from tests.helpers.contract import all_fixtures, answer, fixture

TOKENS = StaticToken(TEST_TOKEN)


@pytest.fixture
def server() -> Iterator[Simulator]:
    with Simulator(seed=3, wall=lambda: FIXED_NOW) as simulator:
        yield simulator


def exposure(server: Simulator) -> ExposureScoreSource:
    return ExposureScoreSource(server.url, TOKENS, make_session(), clock=lambda: FIXED_NOW)


def secure_score(server: Simulator) -> SecureScoreSource:
    return SecureScoreSource(f"{server.url}/v1.0", TOKENS, make_session(), clock=lambda: FIXED_NOW)


@pytest.mark.parametrize("name", all_fixtures())
def test_every_fixture_names_its_page_and_the_day_it_was_read(name: str) -> None:
    data = fixture(name)
    assert data["page"]
    assert data["url"].startswith("https://learn.microsoft.com/")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", data["read"])
    assert isinstance(data["status"], int)
    assert isinstance(data["body"], dict)


def test_get_exposure_score_sample(server: Simulator) -> None:
    # GIVEN the sample of "Get exposure score"
    server.script(answer("exposure-score"))
    # WHEN the exposure score client reads it
    reading = exposure(server).fetch()
    # THEN the score and time are the sample's, to the last digit
    assert reading.score == 33.491554051195706
    assert reading.time == datetime(2019, 12, 3, 7, 23, 53, 280499, tzinfo=UTC)
    assert reading.band.value == "medium"


def test_get_device_secure_score_sample_is_points_without_an_invented_maximum(
    server: Simulator,
) -> None:
    # GIVEN the sample of "Get device secure score": 340 points, no maximum documented
    server.script(answer("device-secure-score"))
    # WHEN the client reads it
    reading = DeviceSecureScoreSource(
        server.url, TOKENS, make_session(), clock=lambda: FIXED_NOW
    ).fetch()
    # THEN it is 340 points, with no percentage, no maximum and so no band
    assert (reading.score, reading.current, reading.maximum) == (340.0, 340.0, None)
    assert not reading.banded
    assert reading.to_json()["band"] is None
    assert reading.to_json()["unit"] == "points"
    assert reading.time == datetime(2019, 12, 3, 9, 15, 58, 166584, tzinfo=UTC)


def test_list_exposure_score_by_device_group_sample_has_no_group_id(server: Simulator) -> None:
    # GIVEN the sample of "List exposure score by device group": no rbacGroupId at all
    server.script(answer("exposure-by-device-group"))
    # WHEN the groups client reads it
    groups = ExposureByGroupSource(
        server.url, TOKENS, make_session(), clock=lambda: FIXED_NOW
    ).fetch()
    # THEN both groups are there, worst first, each known by its name
    assert [(g.name, g.group_id, g.score) for g in groups] == [
        ("GroupOne", "GroupOne", 41.38041766305988),
        ("GroupTwo", "GroupTwo", 37.403726933165366),
    ]
    assert groups[1].time == datetime(2019, 12, 3, 9, 51, 28, 214339, tzinfo=UTC)


def test_list_secure_scores_sample(server: Simulator) -> None:
    # GIVEN the sample of Graph's "List secureScores"
    server.script(answer("secure-scores"))
    # WHEN the Secure Score client reads it
    reading = secure_score(server).fetch()
    # THEN the percentage is currentScore of maxScore, with both points kept
    assert math.isclose(reading.score, 387.0 / 697.0 * 100.0)
    assert (reading.current, reading.maximum) == (387.0, 697.0)
    assert reading.time == datetime(2019, 3, 19, 15, 21, tzinfo=UTC)


def test_defender_error_example_names_its_correlation_id(server: Simulator) -> None:
    # GIVEN the first example error body of "Common ... API errors" (ResourceNotFound, 404)
    server.script(answer("defender-error-not-found"))
    # WHEN the exposure score is read  THEN the message carries the code and the target
    with pytest.raises(SourceRetired) as raised:
        exposure(server).fetch()
    assert "code ResourceNotFound" in raised.value.message
    assert "correlation id 43f4cb08-8fac-4b65-9db1-745c2ae65f3a" in raised.value.message


def test_disabled_feature_is_not_called_a_missing_permission(server: Simulator) -> None:
    # GIVEN Defender's 403 DisabledFeature ("Tenant feature isn't enabled.")
    server.script(answer("defender-error-disabled-feature"))
    # WHEN the exposure score is read
    with pytest.raises(FeatureDisabled) as raised:
        exposure(server).fetch()
    # THEN it says the feature or licence is missing, not Score.Read, and keeps the target
    message = raised.value.message
    assert "Defender Vulnerability Management is not enabled or licensed for this tenant" in message
    assert "Score.Read" not in message
    assert "correlation id 1fa66c0f-18bd-4133-b378-36d76f3a2ba0" in message
    assert raised.value.exit_code == PermissionMissing.exit_code


def test_throttled_example_honours_retry_after(server: Simulator) -> None:
    server.script(answer("defender-error-throttled"))
    with pytest.raises(Throttled) as raised:
        exposure(server).fetch()
    assert raised.value.retry_after == 30.0


def test_graph_error_body_names_its_request_id(server: Simulator) -> None:
    # GIVEN the full error body of "Microsoft Graph error responses and resource types"
    server.script(answer("graph-error-response"))
    # WHEN Secure Score is read  THEN the request id (for a support ticket) is in the message
    with pytest.raises(BadResponse) as raised:
        secure_score(server).fetch()
    assert "code invalidRange" in raised.value.message
    assert "request id request-id" in raised.value.message


def test_graph_206_with_the_documented_warning_is_the_worst_provider_failure(
    server: Simulator,
) -> None:
    # GIVEN the documented Warning: provider 2 timed out (504), provider 4 refused (403)
    server.script(answer("graph-partial-content"))
    # WHEN Secure Score is read  THEN the 403 wins: access is refused, naming both providers
    with pytest.raises(PermissionMissing) as raised:
        secure_score(server).fetch()
    assert "HTTP 206" in raised.value.message
    assert "Vendor4/Provider 4 403" in raised.value.message  # braces are not kept: only safe text
    assert "SecurityEvents.Read.All" in raised.value.message
    assert not isinstance(raised.value, ServiceUnavailable)


# ---- the simulator answers in the documented shapes --------------------------------------


def _served(server: Simulator, path: str) -> dict[str, object]:
    session = make_session()
    response = session.get(
        f"{server.url}{path}", headers={"Authorization": f"Bearer {TEST_TOKEN}"}, timeout=10
    )
    assert response.status_code == 200
    body: dict[str, object] = json.loads(response.text)
    return body


def _fraction_digits(stamp: object) -> int:
    assert isinstance(stamp, str)
    match = re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d+))?Z", stamp)
    assert match is not None, stamp
    return len(match[1] or "")


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/exposureScore", "exposure-score"),
        ("/api/configurationScore", "device-secure-score"),
    ],
)
def test_simulator_score_answers_have_exactly_the_documented_fields(
    server: Simulator, path: str, name: str
) -> None:
    body = _served(server, path)
    documented = fixture(name)["body"]
    assert set(body) == set(documented)
    assert _fraction_digits(body["time"]) == _fraction_digits(documented["time"])


def test_simulator_groups_have_exactly_the_documented_fields(server: Simulator) -> None:
    body = _served(server, "/api/exposureScore/ByMachineGroups")
    rows = body["value"]
    assert isinstance(rows, list)
    documented = fixture("exposure-by-device-group")["body"]["value"]
    assert {frozenset(row) for row in rows} == {frozenset(documented[0])}
    assert {_fraction_digits(row["time"]) for row in rows} == {6, 7}  # as the sample's rows


def test_simulator_secure_scores_have_exactly_the_documented_fields(server: Simulator) -> None:
    body = _served(server, "/v1.0/security/secureScores?$top=2")
    documented = fixture("secure-scores")["body"]
    assert set(body) == set(documented)
    rows = body["value"]
    assert isinstance(rows, list)
    assert {frozenset(row) for row in rows} == {frozenset(documented["value"][0])}


def test_simulator_extra_fields_are_an_option() -> None:
    with Simulator(seed=3, extra_fields=True) as server:
        rows = _served(server, "/api/exposureScore/ByMachineGroups")["value"]
        assert isinstance(rows, list)
        assert all(isinstance(row["rbacGroupId"], int) for row in rows)
        assert "@odata.context" in _served(server, "/v1.0/security/secureScores?$top=1")
