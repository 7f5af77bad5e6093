"""A fake Microsoft identity platform (Entra ID v2.0 endpoints) over TLS on 127.0.0.1.

The real ``msal`` library talks to it: MSAL insists on https and fetches the tenant's
openid-configuration, so the fake serves TLS with a certificate from a throw-away ``trustme`` CA.
It implements what a desktop public client uses: authorization code with PKCE (form_post),
device code, refresh token (rotated), and records what it issued so a resource server (the
Defender API simulator) can accept only live access tokens. With ``strict_resources`` it also
keeps Entra's multi-resource rules: one resource per token, and only consented scopes.

It is also a pytest plugin (see tests/conftest.py): the fixtures at the end are available to
every test.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import ssl
import string
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socket import socket
from typing import Any, Literal, Self, cast
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import requests
import trustme
from trayscore.auth.token_session import TokenSession

from tests.fakes.browser import USER_ACTION_PARAM, browser_env

LOOPBACK = "127.0.0.1"
DEFAULT_TENANT_ID = "9e1f3c2a-5b7d-4e8f-a1b2-c3d4e5f6a7b8"
DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
RESERVED_SCOPES = frozenset({"openid", "profile", "offline_access"})
AUTH_CODE_LIFETIME = 600

_USER_CODE_ALPHABET = string.ascii_uppercase + string.digits
_CONSUMER_TENANTS = frozenset({"common", "organizations", "consumers"})

DeviceStatus = Literal["pending", "approved", "declined", "expired", "redeemed"]


@dataclass(frozen=True)
class FakeUser:
    """The one user who signs in; ``oid``/``tenant_id`` make MSAL's account id."""

    username: str = "analyst@contoso.example"
    name: str = "Contoso Analyst"
    oid: str = "4d6f7a1c-2b3e-4f50-8a9b-0c1d2e3f4a5b"
    tenant_id: str = DEFAULT_TENANT_ID


@dataclass
class _AuthCode:
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    code_challenge: str | None
    code_challenge_method: str
    nonce: str | None
    expires_at: float


@dataclass
class _DeviceCode:
    device_code: str
    user_code: str
    client_id: str
    scopes: tuple[str, ...]
    expires_at: float
    status: DeviceStatus = "pending"
    polls: int = 0


@dataclass
class _RefreshToken:
    client_id: str
    scopes: tuple[str, ...]
    valid: bool = True


@dataclass
class _State:
    """Everything the platform remembers; guarded by FakeIdentityPlatform._lock."""

    codes: dict[str, _AuthCode] = field(default_factory=dict)
    device_codes: dict[str, _DeviceCode] = field(default_factory=dict)
    refresh_tokens: dict[str, _RefreshToken] = field(default_factory=dict)
    access_tokens: dict[str, float] = field(default_factory=dict)
    revoked_access_tokens: set[str] = field(default_factory=set)
    audiences: dict[str, str] = field(default_factory=dict)
    consented: dict[str, set[str]] = field(default_factory=dict)
    grants: Counter[str] = field(default_factory=Counter)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class OAuthError(Exception):
    """An OAuth error answer: ``400 {"error": ..., "error_description": "AADSTS...: ..."}``."""

    def __init__(self, error: str, aadsts: int, description: str, status: int = 400) -> None:
        super().__init__(f"{error}: AADSTS{aadsts}: {description}")
        self.error = error
        self.aadsts = aadsts
        self.description = description
        self.status = status

    def body(self) -> dict[str, object]:
        trace_id, correlation_id = str(uuid.uuid4()), str(uuid.uuid4())
        timestamp = time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime())
        return {
            "error": self.error,
            "error_description": (
                f"AADSTS{self.aadsts}: {self.description} Trace ID: {trace_id} "
                f"Correlation ID: {correlation_id} Timestamp: {timestamp}"
            ),
            "error_codes": [self.aadsts],
            "timestamp": timestamp,
            "trace_id": trace_id,
            "correlation_id": correlation_id,
        }


def b64url(data: bytes) -> str:
    """Unpadded base64url, as JWTs, PKCE and client_info use it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def pkce_s256(code_verifier: str) -> str:
    """The S256 code_challenge of a code_verifier (RFC 7636)."""
    return b64url(hashlib.sha256(code_verifier.encode("ascii")).digest())


def unsigned_jwt(claims: dict[str, object]) -> str:
    """An ``alg: none`` JWT: MSAL reads id_token claims without checking a signature."""
    header = b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{header}.{b64url(json.dumps(claims).encode())}."


def resource_of(scope: str) -> str | None:
    """The resource a scope belongs to (``https://host`` of a full scope); None for OIDC ones.

    A bare permission such as ``User.Read`` is Microsoft Graph's, as Entra reads it.
    """
    if scope in RESERVED_SCOPES:
        return None
    if "://" in scope:
        parts = urlsplit(scope)
        return f"{parts.scheme}://{parts.netloc}"
    return "https://graph.microsoft.com"


def _is_loopback_redirect(uri: str) -> bool:
    """Entra accepts any port on http://localhost or http://127.0.0.1 for a public client."""
    parts = urlsplit(uri)
    return parts.scheme == "http" and parts.hostname in {"localhost", LOOPBACK}


class FakeIdentityPlatform:
    """Entra ID's v2.0 endpoints for any tenant, at ``https://127.0.0.1:<port>/<tenant>``.

    Settings are plain attributes a test may change at any time. Counters and records are
    snapshots taken under the lock; :meth:`wait_for` awaits a condition on them.
    """

    def __init__(
        self,
        *,
        user: FakeUser | None = None,
        expires_in: int = 3600,
        device_code_expires_in: int = 900,
        device_code_interval: int = 1,
        auto_approve_after_polls: int | None = None,
        old_refresh_token_stays_valid: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.user = user or FakeUser()
        self.expires_in = expires_in
        """Lifetime of access tokens; MSAL refreshes when under 5 minutes are left."""
        self.device_code_expires_in = device_code_expires_in
        self.device_code_interval = device_code_interval
        self.auto_approve_after_polls = auto_approve_after_polls
        """Approve a device code by itself once it was polled this many times while pending."""
        self.old_refresh_token_stays_valid = old_refresh_token_stays_valid
        """False (default, like a strict IdP): a redeemed refresh token is rotated out."""
        self.cancel_sign_in = False
        """True: the user cancels on the sign-in page, the app gets ``error=access_denied``."""
        self.strict_resources = False
        """True, like Entra: a token request naming scopes of two resources is refused
        (AADSTS28000), and a scope nobody consented to, at an authorize request, a device code or
        in ``admin_consented``, gets ``consent_required`` (AADSTS65001). False (default): any."""
        self.token_redirect: tuple[int, str] | None = None
        """(status, location): the token endpoint answers every POST with this redirect."""
        self.admin_consented: set[str] = set()
        """Scopes an administrator consented to for every user (strict mode only)."""
        self.clock = clock
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._state = _State()
        self._folder = tempfile.TemporaryDirectory(prefix="fake-identity-")
        ca = trustme.CA()
        self.ca = ca
        """The CA behind the platform's certificate; other test servers may use it too."""
        self._ca_file = Path(self._folder.name) / "fake-identity-ca.pem"
        ca.cert_pem.write_to_path(str(self._ca_file))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert(LOOPBACK, "localhost").configure_cert(context)
        self._server = _TlsServer((LOOPBACK, 0), context, self)
        self._thread: threading.Thread | None = None

    # ---- lifecycle -------------------------------------------------------------------------

    def start(self) -> Self:
        """Serve in a daemon thread."""
        if self._thread is None:
            # A short poll interval makes stop() quick (the default 0.5 s adds up over a suite).
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="fake-identity",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close the socket and delete the CA file."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=10)
            self._thread = None
        self._server.server_close()
        self._folder.cleanup()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- addresses -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"https://{LOOPBACK}:{self.port}"

    @property
    def ca_file(self) -> str:
        """PEM of the CA that issued the server certificate; trust it to talk to the fake."""
        return str(self._ca_file)

    @property
    def verification_uri(self) -> str:
        return f"{self.base_url}/devicelogin"

    def authority_for(self, tenant: str = "organizations") -> str:
        """The ``authority`` to give MSAL (with ``instance_discovery=False``)."""
        return f"{self.base_url}/{tenant}"

    # ---- what the test does as the user or the admin ---------------------------------------

    def approve_device_code(self, user_code: str | None = None) -> None:
        """The user enters ``user_code`` (default: every pending one) and signs in."""
        self._settle_device_codes(user_code, "approved")

    def decline_device_code(self, user_code: str | None = None) -> None:
        """The user declines the sign-in for ``user_code`` (default: every pending one)."""
        self._settle_device_codes(user_code, "declined")

    def expire_device_code(self, user_code: str | None = None) -> None:
        """Time runs out for ``user_code`` (default: every pending one)."""
        self._settle_device_codes(user_code, "expired")

    def revoke_all(self, *, include_access_tokens: bool = False) -> None:
        """Revoke every refresh token (like revokeSignInSessions); optionally the access tokens.

        Entra's revocation leaves issued access tokens working until they expire, hence the
        default; ``include_access_tokens`` makes the resource server reject them at once.
        """
        with self._changed:
            for record in self._state.refresh_tokens.values():
                record.valid = False
            if include_access_tokens:
                self._state.revoked_access_tokens.update(self._state.access_tokens)
            self._changed.notify_all()

    # ---- what a resource server or a test checks -------------------------------------------

    def is_valid_access_token(self, token: str) -> bool:
        """Issued here, not expired, not revoked: what a resource server accepts."""
        with self._lock:
            expires_at = self._state.access_tokens.get(token)
            return (
                expires_at is not None
                and self.clock() < expires_at
                and token not in self._state.revoked_access_tokens
            )

    def audience_of(self, token: str) -> str | None:
        """The resource an issued access token is for (None: not issued here, or no resource)."""
        with self._lock:
            return self._state.audiences.get(token)

    def consented_scopes(self, client_id: str) -> set[str]:
        """The scopes the user consented to for ``client_id`` (administrator consent apart)."""
        with self._lock:
            return set(self._state.consented.get(client_id, set()))

    def is_valid_refresh_token(self, token: str) -> bool:
        """Issued here and neither revoked nor rotated out."""
        with self._lock:
            record = self._state.refresh_tokens.get(token)
            return record is not None and record.valid

    @property
    def issued_access_tokens(self) -> dict[str, float]:
        """Every access token issued, with its expiry (epoch seconds)."""
        with self._lock:
            return dict(self._state.access_tokens)

    @property
    def grants(self) -> Counter[str]:
        """Tokens issued per grant: ``authorization_code``, ``device_code``, ``refresh_token``."""
        with self._lock:
            return Counter(self._state.grants)

    @property
    def requests(self) -> list[str]:
        """Every request received, as ``"METHOD /path"`` (no query string)."""
        with self._lock:
            return list(self._state.requests)

    @property
    def errors(self) -> list[str]:
        """Tracebacks of bugs in the fake itself; the fixture fails a test that caused one."""
        with self._lock:
            return list(self._state.errors)

    @property
    def device_code_polls(self) -> int:
        """Token requests with the device_code grant, answered or pending."""
        with self._lock:
            return sum(code.polls for code in self._state.device_codes.values())

    @property
    def pending_user_codes(self) -> list[str]:
        with self._lock:
            return [c.user_code for c in self._state.device_codes.values() if c.status == "pending"]

    def wait_for(self, condition: Callable[[], bool], timeout: float = 10.0) -> bool:
        """Wait until ``condition()`` holds, re-checked after every request and state change."""
        with self._changed:
            return self._changed.wait_for(condition, timeout)

    # ---- request handling (called by the handler threads) ----------------------------------

    def _record(self, method: str, path: str) -> None:
        with self._lock:
            self._state.requests.append(f"{method} {path}")

    def _record_error(self, text: str) -> None:
        with self._lock:
            self._state.errors.append(text)

    def _notify(self) -> None:
        with self._changed:
            self._changed.notify_all()

    def _settle_device_codes(self, user_code: str | None, status: DeviceStatus) -> None:
        with self._changed:
            matches = [
                code
                for code in self._state.device_codes.values()
                if code.status == "pending" and user_code in (None, code.user_code)
            ]
            if not matches:
                raise LookupError(f"no pending device code {user_code or ''}".rstrip())
            for code in matches:
                code.status = status
            self._changed.notify_all()

    def openid_configuration(self, tenant: str) -> dict[str, object]:
        base = f"{self.base_url}/{tenant}"
        tid = self._tenant_id(tenant)
        return {
            "token_endpoint": f"{base}/oauth2/v2.0/token",
            "token_endpoint_auth_methods_supported": [
                "client_secret_post",
                "private_key_jwt",
                "client_secret_basic",
            ],
            "jwks_uri": f"{base}/discovery/v2.0/keys",
            "response_modes_supported": ["query", "fragment", "form_post"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "issuer": f"{self.base_url}/{tid}/v2.0",
            "request_uri_parameter_supported": False,
            "userinfo_endpoint": f"{self.base_url}/oidc/userinfo",
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
            "http_logout_supported": True,
            "frontchannel_logout_supported": True,
            "end_session_endpoint": f"{base}/oauth2/v2.0/logout",
            "claims_supported": [
                "sub",
                "iss",
                "aud",
                "exp",
                "iat",
                "nbf",
                "nonce",
                "name",
                "preferred_username",
                "oid",
                "tid",
                "ver",
            ],
            "code_challenge_methods_supported": ["plain", "S256"],
            "tenant_region_scope": "EU",
            "cloud_instance_name": "microsoftonline.com",
            "msgraph_host": "graph.microsoft.com",
        }

    def authorize(self, tenant: str, params: dict[str, str]) -> tuple[str, dict[str, str]]:
        """Sign the user in; returns (redirect_uri, answer fields) or raises OAuthError.

        An OAuthError here means the request is not trustworthy enough to send anything to the
        redirect URI, so the user sees an error page instead.
        """
        client_id = params.get("client_id", "")
        redirect_uri = params.get("redirect_uri", "")
        if not client_id:
            raise OAuthError(
                "invalid_request", 900144, "The request body must contain 'client_id'."
            )
        if not _is_loopback_redirect(redirect_uri):
            raise OAuthError(
                "invalid_request",
                50011,
                f"The redirect URI '{redirect_uri}' specified in the request does not match the "
                f"redirect URIs configured for the application '{client_id}'.",
            )
        answer = {"state": params["state"]} if "state" in params else {}
        cancelled = self.cancel_sign_in or params.get(USER_ACTION_PARAM) == "cancel"
        if cancelled:
            answer["error"] = "access_denied"
            answer["error_description"] = "AADSTS50126: The user canceled the authentication."
            return redirect_uri, answer
        if params.get("response_type") != "code":
            answer["error"] = "unsupported_response_type"
            answer["error_description"] = "AADSTS700054: response_type must be 'code'."
            return redirect_uri, answer
        method = params.get("code_challenge_method", "plain")
        if "code_challenge" in params and method not in {"plain", "S256"}:
            answer["error"] = "invalid_request"
            answer["error_description"] = "AADSTS501491: Invalid code_challenge_method."
            return redirect_uri, answer
        code = b64url(secrets.token_bytes(48))
        with self._lock:
            self._state.codes[code] = _AuthCode(
                client_id=client_id,
                redirect_uri=redirect_uri,
                scopes=tuple(params.get("scope", "").split()),
                code_challenge=params.get("code_challenge"),
                code_challenge_method=method,
                nonce=params.get("nonce"),
                expires_at=self.clock() + AUTH_CODE_LIFETIME,
            )
        self._consent(client_id, tuple(params.get("scope", "").split()))
        answer["code"] = code
        if "client_info" in params:
            answer["client_info"] = self._client_info(tenant)
        return redirect_uri, answer

    def device_authorization(self, tenant: str, form: dict[str, str]) -> dict[str, object]:
        del tenant
        client_id = form.get("client_id", "")
        if not client_id:
            raise OAuthError(
                "invalid_request", 900144, "The request body must contain 'client_id'."
            )
        user_code = "".join(secrets.choice(_USER_CODE_ALPHABET) for _ in range(9))
        device_code = b64url(secrets.token_bytes(48))
        expires_in = self.device_code_expires_in
        with self._lock:
            self._state.device_codes[device_code] = _DeviceCode(
                device_code=device_code,
                user_code=user_code,
                client_id=client_id,
                scopes=tuple(form.get("scope", "").split()),
                expires_at=self.clock() + expires_in,
            )
        return {
            "user_code": user_code,
            "device_code": device_code,
            "verification_uri": self.verification_uri,
            "expires_in": expires_in,
            "interval": self.device_code_interval,
            "message": (
                f"To sign in, use a web browser to open the page {self.verification_uri} "
                f"and enter the code {user_code} to authenticate."
            ),
        }

    def token(self, tenant: str, form: dict[str, str]) -> dict[str, object]:
        """Redeem a grant; returns the token response or raises OAuthError."""
        client_id = form.get("client_id", "")
        if not client_id:
            raise OAuthError(
                "invalid_request", 900144, "The request body must contain 'client_id'."
            )
        grant_type = form.get("grant_type", "")
        with self._lock:
            if grant_type == "authorization_code":
                scopes, nonce = self._redeem_code(client_id, form)
                return self._issue(tenant, client_id, "authorization_code", scopes, nonce)
            if grant_type == DEVICE_CODE_GRANT:
                scopes = self._redeem_device_code(client_id, form)
                self._check_resources(client_id, scopes)
                return self._issue(tenant, client_id, "device_code", scopes, None)
            if grant_type == "refresh_token":
                scopes = self._redeem_refresh_token(client_id, form)
                return self._issue(tenant, client_id, "refresh_token", scopes, None)
        raise OAuthError(
            "unsupported_grant_type",
            70003,
            f"The app requested an unsupported grant type '{grant_type}'.",
        )

    def _redeem_code(
        self, client_id: str, form: dict[str, str]
    ) -> tuple[tuple[str, ...], str | None]:
        record = self._state.codes.pop(form.get("code", ""), None)  # single use
        if record is None or record.client_id != client_id:
            raise OAuthError(
                "invalid_grant",
                70000,
                "The provided authorization code is invalid or was already redeemed.",
            )
        if self.clock() >= record.expires_at:
            raise OAuthError("invalid_grant", 70008, "The provided authorization code has expired.")
        if form.get("redirect_uri") != record.redirect_uri:
            raise OAuthError(
                "invalid_grant",
                50148,
                "The redirect_uri does not match the one used in the authorization request.",
            )
        if record.code_challenge is not None:
            verifier = form.get("code_verifier", "")
            expected = pkce_s256(verifier) if record.code_challenge_method == "S256" else verifier
            if not verifier or not secrets.compare_digest(expected, record.code_challenge):
                raise OAuthError(
                    "invalid_grant",
                    501481,
                    "The Code_Verifier does not match the code_challenge supplied in the "
                    "authorization request.",
                )
        requested = tuple(form.get("scope", "").split())
        self._check_resources(client_id, requested or record.scopes)
        return requested or record.scopes, record.nonce

    def _redeem_device_code(self, client_id: str, form: dict[str, str]) -> tuple[str, ...]:
        record = self._state.device_codes.get(form.get("device_code", ""))
        if record is None or record.client_id != client_id:
            raise OAuthError("invalid_grant", 70000, "The device code is not valid.")
        record.polls += 1
        if record.status == "pending" and self.clock() >= record.expires_at:
            record.status = "expired"
        if (
            record.status == "pending"
            and self.auto_approve_after_polls is not None
            and record.polls > self.auto_approve_after_polls
        ):
            record.status = "approved"
        if record.status == "pending":
            raise OAuthError(
                "authorization_pending",
                70016,
                "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
            )
        if record.status == "expired":
            raise OAuthError(
                "expired_token",
                70020,
                "The provided value for the input parameter 'device_code' is not valid. "
                "This device code has expired.",
            )
        if record.status == "declined":
            raise OAuthError(
                "authorization_declined", 70019, "The user declined the sign-in request."
            )
        if record.status == "redeemed":
            raise OAuthError("invalid_grant", 54005, "The device code was already redeemed.")
        record.status = "redeemed"
        self._consent(client_id, record.scopes)
        return record.scopes

    def _redeem_refresh_token(self, client_id: str, form: dict[str, str]) -> tuple[str, ...]:
        token = form.get("refresh_token", "")
        record = self._state.refresh_tokens.get(token)
        if record is None or not record.valid or record.client_id != client_id:
            raise OAuthError(
                "invalid_grant",
                70008,
                "The provided authorization code or refresh token has expired due to inactivity "
                "or was revoked.",
            )
        requested = tuple(form.get("scope", "").split())
        self._check_resources(client_id, requested or record.scopes)
        if not self.old_refresh_token_stays_valid:
            record.valid = False
        return requested or record.scopes

    def _consent(self, client_id: str, scopes: tuple[str, ...]) -> None:
        """The user agrees to ``scopes`` for the app (on the sign-in page, or for a code)."""
        with self._lock:
            granted = self._state.consented.setdefault(client_id, set())
            granted.update(scope for scope in scopes if scope not in RESERVED_SCOPES)

    def _check_resources(self, client_id: str, scopes: tuple[str, ...]) -> None:
        """Strict mode: one resource per token, and every scope consented (Entra's rules)."""
        if not self.strict_resources:
            return
        resources = {resource_of(scope) for scope in scopes} - {None}
        if len(resources) > 1:
            raise OAuthError(
                "invalid_scope",
                28000,
                "Provided value for the input parameter scope is not valid because it contains "
                "more than one resource.",
            )
        granted = self._state.consented.get(client_id, set()) | self.admin_consented
        missing = [s for s in scopes if s not in RESERVED_SCOPES and s not in granted]
        if missing:
            raise OAuthError(
                "invalid_grant",
                65001,
                f"The user or administrator has not consented to use the application with ID "
                f"'{client_id}'. Send an interactive authorization request for this user and "
                f"resource. Scopes: {' '.join(missing)}.",
            )

    def _issue(
        self,
        tenant: str,
        client_id: str,
        grant: str,
        scopes: tuple[str, ...],
        nonce: str | None,
    ) -> dict[str, object]:
        now = int(self.clock())
        expires_in = self.expires_in
        access_token = "at-" + secrets.token_urlsafe(24)
        # Entra's shape: opaque, "1.A" then base64url parts joined by dots, next to no JWT.
        refresh_token = (
            f"1.A{b64url(secrets.token_bytes(30))}.AgABAAEAAAD{b64url(secrets.token_bytes(60))}"
        )
        self._state.access_tokens[access_token] = now + expires_in
        resources = sorted(r for r in (resource_of(s) for s in scopes) if r is not None)
        if resources:
            self._state.audiences[access_token] = resources[0]
        self._state.refresh_tokens[refresh_token] = _RefreshToken(client_id, scopes)
        self._state.grants[grant] += 1
        tid = self._tenant_id(tenant)
        claims: dict[str, object] = {
            "ver": "2.0",
            "iss": f"{self.base_url}/{tid}/v2.0",
            "aud": client_id,
            "exp": now + 3600,
            "iat": now,
            "nbf": now,
            "oid": self.user.oid,
            "tid": tid,
            "sub": b64url(hashlib.sha256(f"{self.user.oid}:{client_id}".encode()).digest()),
            "preferred_username": self.user.username,
            "name": self.user.name,
        }
        if nonce is not None:
            claims["nonce"] = nonce
        return {
            "token_type": "Bearer",
            "scope": " ".join(s for s in scopes if s not in RESERVED_SCOPES),
            "expires_in": expires_in,
            "ext_expires_in": expires_in,
            "access_token": access_token,
            "refresh_token": refresh_token,
            "id_token": unsigned_jwt(claims),
            "client_info": self._client_info(tenant),
        }

    def _tenant_id(self, tenant: str) -> str:
        """A GUID tenant in the path is the tenant; a name or common/organizations is the user's."""
        try:
            return str(uuid.UUID(tenant))
        except ValueError:
            return self.user.tenant_id

    def _client_info(self, tenant: str) -> str:
        info = {"uid": self.user.oid, "utid": self._tenant_id(tenant)}
        return b64url(json.dumps(info).encode())


# ---- HTTP ----------------------------------------------------------------------------------


class _TlsServer(ThreadingHTTPServer):
    """Accepts plain TCP; each handler thread does its own TLS handshake, so none blocks accept."""

    daemon_threads = True
    block_on_close = False

    def __init__(
        self, address: tuple[str, int], context: ssl.SSLContext, platform: FakeIdentityPlatform
    ) -> None:
        super().__init__(address, _Handler)
        self.context = context
        self.platform = platform

    def finish_request(self, request: Any, client_address: Any) -> None:
        connection = cast("socket", request)
        connection.settimeout(10)
        try:
            tls = self.context.wrap_socket(connection, server_side=True)
        except (ssl.SSLError, OSError):
            return  # a client that does not trust us, or hung up: nothing to serve
        with tls:
            _Handler(tls, client_address, self)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up are normal; a bug in the fake is recorded for the fixture."""
        del request, client_address
        if not isinstance(sys.exc_info()[1], OSError):  # resets, broken pipes, TLS EOFs
            self.platform._record_error(traceback.format_exc())


_AUTHORIZE_PAGE = """<html><head><title>Working...</title></head>
<body onload="document.forms[0].submit()">
<form method="POST" name="hiddenform" action="{action}">
{inputs}
<noscript><p>Script is disabled. Click Submit to continue.</p>
<input type="submit" value="Submit" /></noscript>
</form></body></html>
"""


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeIdentity/1.0"
    timeout = 10

    @property
    def platform(self) -> FakeIdentityPlatform:
        return cast("_TlsServer", self.server).platform

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: the test output is not the place for an access log."""

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        platform = self.platform
        platform._record(method, path)
        try:
            self._route(method, path, dict(parse_qsl(parts.query, keep_blank_values=True)))
        finally:
            platform._notify()

    def _route(self, method: str, path: str, query: dict[str, str]) -> None:
        segments = path.strip("/").split("/")
        platform = self.platform
        if method == "GET" and path == "/devicelogin":
            self._send_html(200, "<html><body><h1>Enter code</h1></body></html>")
            return
        if len(segments) < 2:
            self._send_json(404, {"error": "not_found"})
            return
        tenant, rest = segments[0], "/".join(segments[1:])
        try:
            if method == "GET" and rest == "v2.0/.well-known/openid-configuration":
                self._send_json(200, platform.openid_configuration(tenant))
            elif method == "GET" and rest == "discovery/v2.0/keys":
                self._send_json(200, {"keys": []})
            elif method == "GET" and rest == "oauth2/v2.0/authorize":
                self._authorize(tenant, query)
            elif method == "GET" and rest == "oauth2/v2.0/logout":
                self._send_html(200, "<html><body>You signed out of your account.</body></html>")
            elif method == "POST" and rest == "oauth2/v2.0/token" and platform.token_redirect:
                self._form()  # read, not redeemed
                status, location = platform.token_redirect
                self.send_response(status)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif method == "POST" and rest == "oauth2/v2.0/token":
                self._send_json(200, platform.token(tenant, self._form()))
            elif method == "POST" and rest == "oauth2/v2.0/devicecode":
                self._send_json(200, platform.device_authorization(tenant, self._form()))
            else:
                self._send_json(404, {"error": "not_found", "path": path})
        except OAuthError as error:
            self._send_json(error.status, error.body())

    def _authorize(self, tenant: str, query: dict[str, str]) -> None:
        try:
            redirect_uri, answer = self.platform.authorize(tenant, query)
        except OAuthError as error:
            message = html.escape(f"{error.error}: AADSTS{error.aadsts}: {error.description}")
            self._send_html(
                400, f"<html><body><h1>Sign in failed</h1><p>{message}</p></body></html>"
            )
            return
        if query.get("response_mode") == "query":
            separator = "&" if "?" in redirect_uri else "?"
            self.send_response(302)
            self.send_header("Location", f"{redirect_uri}{separator}{urlencode(answer)}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        inputs = "\n".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}" />'
            for k, v in answer.items()
        )
        self._send_html(
            200, _AUTHORIZE_PAGE.format(action=html.escape(redirect_uri), inputs=inputs)
        )

    def _form(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        return dict(parse_qsl(body, keep_blank_values=True))

    def _send_json(self, status: int, body: dict[str, object]) -> None:
        self._send(status, "application/json; charset=utf-8", json.dumps(body).encode())

    def _send_html(self, status: int, body: str) -> None:
        self._send(status, "text/html; charset=utf-8", body.encode())

    def _send(self, status: int, content_type: str, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store, no-cache")
        self.send_header("Pragma", "no-cache")
        self.end_headers()
        self.wfile.write(payload)


# ---- pytest fixtures -----------------------------------------------------------------------


@dataclass(frozen=True)
class FakeBrowserSetup:
    """What the ``fake_browser`` fixture set: ``env`` also suits a subprocess's environment."""

    env: dict[str, str]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""


@pytest.fixture
def identity_platform() -> Iterator[FakeIdentityPlatform]:
    """A started fake identity platform; fails the test if the fake itself crashed."""
    with FakeIdentityPlatform() as platform:
        yield platform
        assert not platform.errors, "the fake identity platform crashed:\n" + "\n".join(
            platform.errors
        )


@pytest.fixture
def msal_http_client(identity_platform: FakeIdentityPlatform) -> Iterator[requests.Session]:
    """trayscore's session for ``PublicClientApplication(http_client=...)``, trusting the fake.

    ``trust_env=False`` because REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE would override ``verify``.
    """
    with TokenSession() as session:
        session.trust_env = False
        session.verify = identity_platform.ca_file
        yield session


@pytest.fixture
def trust_identity_platform(
    identity_platform: FakeIdentityPlatform, monkeypatch: pytest.MonkeyPatch
) -> FakeIdentityPlatform:
    """Points REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE at the fake's CA, for code that builds its own
    requests session (MSAL's default one, the app's); returns the platform."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", identity_platform.ca_file)
    monkeypatch.setenv("CURL_CA_BUNDLE", identity_platform.ca_file)
    return identity_platform


@pytest.fixture
def fake_browser(
    identity_platform: FakeIdentityPlatform, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> FakeBrowserSetup:
    """Makes :mod:`webbrowser` (so MSAL's acquire_token_interactive) open the fake browser.

    Set ``TRAYSCORE_FAKE_BROWSER_MODE=cancel`` (monkeypatch.setenv) for a user who cancels.
    :mod:`webbrowser` reads $BROWSER only once per process, so its registry is reset for the test.
    """
    log = tmp_path / "fake-browser.log"
    env = browser_env(identity_platform.ca_file, log=str(log))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    import webbrowser  # noqa: PLC0415  (only the tests that open a browser need it)

    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    return FakeBrowserSetup(env=env, log=log)
