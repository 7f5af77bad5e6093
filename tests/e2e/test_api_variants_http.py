"""Microsoft's error shapes over real HTTP: Graph's 206 partial answers, Retry-After on 503,
Graph's request ids, paging by ``@odata.nextLink``, and the Defender API's end by date."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from trayscore.core.errors import (
    ApiRetired,
    BadResponse,
    PermissionMissing,
    ServiceUnavailable,
    SignInRequired,
    Throttled,
    TrayscoreError,
)
from trayscore.core.refresh_policy import RefreshPolicy
from trayscore.simulator import GRAPH_DAYS_KEPT, Answer, Simulator
from trayscore.sources.device import DeviceSecureScoreSource
from trayscore.sources.exposure import ExposureScoreSource
from trayscore.sources.groups import ExposureByGroupSource
from trayscore.sources.http import StaticToken, make_session
from trayscore.sources.limits import HttpLimits
from trayscore.sources.secure_score import SecureScoreSource

from tests.conftest import FIXED_NOW, TEST_TOKEN
from tests.helpers.net import closed_port

TOKENS = StaticToken(TEST_TOKEN)
AFTER_RETIREMENT = datetime(2027, 2, 3, 9, 0, tzinfo=UTC)
QUICK = HttpLimits(connect_seconds=2, read_seconds=0.5, total_seconds=2)


@pytest.fixture
def server() -> Iterator[Simulator]:
    with Simulator(seed=5, wall=lambda: FIXED_NOW) as simulator:
        yield simulator


def graph(base: str, now: datetime = FIXED_NOW) -> SecureScoreSource:
    return SecureScoreSource(f"{base}/v1.0", TOKENS, make_session(), clock=lambda: now)


def exposure(base: str, now: datetime, limits: HttpLimits = QUICK) -> ExposureScoreSource:
    return ExposureScoreSource(base, TOKENS, make_session(), limits=limits, clock=lambda: now)


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("partial-forbidden", PermissionMissing),
        ("partial-throttled", Throttled),
        ("partial-timeout", ServiceUnavailable),
    ],
)
def test_graph_206_maps_the_provider_status(
    server: Simulator, fault: str, error: type[TrayscoreError]
) -> None:
    # GIVEN Graph answering 206 with a Warning naming the Secure Score provider's failure
    server.script(fault)
    # WHEN Secure Score is read  THEN the provider's status decides the error, not "unusable"
    with pytest.raises(error) as raised:
        graph(server.url).fetch()
    assert "HTTP 206" in raised.value.message
    assert "Microsoft/SecureScore" in raised.value.message


@pytest.mark.parametrize("status", [500, 502, 503])
def test_graph_206_with_any_5xx_is_unavailable(server: Simulator, status: int) -> None:
    warning = ("Warning", f'199 - "Microsoft/SecureScore/{status}/40"')
    server.script(Answer(206, b'{"value": []}', (warning,)))
    with pytest.raises(ServiceUnavailable):
        graph(server.url).fetch()


def test_graph_206_with_another_status_is_a_bad_answer(server: Simulator) -> None:
    server.script(Answer(206, b'{"value": []}', (("Warning", '199 - "M/P/400/4"'),)))
    with pytest.raises(BadResponse, match="answered only in part"):
        graph(server.url).fetch()


def test_graph_206_without_a_provider_warning_is_read_like_200(server: Simulator) -> None:
    # GIVEN a 206 whose Warning names no failed provider (or none at all)
    body = (
        b'{"value": [{"createdDateTime": "2026-11-27T00:00:00Z",'
        b' "currentScore": 30, "maxScore": 60}]}'
    )
    server.script(Answer(206, body, (("Warning", "110 - stale"),)))
    # WHEN read  THEN the snapshot it carries is the reading
    assert graph(server.url).fetch().score == 50.0


def test_a_503_retry_after_is_honoured(server: Simulator) -> None:
    # GIVEN the Defender API answering 503 with Retry-After: 120
    server.script("unavailable-retry")
    with pytest.raises(ServiceUnavailable) as raised:
        exposure(server.url, FIXED_NOW).fetch()
    # THEN the error carries the wait, and the refresh policy waits at least that long
    assert raised.value.retry_after == 120.0
    assert "in 120 s" in raised.value.message
    policy = RefreshPolicy(interval=timedelta(minutes=15))
    assert policy.after_failure(1, raised.value, random.Random(1)) == pytest.approx(120.0)


def test_a_graph_error_names_its_request_id(server: Simulator) -> None:
    server.script("graph-forbidden")
    with pytest.raises(PermissionMissing) as raised:
        graph(server.url).fetch()
    assert "request id 00000000-0000-0000-0000-000000006eed" in raised.value.message
    assert "correlation id" not in raised.value.message


def test_graph_paging_by_next_link_keeps_every_day() -> None:
    # GIVEN Graph paging by its own size of 7 snapshots with @odata.nextLink
    with Simulator(seed=5, wall=lambda: FIXED_NOW, graph_page_size=7) as server:
        # WHEN 90 days are backfilled
        days = graph(server.url).snapshots()
        # THEN no day is lost, and the links were followed (more requests than pages asked)
        assert len(days) == GRAPH_DAYS_KEPT
        assert len({reading.time for reading in days}) == GRAPH_DAYS_KEPT
        assert server.requests_served > 3


def test_a_bad_snapshot_is_skipped_over_http(server: Simulator) -> None:
    body = (
        b'{"value": [{"createdDateTime": "2026-11-28T00:00:00Z", "currentScore": 1,'
        b' "maxScore": 0}, {"createdDateTime": "2026-11-27T00:00:00Z", "currentScore": 30,'
        b' "maxScore": 60}]}'
    )
    server.script(Answer(200, body))
    assert graph(server.url).snapshots(2)[0].score == 50.0


# ---- the Defender API's end: MC1220762, 2027-02-01 -----------------------------------------


@pytest.mark.parametrize(
    "fault", ["unauthorized", "forbidden", "not-found", "gone", "server-error", "not-json"]
)
def test_after_the_retirement_day_any_defender_failure_is_the_retirement(
    server: Simulator, fault: str
) -> None:
    # GIVEN the day after Microsoft switched the Defender API off, and a failing answer
    server.fail_always(fault)
    # WHEN the exposure score, the device secure score or the groups are read
    for fetch in (
        exposure(server.url, AFTER_RETIREMENT).fetch,
        DeviceSecureScoreSource(
            server.url, TOKENS, make_session(), clock=lambda: AFTER_RETIREMENT
        ).fetch,
        ExposureByGroupSource(
            server.url, TOKENS, make_session(), clock=lambda: AFTER_RETIREMENT
        ).fetch,
    ):
        # THEN it is ApiRetired (exit 13) with the switch advice
        with pytest.raises(ApiRetired) as raised:
            fetch()
        assert raised.value.exit_code == 13
        assert 'source = "secure-score"' in raised.value.message


def test_after_the_retirement_day_an_unreachable_or_silent_host_is_the_retirement(
    server: Simulator,
) -> None:
    # GIVEN nothing listening (DNS or connection gone) ...
    with pytest.raises(ApiRetired, match="Cannot reach"):
        exposure(f"http://127.0.0.1:{closed_port()}", AFTER_RETIREMENT).fetch()
    # ... or a host that never answers
    server.fail_always("hang")
    try:
        with pytest.raises(ApiRetired, match="no answer"):
            exposure(server.url, AFTER_RETIREMENT).fetch()
    finally:
        server.release_held()


def test_before_the_retirement_day_errors_keep_their_own_meaning(server: Simulator) -> None:
    server.fail_always("unauthorized")
    with pytest.raises(SignInRequired) as raised:
        exposure(server.url, datetime(2027, 1, 31, 23, 59, tzinfo=UTC)).fetch()
    assert not isinstance(raised.value, ApiRetired)


def test_after_the_retirement_day_graph_keeps_working(server: Simulator) -> None:
    server.fail_always(Answer(410, b"{}", only_under="/api/"))
    assert 0.0 <= graph(server.url, AFTER_RETIREMENT).fetch().score <= 100.0
