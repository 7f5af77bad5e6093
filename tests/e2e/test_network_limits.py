"""Deadlines and redirects (issue 17, findings 9 and 10): the total request deadline holds while
headers dribble in, and msal's session has timeouts and follows no redirect with a secret."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import trustme
from trayscore.auth.application import SignInConfig
from trayscore.auth.service import AuthService
from trayscore.auth.token_session import TokenSession, TooSlow
from trayscore.auth.token_store import MemoryTokenStore
from trayscore.core.errors import BadResponse, Offline
from trayscore.sources.failures import ApiProblem
from trayscore.sources.http import get_json, make_session
from trayscore.sources.limits import HttpLimits

from tests.fakes.browser import BackgroundBrowser
from tests.fakes.identity import FakeIdentityPlatform
from tests.fakes.raw_http import RawHttpServer
from tests.helpers.tls_front import TlsFront

PROBLEM = ApiProblem("The test API", "grant it")
# Each header byte comes well within the read timeout: only a total deadline can end this.
SLOW_HEADERS = [b"HTTP/1.1 200 OK\r\n", *[b"X"] * 300]
PAUSE = 0.1  # 30 s of headers in all
LIMITS = HttpLimits(connect_seconds=2, read_seconds=5, total_seconds=1)


@pytest.fixture
def ca(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> trustme.CA:
    """A CA that requests trusts through REQUESTS_CA_BUNDLE, as on a managed machine."""
    authority = trustme.CA()
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(bundle))
    return authority


def test_slow_headers_end_at_the_total_deadline_over_plain_http() -> None:
    # GIVEN a server that sends its status line, then one header byte every 0.1 s
    with RawHttpServer(SLOW_HEADERS, pause=PAUSE) as server:
        started = time.monotonic()
        # WHEN a GET with a 1 s total budget and a 5 s read timeout reads it
        with pytest.raises(Offline, match="took longer than 1 s"):
            get_json(
                make_session(), f"{server.url}/api/exposureScore", "tok", PROBLEM, limits=LIMITS
            )
        # THEN it ended at the deadline: before one read timeout, far before the last header
        assert time.monotonic() - started < LIMITS.read_seconds


def test_slow_headers_end_at_the_total_deadline_over_tls(ca: trustme.CA) -> None:
    # GIVEN the same dribbling server behind TLS (a certificate the session trusts)
    with RawHttpServer(SLOW_HEADERS, pause=PAUSE) as server, TlsFront(server.url, ca) as front:
        started = time.monotonic()
        with pytest.raises(Offline, match="took longer than 1 s"):
            get_json(
                make_session(), f"{front.url}/api/exposureScore", "tok", PROBLEM, limits=LIMITS
            )
        assert time.monotonic() - started < LIMITS.read_seconds


def test_a_quick_request_after_a_cut_one_still_works() -> None:
    # GIVEN a session whose last request was cut at its deadline
    session = make_session()
    with RawHttpServer(SLOW_HEADERS, pause=PAUSE) as server, pytest.raises(Offline):
        get_json(session, f"{server.url}/x", "tok", PROBLEM, limits=LIMITS)
    # WHEN the same session asks a prompt server  THEN the answer is read in full
    body = b'{"score": 1}'
    head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    with RawHttpServer([head + body]) as server:
        assert get_json(session, f"{server.url}/x", "tok", PROBLEM, limits=LIMITS) == {"score": 1}


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections (the kernel does) and never answers."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_msals_session_has_a_read_timeout_of_its_own(silent_server: str) -> None:
    # GIVEN msal's session with a short read timeout, and a token endpoint that never answers
    session = TokenSession(HttpLimits(connect_seconds=1, read_seconds=0.5, total_seconds=10))
    # WHEN msal posts (msal passes no timeout itself)  THEN the read timeout ends it
    with pytest.raises(requests.exceptions.ReadTimeout):
        session.post(f"{silent_server}/token", data={"grant_type": "refresh_token"})


def test_msals_session_has_a_total_deadline() -> None:
    session = TokenSession(HttpLimits(connect_seconds=1, read_seconds=5, total_seconds=1))
    with RawHttpServer(SLOW_HEADERS, pause=PAUSE) as server:
        started = time.monotonic()
        with pytest.raises(TooSlow):
            session.post(f"{server.url}/token", data={"grant_type": "refresh_token"})
        assert time.monotonic() - started < 5


@pytest.mark.parametrize("status", [302, 307, 308])
def test_a_redirect_from_the_token_endpoint_is_not_followed(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session, status: int
) -> None:
    """RFC 9110 §15.4.8: a client may repeat a POST and its body on 307 (and 308); on 302 many
    switch to GET. Either way the sign-in secret must not go on to another address."""
    # GIVEN a token endpoint that redirects to an address that records what reaches it
    identity_platform.token_redirect = (status, f"{identity_platform.base_url}/stolen/token")
    open_browser = BackgroundBrowser(identity_platform.ca_file)

    service = AuthService(
        SignInConfig(
            client_id="3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
            authority=identity_platform.authority_for("contoso.example"),
            scopes=("https://api.securitycenter.microsoft.com/Score.Read",),
            instance_discovery=False,
        ),
        MemoryTokenStore(),
        session=msal_http_client,
        open_browser=open_browser,
    )
    # WHEN the user signs in and msal redeems the authorization code
    with pytest.raises(BadResponse, match="redirect") as caught:
        service.sign_in_browser(timeout=30)
    open_browser.join()
    # THEN the error says why, and nothing reached the redirect's target
    assert f"HTTP {status}" in caught.value.message
    assert not [path for path in identity_platform.requests if "/stolen" in path]
    assert any("oauth2/v2.0/token" in path for path in identity_platform.requests)
    assert service.account() is None
