"""The exposure-score client against the real simulator over real HTTP (no mocks of requests)."""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import requests
import trustme
from trayscore import __version__
from trayscore.core.errors import (
    ApiRetired,
    BadResponse,
    Offline,
    PermissionMissing,
    ServiceUnavailable,
    SignInRequired,
    SourceRetired,
    Throttled,
    TlsFailure,
    TrayscoreError,
)
from trayscore.simulator import Answer, Simulator
from trayscore.sources.exposure import ExposureScoreSource
from trayscore.sources.http import StaticToken, make_session
from trayscore.sources.limits import HttpLimits

from tests.conftest import FIXED_NOW, TEST_TOKEN
from tests.fakes.raw_http import RawHttpServer

QUICK = HttpLimits(connect_seconds=2, read_seconds=1, total_seconds=2)


def source_for(
    url: str, token: str = TEST_TOKEN, limits: HttpLimits = QUICK
) -> ExposureScoreSource:
    return ExposureScoreSource(
        url, StaticToken(token), make_session(), limits=limits, clock=lambda: FIXED_NOW
    )


def test_a_reading_carries_score_band_api_time_and_fetch_time(simulator: Simulator) -> None:
    # GIVEN the simulator  WHEN the source fetches
    reading = source_for(simulator.url).fetch()
    # THEN the reading is the simulator's score, stamped by the API and by us
    assert reading.source == "exposure-score"
    assert 0.0 <= reading.score <= 100.0
    assert reading.time == FIXED_NOW
    assert reading.fetched_at == FIXED_NOW
    assert reading.to_json()["band"] == reading.band.value
    assert simulator.user_agents == [
        f"trayscore/{__version__} (+https://github.com/trayscore/trayscore)"
    ]


def test_the_series_is_deterministic_for_a_seed_and_crosses_bands() -> None:
    monotonic = [0.0]
    with (
        Simulator(seed=11, step_seconds=10, monotonic=lambda: monotonic[0]) as first,
        Simulator(seed=11, step_seconds=10, monotonic=lambda: monotonic[0]) as second,
    ):
        bands = set()
        for step in range(16):
            monotonic[0] = step * 10.0
            a, b = source_for(first.url).fetch(), source_for(second.url).fetch()
            assert a.score == b.score
            bands.add(a.band)
    assert len(bands) == 3


@pytest.mark.parametrize(
    ("fault", "error", "fragments"),
    [
        ("unauthorized", SignInRequired, ["HTTP 401", "Sign in again", "code Unauthorized"]),
        (
            "forbidden",
            PermissionMissing,
            ["HTTP 403", "Score.Read", "Security Reader", "correlation id"],
        ),
        ("not-found", SourceRetired, ["HTTP 404", "no such API", "2027-02-01"]),
        ("gone", ApiRetired, ["HTTP 410", "MC1220762", 'source = "secure-score"']),
        ("throttled", Throttled, ["HTTP 429", "retry in 42 s"]),
        ("throttled-date", Throttled, ["HTTP 429", "retry in 90 s"]),
        ("server-error", ServiceUnavailable, ["HTTP 500", "try again later"]),
        ("unavailable", ServiceUnavailable, ["HTTP 503", "code ServiceUnavailable"]),
        ("redirect", BadResponse, ["HTTP 302"]),
        ("not-json", BadResponse, ["not valid JSON"]),
        ("truncated", BadResponse, ["cut off"]),
        ("wrong-type", BadResponse, ["'score' is a str"]),
        ("missing-field", BadResponse, ["'score' is missing"]),
        ("nan", BadResponse, ["not valid JSON"]),
        ("out-of-range", BadResponse, ["outside 0 to 100"]),
        ("bad-time", BadResponse, ["'time' is not an ISO-8601 instant"]),
        ("oversized", BadResponse, ["too large"]),
        ("hang", Offline, ["no answer within 1 s"]),
    ],
)
def test_every_failure_class_becomes_its_typed_error(
    simulator: Simulator, fault: str, error: type[TrayscoreError], fragments: list[str]
) -> None:
    # GIVEN the simulator scripted to fail this way
    simulator.script(fault)
    # WHEN the source fetches  THEN it raises the typed error with a one-line, actionable message
    with pytest.raises(error) as caught:
        source_for(simulator.url).fetch()
    message = caught.value.message
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message
    assert TEST_TOKEN not in message
    assert TEST_TOKEN not in repr(caught.value.args)
    simulator.release_held()


def test_throttling_carries_retry_after_seconds(simulator: Simulator) -> None:
    simulator.script("throttled", "throttled-date")
    for expected in (42.0, 90.0):
        with pytest.raises(Throttled) as caught:
            source_for(simulator.url).fetch()
        assert caught.value.retry_after == expected


def test_a_wrong_token_means_sign_in_needed(simulator: Simulator) -> None:
    with pytest.raises(SignInRequired):
        source_for(simulator.url, token="tok-wrong").fetch()


def test_defender_error_text_cannot_inject_terminal_escapes(simulator: Simulator) -> None:
    body = b'{"error": {"code": "Bad\\u001b[31mRed\\r\\nX", "target": "abc-123"}}'
    simulator.script(Answer(503, body))
    with pytest.raises(ServiceUnavailable) as caught:
        source_for(simulator.url).fetch()
    assert "code Bad31mRedX, correlation id abc-123" in caught.value.message
    assert "\x1b" not in caught.value.message


def test_refused_connection_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(Offline, match="connection was refused"):
        source_for(f"http://127.0.0.1:{port}").fetch()


def test_unknown_host_is_unreachable() -> None:
    with pytest.raises(Offline, match=r"Cannot reach no-such-host\.invalid"):
        source_for("https://no-such-host.invalid").fetch()


def test_a_dribbling_server_is_cut_off_by_the_total_deadline() -> None:
    # GIVEN a server that sends its body one byte at a time, forever within the read timeout
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
    pieces = [head] + [b" "] * 400
    with RawHttpServer(pieces, pause=0.05) as server:
        limits = HttpLimits(
            connect_seconds=2, read_seconds=1, total_seconds=1, max_body_bytes=200_000
        )
        # THEN the total deadline ends it
        with pytest.raises(Offline, match="longer than 1 s"):
            source_for(server.url, limits=limits).fetch()


def test_an_oversized_body_without_length_is_cut_at_the_cap() -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
    with (
        RawHttpServer([head, b"[" + b"1," * 100_000 + b"1]"]) as server,
        pytest.raises(BadResponse, match="larger than the 65536 bytes"),
    ):
        source_for(server.url, limits=HttpLimits()).fetch()


def test_default_limits_give_up_on_a_silent_server_within_30_seconds() -> None:
    limits = HttpLimits()
    assert limits.connect_seconds + limits.read_seconds <= 30
    assert limits.total_seconds <= 30


@pytest.fixture
def untrusted_tls_server(tmp_path: Path) -> Iterator[str]:
    """An https server whose certificate comes from a CA the client does not trust."""
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_untrusted_certificate_is_a_tls_failure_that_mentions_the_ca_bundle(
    untrusted_tls_server: str,
) -> None:
    with pytest.raises(TlsFailure) as caught:
        source_for(untrusted_tls_server).fetch()
    assert "certificate verify failed" in caught.value.message
    assert "REQUESTS_CA_BUNDLE" in caught.value.message


def test_the_token_never_reaches_logs(
    simulator: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    # GIVEN every library logging at debug level
    caplog.set_level(logging.DEBUG)
    simulator.script("forbidden", "hang")
    for _ in range(3):
        with contextlib.suppress(TrayscoreError):
            source_for(simulator.url).fetch()
    simulator.release_held()
    # THEN nothing logged contains the token
    assert caplog.records
    assert TEST_TOKEN not in caplog.text


def test_a_token_with_a_newline_is_refused_without_leaking(simulator: Simulator) -> None:
    with pytest.raises((TrayscoreError, requests.RequestException, ValueError)) as caught:
        source_for(simulator.url, token="abc\r\nX-Evil: 1").fetch()
    assert "X-Evil" not in str(caught.value)
    assert isinstance(caught.value, TrayscoreError)


def test_fetch_time_comes_from_the_injected_clock(simulator: Simulator) -> None:
    later = datetime(2030, 1, 1, tzinfo=UTC)
    source = ExposureScoreSource(
        simulator.url, StaticToken(TEST_TOKEN), make_session(), clock=lambda: later
    )
    assert source.fetch().fetched_at == later
