"""The device secure score, device groups and Graph Secure Score clients against the real
simulator over real HTTP, with the same failure classes as the exposure score."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from trayscore.core.errors import (
    ApiRetired,
    BadResponse,
    Offline,
    PermissionMissing,
    ServiceUnavailable,
    SignInRequired,
    SourceRetired,
    Throttled,
    TrayscoreError,
)
from trayscore.history.store import HistoryStore
from trayscore.simulator import GRAPH_DAYS_KEPT, Answer, Simulator
from trayscore.sources.device import DeviceSecureScoreSource
from trayscore.sources.exposure import ExposureScoreSource
from trayscore.sources.groups import ExposureByGroupSource
from trayscore.sources.http import StaticToken, make_session
from trayscore.sources.limits import HttpLimits
from trayscore.sources.secure_score import SecureScoreSource, backfill_and_fetch

from tests.conftest import FIXED_NOW, TEST_TOKEN

QUICK = HttpLimits(connect_seconds=2, read_seconds=1, total_seconds=2)
Fetch = Callable[[str], object]


def device(url: str) -> DeviceSecureScoreSource:
    return DeviceSecureScoreSource(
        url, StaticToken(TEST_TOKEN), make_session(), limits=QUICK, clock=lambda: FIXED_NOW
    )


def groups(url: str) -> ExposureByGroupSource:
    return ExposureByGroupSource(
        url, StaticToken(TEST_TOKEN), make_session(), limits=QUICK, clock=lambda: FIXED_NOW
    )


def secure(url: str) -> SecureScoreSource:
    return SecureScoreSource(
        f"{url}/v1.0",
        StaticToken(TEST_TOKEN),
        make_session(),
        limits=QUICK,
        clock=lambda: FIXED_NOW,
    )


FETCHERS: dict[str, Fetch] = {
    "device-secure-score": lambda url: device(url).fetch(),
    "groups": lambda url: groups(url).fetch(),
    "secure-score": lambda url: secure(url).fetch(),
}


def test_device_secure_score_is_points_with_no_invented_maximum(simulator: Simulator) -> None:
    # GIVEN the simulator answering 340 points, as Microsoft's documented example
    body = b'{"time": "2019-12-03T09:15:58.1665846Z", "score": 340}'
    simulator.script(Answer(200, body))
    # WHEN the device secure score is fetched
    reading = device(simulator.url).fetch()
    # THEN it is 340 points: no maximum is documented, so no percentage and no band
    assert reading.source == "device-secure-score"
    assert (reading.score, reading.current, reading.maximum) == (340.0, 340.0, None)
    assert not reading.banded
    assert reading.to_json()["current"] == 340.0
    assert reading.to_json()["max"] is None


def test_device_points_above_1000_are_kept(simulator: Simulator) -> None:
    simulator.script(Answer(200, b'{"time": "2019-12-03T09:15:58Z", "score": 1000.5}'))
    assert device(simulator.url).fetch().current == 1000.5


def test_groups_come_worst_first_with_their_exposure_bands(simulator: Simulator) -> None:
    # GIVEN Microsoft's documented answer shape, best group first and one without a name
    body = (
        b'{"value": ['
        b'{"time": "2019-12-03T09:51:28.214338Z", "score": 41.38, "rbacGroupName": "GroupOne",'
        b' "rbacGroupId": 10},'
        b'{"time": "2019-12-03T09:51:28.214338Z", "score": 73.5, "rbacGroupName": "GroupTwo",'
        b' "rbacGroupId": "11"},'
        b'{"time": "2019-12-03T09:51:28.214338Z", "score": 12.0, "rbacGroupName": null,'
        b' "rbacGroupId": 12}]}'
    )
    simulator.script(Answer(200, body))
    # WHEN the groups are fetched
    found = groups(simulator.url).fetch()
    # THEN the highest exposure comes first, each with its band, ids as text
    assert [g.to_json() for g in found] == [
        {"name": "GroupTwo", "id": "11", "score": 73.5, "band": "high"},
        {"name": "GroupOne", "id": "10", "score": 41.38, "band": "medium"},
        {"name": "(no group name)", "id": "12", "score": 12.0, "band": "low"},
    ]


def test_simulated_groups_are_sorted_and_deterministic(simulator: Simulator) -> None:
    first, second = groups(simulator.url).fetch(), groups(simulator.url).fetch()
    assert [g.name for g in first] == [g.name for g in second]
    assert len(first) == 4
    assert [g.score for g in first] == sorted((g.score for g in first), reverse=True)


def test_secure_score_is_current_of_max_from_the_newest_snapshot(simulator: Simulator) -> None:
    # GIVEN Graph's shape: daily snapshots newest first
    body = (
        b'{"value": ['
        b'{"id": "t_2026-11-28", "createdDateTime": "2026-11-28T00:00:00Z",'
        b' "currentScore": 150.5, "maxScore": 301.0, "controlScores": []},'
        b'{"id": "t_2026-11-27", "createdDateTime": "2026-11-27T00:00:00Z",'
        b' "currentScore": 10.0, "maxScore": 301.0, "controlScores": []}]}'
    )
    simulator.script(Answer(200, body))
    # WHEN the Secure Score is fetched
    reading = secure(simulator.url).fetch()
    # THEN it is the newest snapshot's percentage, stamped with its creation, fetched now
    assert reading.source == "secure-score"
    assert reading.score == 50.0
    assert (reading.current, reading.maximum) == (150.5, 301.0)
    assert reading.time.isoformat() == "2026-11-28T00:00:00+00:00"
    assert reading.fetched_at == FIXED_NOW
    assert reading.band.value == "medium"


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        (b'{"createdDateTime": "2026-11-28T00:00:00Z", "maxScore": 10}', "'currentScore' is"),
        (b'{"createdDateTime": "2026-11-28T00:00:00Z", "currentScore": 1, "maxScore": 0}', "is 0"),
        (
            b'{"createdDateTime": "2026-11-28T00:00:00Z", "currentScore": 11, "maxScore": 10}',
            "above",
        ),
        (b'{"createdDateTime": "today", "currentScore": 1, "maxScore": 10}', "ISO-8601"),
    ],
)
def test_an_unusable_newest_snapshot_is_skipped_for_the_day_before(
    simulator: Simulator, row: bytes, fragment: str, caplog: pytest.LogCaptureFixture
) -> None:
    # GIVEN the newest snapshot unusable, and Graph's normal answer for the days before
    simulator.script(Answer(200, b'{"value": [' + row + b"]}"))
    # WHEN Secure Score is read  THEN the day before is the reading, and the skip is logged
    reading = secure(simulator.url).fetch()
    assert 0.0 <= reading.score <= 100.0
    assert fragment in caplog.text


def test_no_usable_snapshot_at_all_is_a_bad_answer(simulator: Simulator) -> None:
    simulator.fail_always(Answer(200, b'{"value": [{"createdDateTime": "x"}]}'))
    with pytest.raises(BadResponse, match="no usable Secure Score snapshot"):
        secure(simulator.url).fetch()


def test_the_simulator_honours_top_and_skip_newest_first(simulator: Simulator) -> None:
    # GIVEN the simulated Graph  WHEN pages are asked with $top and $skip
    session = make_session()
    headers = {"Authorization": f"Bearer {TEST_TOKEN}"}
    url = f"{simulator.url}/v1.0/security/secureScores"
    two = session.get(f"{url}?$top=2", headers=headers, timeout=5).json()["value"]
    next_one = session.get(f"{url}?$top=1&$skip=1", headers=headers, timeout=5).json()["value"]
    everything = session.get(url, headers=headers, timeout=5).json()["value"]
    # THEN $top caps the count, $skip pages, and a day's snapshot is the same in every page
    assert len(two) == 2
    assert next_one == two[1:]
    assert len(everything) == GRAPH_DAYS_KEPT
    assert everything[:2] == two
    assert two[0]["createdDateTime"] == "2026-11-28T00:00:00Z"
    assert {"currentScore", "maxScore", "averageComparativeScores", "controlScores"} <= set(two[0])
    bad = session.get(f"{url}?$top=lots", headers=headers, timeout=5)
    assert bad.status_code == 400


def test_backfill_records_90_days_once_and_never_again(
    simulator: Simulator, tmp_path: Path
) -> None:
    # GIVEN an empty history
    store = HistoryStore(tmp_path / "history.json", clock=lambda: FIXED_NOW)
    source = secure(simulator.url)
    # WHEN Secure Score is read for the first time
    first = backfill_and_fetch(source, store)
    # THEN every daily snapshot Graph keeps is recorded with its own time, oldest first
    assert first.recorded == GRAPH_DAYS_KEPT
    runs = store.entries("secure-score")
    assert runs[0].time == FIXED_NOW.replace(hour=0, minute=0) - timedelta(days=89)
    assert runs[0].last_confirmed == runs[0].time
    assert runs[-1].time == first.reading.time
    assert len(runs) == GRAPH_DAYS_KEPT  # the simulated days all differ
    assert first.reading.fetched_at == FIXED_NOW
    store.record(first.reading)
    before = [entry.to_json() for entry in store.entries("secure-score")]
    # WHEN it is read again  THEN nothing is backfilled and the history only confirms the score
    second = backfill_and_fetch(source, store)
    store.record(second.reading)
    assert second.recorded == 0
    assert [entry.to_json() for entry in store.entries("secure-score")] == before
    # AND the other sources' history is untouched
    assert store.entries("exposure-score") == []


@pytest.mark.parametrize("name", list(FETCHERS))
@pytest.mark.parametrize(
    ("fault", "error", "fragment"),
    [
        ("unauthorized", SignInRequired, "HTTP 401"),
        ("forbidden", PermissionMissing, "HTTP 403"),
        ("not-found", SourceRetired, "HTTP 404"),
        ("throttled", Throttled, "retry in 42 s"),
        ("server-error", ServiceUnavailable, "HTTP 500"),
        ("unavailable", ServiceUnavailable, "HTTP 503"),
        ("redirect", BadResponse, "HTTP 302"),
        ("not-json", BadResponse, "not valid JSON"),
        ("truncated", BadResponse, "cut off"),
        ("wrong-type", BadResponse, "unusable"),
        ("missing-field", BadResponse, "unusable"),
        ("nan", BadResponse, "not valid JSON"),
        ("oversized", BadResponse, "large"),
        ("hang", Offline, "no answer within 1 s"),
    ],
)
def test_every_source_meets_the_same_failure_classes(
    simulator: Simulator, name: str, fault: str, error: type[TrayscoreError], fragment: str
) -> None:
    # GIVEN the simulator failing this way  WHEN each source fetches
    simulator.script(fault)
    with pytest.raises(error) as caught:
        FETCHERS[name](simulator.url)
    # THEN the same typed error, one line, no token
    message = caught.value.message
    assert fragment in message
    assert "\n" not in message
    assert TEST_TOKEN not in message
    simulator.release_held()


@pytest.mark.parametrize("fault", ["retired", "retired-404", "gone"])
def test_a_retired_defender_api_is_api_retired_and_graph_still_answers(
    simulator: Simulator, fault: str
) -> None:
    # GIVEN the simulator playing Microsoft's retirement of the Defender API
    simulator.fail_always(fault)
    exposure = ExposureScoreSource(
        simulator.url, StaticToken(TEST_TOKEN), make_session(), limits=QUICK
    )
    # WHEN every Defender source fetches  THEN each says the API was retired and what to do
    for fetch in (exposure.fetch, device(simulator.url).fetch, groups(simulator.url).fetch):
        with pytest.raises(ApiRetired) as caught:
            fetch()
        assert caught.value.kind == "api-retired"
        assert caught.value.exit_code == 13
        assert "MC1220762" in caught.value.message
        assert 'source = "secure-score"' in caught.value.message
    # AND Graph, which survives the retirement, still answers (a plain 410 there is not it)
    if fault == "gone":
        with pytest.raises(SourceRetired) as other:
            secure(simulator.url).fetch()
        assert not isinstance(other.value, ApiRetired)
    else:
        assert secure(simulator.url).fetch().source == "secure-score"


def test_a_plain_404_is_still_a_wrong_host_not_a_retirement(simulator: Simulator) -> None:
    simulator.script("not-found")
    with pytest.raises(SourceRetired) as caught:
        device(simulator.url).fetch()
    assert not isinstance(caught.value, ApiRetired)
    assert caught.value.exit_code == 6


def test_no_source_follows_a_redirect_with_the_token(simulator: Simulator) -> None:
    simulator.fail_always("redirect")
    for fetch in FETCHERS.values():
        with pytest.raises(BadResponse):
            fetch(simulator.url)
    assert simulator.requests_served == len(FETCHERS)  # one request each, nothing followed
