"""Real components write to a real log file: requests/urllib3/http.client against the simulator,
and msal signing in against the fake identity platform. No token may reach the file."""

from __future__ import annotations

import http.client
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from trayscore.auth.application import SignInConfig
from trayscore.auth.service import AuthService
from trayscore.auth.token_store import MemoryTokenStore
from trayscore.simulator import Simulator
from trayscore.system.logs import LOG_FILE_NAME, REDACTED, LoggingSetup, configure_logging

from tests.conftest import TEST_TOKEN
from tests.fakes.browser import BackgroundBrowser
from tests.fakes.identity import FakeIdentityPlatform

CLIENT_ID = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
TENANT = "contoso.example"
SCOPES = ("https://api.securitycenter.microsoft.com/Score.Read",)


@pytest.fixture
def verbose_log(tmp_path: Path) -> Iterator[Path]:
    """Verbose logging on the root logger, with http.client's wire dump routed into it."""
    setup: LoggingSetup = configure_logging(
        tmp_path / "log", verbose=True, stream=None, http_wire=True
    )
    try:
        assert setup.log_file is not None, setup.warning
        yield setup.log_file
    finally:
        setup.remove()
    # http.client is as it was: no wire dump, its own print
    assert http.client.HTTPConnection.debuglevel == 0
    assert "print" not in vars(http.client)


def read_log(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_a_bearer_request_is_logged_without_its_token(
    verbose_log: Path, simulator: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN verbose logging with urllib3 debug and http.client's wire dump on
    # WHEN a real requests GET carries the bearer token to the simulator
    with requests.Session() as session:
        session.trust_env = False
        response = session.get(
            f"{simulator.url}/api/exposureScore",
            headers={"Authorization": f"Bearer {TEST_TOKEN}"},
            timeout=10,
        )
    assert response.status_code == 200  # the simulator accepts only TEST_TOKEN: it was sent
    text = read_log(verbose_log)
    # THEN the log has the request line (urllib3) and the redacted header (http.client's dump)
    assert '"GET ' in text
    assert "send: b'GET " in text
    assert f"Authorization: Bearer {REDACTED}" in text
    # AND the token is nowhere in the file, nor printed raw on stdout by http.client
    assert TEST_TOKEN not in text
    assert TEST_TOKEN not in capsys.readouterr().out
    assert verbose_log.name == LOG_FILE_NAME


def test_msal_sign_in_and_refresh_leave_no_token_or_code_in_the_log(
    verbose_log: Path,
    identity_platform: FakeIdentityPlatform,
    msal_http_client: requests.Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN the fake identity platform, recording each authorization code it hands out
    codes: list[str] = []
    authorize = identity_platform.authorize

    def recording_authorize(tenant: str, params: dict[str, str]) -> tuple[str, dict[str, str]]:
        redirect_uri, answer = authorize(tenant, params)
        codes.append(answer["code"])
        return redirect_uri, answer

    monkeypatch.setattr(identity_platform, "authorize", recording_authorize)
    open_browser = BackgroundBrowser(identity_platform.ca_file)

    service = AuthService(
        SignInConfig(
            client_id=CLIENT_ID,
            authority=identity_platform.authority_for(TENANT),
            scopes=SCOPES,
            instance_discovery=False,
        ),
        MemoryTokenStore(),
        session=msal_http_client,
        open_browser=open_browser,
    )
    # WHEN trayscore signs in through the (fake) browser with the authorization code + PKCE,
    # then forces a silent refresh (the refresh-token grant), msal logging at DEBUG throughout
    account = service.sign_in_browser(timeout=30)
    refreshed = service.token(force_refresh=True)
    open_browser.join()
    assert account.username == "analyst@contoso.example"
    assert identity_platform.grants["authorization_code"] == 1
    assert identity_platform.grants["refresh_token"] == 1
    text = read_log(verbose_log)
    # THEN the log saw the token endpoint, msal's debug lines and the redacted form bodies
    assert "oauth2/v2.0/token" in text
    assert " msal." in text
    assert f"code={REDACTED}" in text
    assert f"refresh_token={REDACTED}" in text
    # AND no issued access token, refresh token, id token or authorization code is in it
    secrets = [
        *codes,
        *identity_platform.issued_access_tokens,
        *identity_platform._state.refresh_tokens,
        refreshed,
    ]
    assert len(codes) == 1
    assert len(secrets) >= 5
    leaked = [secret for secret in secrets if secret in text]
    assert leaked == []
    assert "eyJhbGciOiJub25l" not in text  # the fake's unsigned id_token


def test_the_whole_debug_output_of_a_device_code_sign_in_and_a_cache_dump_has_no_secret(
    verbose_log: Path,
    identity_platform: FakeIdentityPlatform,
    msal_http_client: requests.Session,
) -> None:
    """Issue 17, finding 8: the filter over everything a real sign-in logs, with Entra-shaped
    refresh tokens, and msal's serialized cache logged as a library might (its "secret" keys)."""
    # GIVEN verbose logging, the wire dump, and a platform that approves the code at the 1st poll
    identity_platform.auto_approve_after_polls = 1
    store = MemoryTokenStore()
    service = AuthService(
        SignInConfig(
            client_id=CLIENT_ID,
            authority=identity_platform.authority_for(TENANT),
            scopes=SCOPES,
            instance_discovery=False,
        ),
        store,
        session=msal_http_client,
    )
    # WHEN trayscore signs in with a device code and refreshes (the refresh-token grant)
    prompt = service.start_device_flow()
    service.finish_device_flow(prompt)
    refreshed = service.token(force_refresh=True)
    # AND the serialized cache ends up in a debug line, as text and as bytes
    cache = store.load()
    assert cache is not None
    logging.getLogger("msal.token_cache").debug("cache %s / %r", cache, cache.encode())
    text = read_log(verbose_log)
    # THEN the log saw the grants, but none of the device code, tokens or refresh tokens
    assert "oauth2/v2.0/devicecode" in text
    assert "RefreshToken" in text
    issued_refresh_tokens = list(identity_platform._state.refresh_tokens)
    assert all(token.startswith("1.A") for token in issued_refresh_tokens)  # Entra's shape
    secrets = [
        str(prompt.flow["device_code"]),
        *identity_platform.issued_access_tokens,
        *issued_refresh_tokens,
        refreshed,
    ]
    assert len(secrets) >= 5
    assert [secret for secret in secrets if secret in text] == []
    assert "eyJhbGciOiJub25l" not in text
