"""Delegated sign-in with msal: silent first, then the system browser, or a device code.

No Qt here: the tray runs these calls on a worker thread, the CLI runs them directly. The token
cache lives only in a :class:`~trayscore.auth.token_store.TokenStore` (the OS keyring, or memory
for this run when there is none) and is written back only when msal says it changed.

Two resources, one sign-in: the Defender API (Score.Read) and Microsoft Graph
(SecurityEvents.Read.All). The browser sign-in asks for the primary source's scope and adds the
other one for consent, so Entra's refresh token then serves both; each resource's token is
acquired silently on its own (``for_api``), and a refresh never prompts again.
"""

from __future__ import annotations

import sys
import threading
import time
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final
from urllib.parse import urlsplit

import msal
import requests

from trayscore.auth.application import SignInConfig, build_application, clean
from trayscore.auth.loopback import LoopbackListener, SignInCancelled
from trayscore.auth.token_session import RedirectRefused, TooSlow
from trayscore.auth.token_store import MemoryTokenStore, SecretStoreUnavailable, TokenStore
from trayscore.core.clouds import account_token_refusal
from trayscore.core.errors import (
    BadResponse,
    ConfigError,
    ExitStatus,
    NotSignedIn,
    Offline,
    SignInRequired,
    TrayscoreError,
)
from trayscore.sources.failures import network_failure
from trayscore.sources.limits import HttpLimits

DEFAULT_BROWSER_TIMEOUT: Final = 300.0
BROKER_PLATFORMS: Final = frozenset({"win32", "darwin"})
NOT_SIGNED_IN: Final = "Not signed in; sign in with `trayscore login`."
_RESTART_ERRORS: Final = frozenset({"interaction_required", "consent_required", "login_required"})


class BrowserUnavailable(TrayscoreError):
    """No browser could be opened here; a device code is the way to sign in."""

    exit_code = ExitStatus.SIGN_IN_NEEDED  # signing in another way is the fix
    kind = "no-browser"


@dataclass(frozen=True)
class AccountInfo:
    """The signed-in account as the user may see it: never a token."""

    username: str
    tenant_id: str
    access_expires_at: datetime | None

    def minutes_left(self, now: datetime) -> int | None:
        """Whole minutes until the cached access token expires (negative once expired)."""
        if self.access_expires_at is None:
            return None
        return int((self.access_expires_at - now).total_seconds() // 60)


@dataclass(frozen=True)
class DeviceCodePrompt:
    """What the user must do to finish a device-code sign-in."""

    message: str
    user_code: str
    verification_uri: str
    flow: Mapping[str, Any] = field(repr=False)


def _error_from_result(result: Mapping[str, Any], client_id: str) -> TrayscoreError:
    """Turn msal's error dict into the one typed error the user can act on."""
    code = str(result.get("error", "unknown_error"))
    description = clean(str(result.get("error_description", "")).split("\n")[0], 120)
    detail = f" ({code}: {description})" if description else f" ({code})"
    if code == "invalid_grant":
        return SignInRequired(f"Your sign-in has expired or was revoked{detail}; sign in again.")
    if code in _RESTART_ERRORS:
        return SignInRequired(f"Microsoft Entra asks you to sign in again{detail}.")
    if code == "expired_token":
        return SignInCancelled("The device code expired before sign-in finished; start again.")
    if code in {"authorization_declined", "access_denied"}:
        return SignInCancelled(f"Sign-in was cancelled or declined{detail}.")
    if code in {"invalid_client", "unauthorized_client", "invalid_request"}:
        return ConfigError(
            f"The app registration {client_id} cannot sign you in{detail}. Check client_id, the "
            "redirect URI http://127.0.0.1 and 'Allow public client flows' "
            "(docs/app-registration.md)."
        )
    return TrayscoreError(f"Sign-in failed{detail}.")


class AuthService:
    """One msal public client for one (authority, client id), with its cache in a TokenStore."""

    def __init__(
        self,
        config: SignInConfig,
        store: TokenStore,
        *,
        session: requests.Session | None = None,
        open_browser: Callable[[str], bool] = webbrowser.open,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        platform: str = sys.platform,
    ) -> None:
        self._config = config
        self._store = store
        self._session = session
        self._open_browser = open_browser
        self._clock = clock
        self._platform = platform
        self._lock = threading.RLock()
        self._app: msal.PublicClientApplication | None = None
        self._cache = msal.SerializableTokenCache()
        self.notices: list[str] = []
        self._load()

    @property
    def can_refresh(self) -> bool:
        """Always true: a silent refresh through msal is always worth one try."""
        return True

    @property
    def persistent(self) -> bool:
        """False when tokens live only in this process (no usable keyring)."""
        return self._store.persistent

    def _notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)

    def _fall_back_to_memory(self, error: SecretStoreUnavailable) -> None:
        self._notice(error.message)
        self._store = MemoryTokenStore()

    def _load(self) -> None:
        try:
            data = self._store.load()
        except SecretStoreUnavailable as error:
            self._fall_back_to_memory(error)
            data = None
        if self._store.problem:
            self._notice(self._store.problem)
        if data:
            self._cache.deserialize(data)

    def _persist(self) -> None:
        """Write the cache back only when msal changed it."""
        if not self._cache.has_state_changed:
            return
        data = self._cache.serialize()
        try:
            self._store.save(data)
        except SecretStoreUnavailable as error:
            self._fall_back_to_memory(error)
            self._store.save(data)
        self._cache.has_state_changed = False

    def _network(self, error: requests.RequestException) -> TrayscoreError:
        host = urlsplit(self._config.authority).netloc
        if isinstance(error, RedirectRefused):
            return BadResponse(
                f"The sign-in server {host} answered with a redirect ({error}); trayscore does "
                "not send sign-in secrets on to another address. Check the authority setting "
                "or the proxy."
            )
        if isinstance(error, TooSlow):
            return Offline(f"The sign-in server {host} gave {error}; try again.")
        return network_failure(self._config.authority, error, HttpLimits())

    def _application(self) -> msal.PublicClientApplication:
        """Built lazily, off the GUI thread: the msal constructor fetches authority metadata."""
        with self._lock:
            if self._app is None:
                self._app = self._build_application()
            return self._app

    def _build_application(self) -> msal.PublicClientApplication:
        broker = self._config.use_broker and self._platform in BROKER_PLATFORMS
        if self._config.use_broker and not broker:
            self._notice("The sign-in broker exists only on Windows and macOS; using the browser.")
        try:
            return build_application(self._config, self._cache, self._session, broker=broker)
        except requests.RequestException as error:
            raise self._network(error) from None

    def _account_entry(self) -> dict[str, Any] | None:
        accounts = list(self._cache.search(msal.TokenCache.CredentialType.ACCOUNT))
        return accounts[0] if accounts else None

    def account(self) -> AccountInfo | None:
        """The cached account and its access-token expiry, read without any network call."""
        with self._lock:
            entry = self._account_entry()
            if entry is None:
                return None
            expiry: datetime | None = None
            for token in self._cache.search(
                msal.TokenCache.CredentialType.ACCESS_TOKEN,
                query={"home_account_id": entry.get("home_account_id")},
            ):
                expires_on = str(token.get("expires_on", ""))
                if expires_on.isdigit():
                    candidate = datetime.fromtimestamp(int(expires_on), UTC)
                    expiry = candidate if expiry is None else max(expiry, candidate)
            return AccountInfo(
                username=str(entry.get("username", "")),
                tenant_id=str(entry.get("realm", "")),
                access_expires_at=expiry,
            )

    def _finish(self, result: Mapping[str, Any] | None) -> str:
        if not result:
            raise NotSignedIn(NOT_SIGNED_IN)
        if "access_token" not in result:
            raise _error_from_result(result, self._config.client_id)
        self._persist()
        return str(result["access_token"])

    def token(self, *, force_refresh: bool = False) -> str:
        """A valid access token for the primary scopes without user interaction."""
        return self.token_for(self._config.scopes, force_refresh=force_refresh)

    def for_api(self, api: str, *, destination: str) -> ApiTokens:
        """The token source for one API kind (``defender`` or ``graph``) of this account.

        ``destination`` is the base URL the tokens are sent to: a plain-http one gets none
        (:func:`~trayscore.core.clouds.account_token_refusal`).
        """
        return ApiTokens(self, self._config.scopes_for(api), destination)

    def token_for(self, scopes: tuple[str, ...], *, force_refresh: bool = False) -> str:
        """A valid access token for ``scopes`` (one resource), silently, or SignInRequired."""
        with self._lock:
            if self._account_entry() is None:
                raise NotSignedIn(NOT_SIGNED_IN)
            app = self._application()
            try:
                accounts = app.get_accounts()
                if not accounts:
                    raise NotSignedIn(NOT_SIGNED_IN)
                result = app.acquire_token_silent_with_error(
                    list(scopes), accounts[0], force_refresh=force_refresh
                )
            except requests.RequestException as error:
                raise self._network(error) from None
            return self._finish(result)

    def sign_in_browser(
        self,
        timeout: float = DEFAULT_BROWSER_TIMEOUT,
        cancel: threading.Event | None = None,
        parent_window: int | None = None,
    ) -> AccountInfo:
        """Sign in through the system browser; BrowserUnavailable when none can open.

        With the broker (Windows WAM, macOS), ``parent_window`` is the app's own native window
        handle, so the broker's dialog opens over it; None (the CLI) means the console's.
        """
        app = self._application()
        if self._config.use_broker and self._platform in BROKER_PLATFORMS:
            return self._sign_in_broker(app, timeout, parent_window)
        with LoopbackListener() as listener:
            try:
                flow = app.initiate_auth_code_flow(
                    [*self._config.scopes, *self._config.extra_scopes],
                    redirect_uri=listener.redirect_uri,
                    state=listener.state,
                    response_mode="form_post",
                    prompt="select_account",
                )
            except requests.RequestException as error:
                raise self._network(error) from None
            if not self._open_browser(flow["auth_uri"]):
                raise BrowserUnavailable("No web browser could be opened here.")
            answer = listener.wait(timeout, cancel)
        try:
            with self._lock:
                # The code consents to every scope; the token is for the primary resource only.
                result = app.acquire_token_by_auth_code_flow(
                    flow, answer, scopes=list(self._config.scopes)
                )
                self._finish(result)
        except ValueError:
            raise SignInRequired(
                "The sign-in answer did not match this request (state mismatch); try again."
            ) from None
        except requests.RequestException as error:
            raise self._network(error) from None
        return self._signed_in()

    def _sign_in_broker(
        self, app: msal.PublicClientApplication, timeout: float, parent_window: int | None
    ) -> AccountInfo:
        """WAM or the macOS broker: msal shows the system's own sign-in over ``parent_window``."""
        result = app.acquire_token_interactive(
            list(self._config.scopes),
            extra_scopes_to_consent=list(self._config.extra_scopes) or None,
            timeout=int(timeout),
            parent_window_handle=(
                app.CONSOLE_WINDOW_HANDLE if parent_window is None else parent_window
            ),
        )
        with self._lock:
            self._finish(result)
        return self._signed_in()

    def start_device_flow(self) -> DeviceCodePrompt:
        """Ask for a device code; show the prompt's message to the user.

        Only the primary scopes: Entra redeems a device code for one resource and msal has no
        extra consent here. The other resource's token comes silently from the refresh token
        once an administrator consented to both permissions (both need admin consent anyway).
        """
        app = self._application()
        try:
            flow = app.initiate_device_flow(scopes=list(self._config.scopes))
        except requests.RequestException as error:
            raise self._network(error) from None
        if "user_code" not in flow:
            raise _error_from_result(flow, self._config.client_id)
        return DeviceCodePrompt(
            message=clean(flow.get("message", ""), 300),
            user_code=str(flow["user_code"]),
            verification_uri=str(flow.get("verification_uri", "")),
            flow=flow,
        )

    def finish_device_flow(
        self, prompt: DeviceCodePrompt, cancel: threading.Event | None = None
    ) -> AccountInfo:
        """Wait until the user entered the code (or it expired, or ``cancel`` was set)."""
        app = self._application()
        flow = dict(prompt.flow)

        def stop(current: Mapping[str, Any]) -> bool:
            if cancel is not None and cancel.is_set():
                return True
            return float(current.get("expires_at", 0)) < time.time()

        try:
            result = app.acquire_token_by_device_flow(flow, exit_condition=stop)
        except requests.RequestException as error:
            raise self._network(error) from None
        if cancel is not None and cancel.is_set():
            raise SignInCancelled("Sign-in was cancelled.")
        with self._lock:
            self._finish(result)
        return self._signed_in()

    def _signed_in(self) -> AccountInfo:
        account = self.account()
        if account is None:
            raise SignInRequired("Sign-in finished without an account; try again.")
        return account

    @property
    def config(self) -> SignInConfig:
        """Who signs in where."""
        return self._config

    @property
    def http_session(self) -> requests.Session | None:
        """The HTTP session msal talks through (None: its own, with trayscore's limits)."""
        return self._session

    def snapshot(self) -> str | None:
        """The sign-in's cache, serialized, for another tenant of the same app to join."""
        with self._lock:
            return self._cache.serialize() if self._account_entry() else None

    def adopt(self, cache: msal.SerializableTokenCache) -> AccountInfo | None:
        """Use ``cache`` from now on (a sign-in made silently as a guest) and store it."""
        with self._lock:
            self._cache, self._app = cache, None
            cache.has_state_changed = True
            self._persist()
        return self.account()

    def sign_out(self) -> AccountInfo | None:
        """Forget the account and remove every stored token (no network needed)."""
        with self._lock:
            account = self.account()
            self._cache = msal.SerializableTokenCache()
            self._app = None
            try:
                self._store.clear()
            except SecretStoreUnavailable as error:
                self._fall_back_to_memory(error)
            return account


@dataclass(frozen=True)
class ApiTokens:
    """One resource's tokens from a signed-in :class:`AuthService` (a ``TokenSource``)."""

    service: AuthService
    scopes: tuple[str, ...]
    destination: str

    @property
    def can_refresh(self) -> bool:
        """Always true: a silent refresh through msal is always worth one try."""
        return True

    def token(self, *, force_refresh: bool = False) -> str:
        """A valid access token for this resource without user interaction.

        Refused (ConfigError) when the destination is plain http: see ``for_api``.
        """
        refusal = account_token_refusal(self.destination)
        if refusal is not None:
            raise ConfigError(refusal)
        return self.service.token_for(self.scopes, force_refresh=force_refresh)
