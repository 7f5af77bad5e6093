"""The real msal against the fake identity platform: sign-in flows, refresh, revocation, errors.

These prove the fake is faithful enough that tests of trayscore's sign-in can trust it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

import msal
import pytest
import requests

from tests.fakes.browser import FakeBrowserError, drive_authorize
from tests.fakes.identity import (
    DEFAULT_TENANT_ID,
    FakeBrowserSetup,
    FakeIdentityPlatform,
    FakeUser,
)

CLIENT_ID = "6b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"
SCOPES = ["https://api.securitycenter.microsoft.com/Score.Read"]
TENANT = DEFAULT_TENANT_ID


def public_client(
    platform: FakeIdentityPlatform, http_client: requests.Session | None, tenant: str = TENANT
) -> tuple[Any, Any]:
    """A PublicClientApplication on the fake (and its cache), as trayscore builds one."""
    cache = msal.SerializableTokenCache()
    app = msal.PublicClientApplication(
        CLIENT_ID,
        authority=platform.authority_for(tenant),
        instance_discovery=False,
        token_cache=cache,
        http_client=http_client,
    )
    return app, cache


def sign_in_by_device_code(app: Any, platform: FakeIdentityPlatform) -> dict[str, Any]:
    flow = app.initiate_device_flow(scopes=SCOPES)
    platform.approve_device_code(flow["user_code"])
    result: dict[str, Any] = app.acquire_token_by_device_flow(flow)
    assert "access_token" in result, result
    return result


def cached_refresh_tokens(cache: Any) -> list[str]:
    return [entry["secret"] for entry in cache.search(cache.CredentialType.REFRESH_TOKEN)]


class FormPostCatcher:
    """The app's side of response_mode=form_post: a loopback listener keeping the first answer."""

    def __init__(self) -> None:
        self.answer: dict[str, str] = {}
        self.received = threading.Event()
        catcher = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if not catcher.received.is_set():
                    body = self.rfile.read(length).decode()
                    catcher.answer = dict(parse_qsl(body, keep_blank_values=True))
                    catcher.received.set()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def redirect_uri(self) -> str:
        return f"http://localhost:{self._server.server_address[1]}"

    def wait(self, timeout: float = 10) -> dict[str, str]:
        assert self.received.wait(timeout), "no answer reached the redirect URI"
        return self.answer

    def __enter__(self) -> FormPostCatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def catcher() -> Iterator[FormPostCatcher]:
    with FormPostCatcher() as running:
        yield running


# ---- the fake itself -----------------------------------------------------------------------


def test_the_fake_listens_on_loopback_only_and_serves_any_tenant(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN a running fake
    host = identity_platform._server.server_address[0]
    # THEN it is bound to 127.0.0.1 and its authority is https
    assert host == "127.0.0.1"
    assert identity_platform.authority_for("contoso").startswith("https://127.0.0.1:")
    # AND any tenant segment has an openid-configuration pointing back at that tenant
    for tenant in ("organizations", "contoso.onmicrosoft.com", TENANT):
        url = f"{identity_platform.authority_for(tenant)}/v2.0/.well-known/openid-configuration"
        config = msal_http_client.get(url, timeout=5).json()
        assert (
            config["token_endpoint"]
            == f"{identity_platform.authority_for(tenant)}/oauth2/v2.0/token"
        )
        assert config["device_authorization_endpoint"].endswith(f"/{tenant}/oauth2/v2.0/devicecode")
    # AND a client that does not trust its CA is refused (it really is TLS)
    with requests.Session() as untrusting:
        untrusting.trust_env = False
        with pytest.raises(requests.exceptions.SSLError):
            untrusting.get(identity_platform.authority_for("x"), timeout=5)


def test_access_tokens_expire_and_can_be_revoked() -> None:
    # GIVEN a fake on a clock the test controls, issuing 60-second tokens
    now = [1_800_000_000.0]
    with (
        FakeIdentityPlatform(expires_in=60, clock=lambda: now[0]) as platform,
        requests.Session() as session,
    ):
        session.trust_env = False
        session.verify = platform.ca_file
        app, _ = public_client(platform, session)
        token = sign_in_by_device_code(app, platform)["access_token"]
        # THEN the token is valid, a made-up one is not
        assert token.startswith("at-")
        assert platform.is_valid_access_token(token)
        assert not platform.is_valid_access_token("at-made-up")
        # WHEN its lifetime has passed THEN it is no longer valid
        now[0] += 61
        assert not platform.is_valid_access_token(token)
        # WHEN another is issued and everything is revoked, access tokens included
        fresh = sign_in_by_device_code(app, platform)["access_token"]
        assert platform.is_valid_access_token(fresh)
        platform.revoke_all(include_access_tokens=True)
        # THEN it is rejected at once
        assert not platform.is_valid_access_token(fresh)


# ---- 1. device code ------------------------------------------------------------------------


def test_device_code_sign_in(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN an msal public client on the fake
    app, _ = public_client(identity_platform, msal_http_client)
    # WHEN the app starts a device flow
    flow = app.initiate_device_flow(scopes=SCOPES)
    # THEN the message tells the user where to go and which code to enter
    assert flow["user_code"] in flow["message"]
    assert identity_platform.verification_uri in flow["message"]
    assert flow["interval"] == 1
    # WHEN the user approves the code and the app polls
    identity_platform.approve_device_code(flow["user_code"])
    result = app.acquire_token_by_device_flow(flow)
    # THEN msal has an access token the fake recognises, for the requested scope
    assert identity_platform.is_valid_access_token(result["access_token"])
    assert result["scope"] == SCOPES[0]
    assert result["id_token_claims"]["preferred_username"] == "analyst@contoso.example"
    # AND the account is known to msal
    [account] = app.get_accounts()
    assert account["username"] == "analyst@contoso.example"
    assert identity_platform.grants["device_code"] == 1


def test_device_code_polling_waits_for_the_user(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN an app polling for a device code in the background
    app, _ = public_client(identity_platform, msal_http_client)
    flow = app.initiate_device_flow(scopes=SCOPES)
    results: list[dict[str, Any]] = []
    poller = threading.Thread(target=lambda: results.append(app.acquire_token_by_device_flow(flow)))
    poller.start()
    # WHEN the fake has answered authorization_pending once and the user then approves
    assert identity_platform.wait_for(lambda: identity_platform.device_code_polls >= 1)
    identity_platform.approve_device_code()
    poller.join(timeout=10)
    # THEN msal polled again after the interval (1 s) and got the tokens
    assert not poller.is_alive()
    assert "access_token" in results[0], results[0]
    assert identity_platform.device_code_polls == 2


def test_device_code_auto_approval_setting(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN a fake that approves by itself once a code was polled once
    identity_platform.auto_approve_after_polls = 1
    app, _ = public_client(identity_platform, msal_http_client)
    # WHEN the app runs the device flow without anyone approving
    started = time.monotonic()
    result = app.acquire_token_by_device_flow(app.initiate_device_flow(scopes=SCOPES))
    # THEN it gets tokens on its second poll, one interval (1 s) later: msal honours "interval"
    assert "access_token" in result, result
    assert identity_platform.device_code_polls == 2
    assert time.monotonic() - started >= 0.9


# ---- 2. authorization code with PKCE -------------------------------------------------------


def test_auth_code_flow_with_pkce_and_form_post(
    identity_platform: FakeIdentityPlatform,
    msal_http_client: requests.Session,
    catcher: FormPostCatcher,
) -> None:
    # GIVEN an app listening on loopback that starts an auth code flow
    app, _ = public_client(identity_platform, msal_http_client)
    flow = app.initiate_auth_code_flow(
        SCOPES, redirect_uri=catcher.redirect_uri, response_mode="form_post"
    )
    assert "code_challenge_method=S256" in flow["auth_uri"]
    # WHEN the user's browser opens the authorize URL and the page posts back
    drive_authorize(flow["auth_uri"], identity_platform.ca_file)
    answer = catcher.wait()
    assert answer["state"] == flow["state"]
    # AND the app redeems the code with its PKCE verifier
    result = app.acquire_token_by_auth_code_flow(flow, answer)
    # THEN it has tokens (msal checked the id_token nonce) and an account
    assert identity_platform.is_valid_access_token(result["access_token"]), result
    assert result["id_token_claims"]["aud"] == CLIENT_ID
    assert [a["username"] for a in app.get_accounts()] == ["analyst@contoso.example"]
    assert identity_platform.grants["authorization_code"] == 1
    # AND the code cannot be redeemed a second time
    again = app.acquire_token_by_auth_code_flow(flow, answer)
    assert again["error"] == "invalid_grant"


def test_wrong_pkce_verifier_is_refused(
    identity_platform: FakeIdentityPlatform,
    msal_http_client: requests.Session,
    catcher: FormPostCatcher,
) -> None:
    # GIVEN a code obtained through the browser
    app, _ = public_client(identity_platform, msal_http_client)
    flow = app.initiate_auth_code_flow(
        SCOPES, redirect_uri=catcher.redirect_uri, response_mode="form_post"
    )
    drive_authorize(flow["auth_uri"], identity_platform.ca_file)
    # WHEN someone redeems it without the right code_verifier
    flow["code_verifier"] = "x" * 43
    result = app.acquire_token_by_auth_code_flow(flow, catcher.wait())
    # THEN the fake answers invalid_grant, and nothing is issued
    assert result["error"] == "invalid_grant"
    assert "AADSTS501481" in result["error_description"]
    assert identity_platform.grants["authorization_code"] == 0


def test_a_non_loopback_redirect_uri_gets_an_error_page(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN an authorize URL whose redirect URI is not loopback
    app, _ = public_client(identity_platform, msal_http_client)
    flow = app.initiate_auth_code_flow(
        SCOPES, redirect_uri="https://evil.example/cb", response_mode="form_post"
    )
    # WHEN the browser opens it THEN the user sees an error page, nothing is posted anywhere
    with pytest.raises(FakeBrowserError, match="AADSTS50011"):
        drive_authorize(flow["auth_uri"], identity_platform.ca_file)


def test_acquire_token_interactive_with_the_fake_browser(
    identity_platform: FakeIdentityPlatform,
    msal_http_client: requests.Session,
    fake_browser: FakeBrowserSetup,
) -> None:
    # GIVEN $BROWSER is the fake browser
    app, _ = public_client(identity_platform, msal_http_client)
    # WHEN the app signs in interactively (msal opens the browser, then listens)
    result = app.acquire_token_interactive(SCOPES, timeout=30)
    # THEN it gets tokens through its own loopback listener
    assert "access_token" in result, (result, fake_browser.log_text())
    assert identity_platform.is_valid_access_token(result["access_token"])
    assert app.get_accounts()[0]["username"] == "analyst@contoso.example"


# ---- 3. silent refresh ---------------------------------------------------------------------


def test_silent_refresh_rotates_the_refresh_token(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN a signed-in user whose access token lives 60 s (msal treats < 5 min left as expired)
    identity_platform.expires_in = 60
    app, cache = public_client(identity_platform, msal_http_client)
    first = sign_in_by_device_code(app, identity_platform)
    [old_refresh] = cached_refresh_tokens(cache)
    [account] = app.get_accounts()
    # WHEN the app asks for a token silently
    refreshed = app.acquire_token_silent(SCOPES, account)
    # THEN msal redeemed the refresh token for new tokens
    assert refreshed is not None
    assert refreshed["access_token"] != first["access_token"]
    assert identity_platform.is_valid_access_token(refreshed["access_token"])
    assert identity_platform.grants["refresh_token"] == 1
    # AND the refresh token was rotated: the cache holds the new one, the old one is dead
    [new_refresh] = cached_refresh_tokens(cache)
    assert new_refresh != old_refresh
    assert not identity_platform.is_valid_refresh_token(old_refresh)
    assert identity_platform.is_valid_refresh_token(new_refresh)
    # AND reusing the rotated-out token is refused
    reused = app.acquire_token_by_refresh_token(old_refresh, SCOPES)
    assert reused["error"] == "invalid_grant"


def test_long_lived_token_comes_from_cache_until_forced(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN a signed-in user with a 1-hour access token
    app, cache = public_client(identity_platform, msal_http_client)
    first = sign_in_by_device_code(app, identity_platform)
    [account] = app.get_accounts()
    # WHEN the app asks silently THEN the cached token is returned, no refresh
    cached = app.acquire_token_silent(SCOPES, account)
    assert cached["access_token"] == first["access_token"]
    assert identity_platform.grants["refresh_token"] == 0
    # WHEN it forces a refresh THEN the refresh token is used and rotated
    [old_refresh] = cached_refresh_tokens(cache)
    forced = app.acquire_token_silent(SCOPES, account, force_refresh=True)
    assert forced["access_token"] != first["access_token"]
    assert identity_platform.grants["refresh_token"] == 1
    assert cached_refresh_tokens(cache) != [old_refresh]


def test_old_refresh_token_can_stay_valid(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN a lenient fake that keeps a redeemed refresh token valid
    identity_platform.old_refresh_token_stays_valid = True
    app, cache = public_client(identity_platform, msal_http_client)
    sign_in_by_device_code(app, identity_platform)
    [old_refresh] = cached_refresh_tokens(cache)
    # WHEN msal refreshes THEN both the old and the new refresh token work
    app.acquire_token_silent(SCOPES, app.get_accounts()[0], force_refresh=True)
    assert identity_platform.is_valid_refresh_token(old_refresh)
    assert "access_token" in app.acquire_token_by_refresh_token(old_refresh, SCOPES)


# ---- 4. revoked refresh token --------------------------------------------------------------


def test_revoked_refresh_token_gives_invalid_grant(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN a signed-in user whose access token is about to expire
    identity_platform.expires_in = 60
    app, _ = public_client(identity_platform, msal_http_client)
    sign_in_by_device_code(app, identity_platform)
    [account] = app.get_accounts()
    # WHEN the admin revokes every session
    identity_platform.revoke_all()
    # THEN a silent request reports invalid_grant (AADSTS70008)
    result = app.acquire_token_silent_with_error(SCOPES, account)
    assert result is not None
    assert result["error"] == "invalid_grant"
    assert "AADSTS70008" in result["error_description"]
    # AND the simple variant folds that error into None
    assert app.acquire_token_silent(SCOPES, account) is None
    assert identity_platform.grants["refresh_token"] == 0


# ---- 5. device code errors -----------------------------------------------------------------


def test_expired_device_code(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN a device flow whose code the fake declares expired
    app, _ = public_client(identity_platform, msal_http_client)
    flow = app.initiate_device_flow(scopes=SCOPES)
    identity_platform.expire_device_code()
    # WHEN the app polls THEN msal returns expired_token at once
    result = app.acquire_token_by_device_flow(flow)
    assert result["error"] == "expired_token"
    assert "access_token" not in result


def test_device_code_past_its_lifetime(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN device codes that live 1 s and a user who never approves
    identity_platform.device_code_expires_in = 1
    app, _ = public_client(identity_platform, msal_http_client)
    # WHEN the app polls until the fake calls it expired
    result = app.acquire_token_by_device_flow(app.initiate_device_flow(scopes=SCOPES))
    # THEN msal returns expired_token (normally after one authorization_pending)
    assert result["error"] == "expired_token"
    assert identity_platform.device_code_polls >= 1


def test_declined_device_code(
    identity_platform: FakeIdentityPlatform, msal_http_client: requests.Session
) -> None:
    # GIVEN a device flow the user declines
    app, _ = public_client(identity_platform, msal_http_client)
    flow = app.initiate_device_flow(scopes=SCOPES)
    identity_platform.decline_device_code(flow["user_code"])
    # THEN msal returns authorization_declined
    assert app.acquire_token_by_device_flow(flow)["error"] == "authorization_declined"


# ---- 6. cancel in the browser --------------------------------------------------------------


@pytest.mark.parametrize("how", ["browser", "platform"])
def test_cancel_in_the_browser(
    identity_platform: FakeIdentityPlatform,
    msal_http_client: requests.Session,
    catcher: FormPostCatcher,
    how: str,
) -> None:
    # GIVEN an auth code flow, and a user who cancels (clicks in the browser, or fake's switch)
    app, _ = public_client(identity_platform, msal_http_client)
    flow = app.initiate_auth_code_flow(
        SCOPES, redirect_uri=catcher.redirect_uri, response_mode="form_post"
    )
    identity_platform.cancel_sign_in = how == "platform"
    # WHEN the page posts its answer back
    drive_authorize(flow["auth_uri"], identity_platform.ca_file, cancel=how == "browser")
    answer = catcher.wait()
    # THEN the answer carries access_denied with the state, and msal returns that error
    assert answer["state"] == flow["state"]
    result = app.acquire_token_by_auth_code_flow(flow, answer)
    assert result["error"] == "access_denied"
    assert "access_token" not in result
    assert identity_platform.grants.total() == 0


def test_cancel_in_the_fake_browser_during_acquire_token_interactive(
    identity_platform: FakeIdentityPlatform,
    msal_http_client: requests.Session,
    fake_browser: FakeBrowserSetup,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN $BROWSER is the fake browser, whose user will cancel
    monkeypatch.setenv("TRAYSCORE_FAKE_BROWSER_MODE", "cancel")
    app, _ = public_client(identity_platform, msal_http_client)
    # WHEN the app signs in interactively
    result = app.acquire_token_interactive(SCOPES, timeout=30)
    # THEN msal returns access_denied
    assert result.get("error") == "access_denied", (result, fake_browser.log_text())


def test_msal_with_its_own_session_trusts_the_fake_via_env(
    trust_identity_platform: FakeIdentityPlatform,
) -> None:
    # GIVEN REQUESTS_CA_BUNDLE points at the fake's CA and msal builds its own session
    app, _ = public_client(trust_identity_platform, None, tenant="organizations")
    # WHEN signing in by device code THEN it works like with an explicit session
    result = sign_in_by_device_code(app, trust_identity_platform)
    assert result["id_token_claims"]["tid"] == FakeUser().tenant_id
    assert app.get_accounts()[0]["environment"] == "127.0.0.1"
