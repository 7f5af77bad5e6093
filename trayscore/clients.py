"""The one place that builds what reads a score: token source, sign-in, clients and history.

The CLI, doctor and the tray all build through :class:`Clients`, so they agree on which token a
request carries (``TRAYSCORE_ACCESS_TOKEN`` alone, checked the same way), which host may receive
an account's token, which secondary rows are read, and which history file a tenant has. It is
Qt-free and the home of the lazy heavy imports: requests, msal and keyring load only when a
client, the sign-in service or a store is first asked for, so ``trayscore --version`` and the
tray's first paint stay quick.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

from trayscore.core.catalog import (
    DEVICE_SECURE_SCORE,
    EXPOSURE_SCORE,
    SECURE_SCORE,
    SOURCES,
    ApiKind,
    SourceSpec,
    source_named,
)
from trayscore.core.errors import ConfigError, NotSetUp
from trayscore.core.links import REGISTRATION_GUIDE_URL
from trayscore.settings.model import same_account

if TYPE_CHECKING:
    import requests

    from trayscore.auth.application import SignInConfig
    from trayscore.auth.service import AuthService
    from trayscore.auth.token_store import TokenStore
    from trayscore.core.models import Reading
    from trayscore.history.store import HistoryStore
    from trayscore.settings.model import Settings
    from trayscore.sources.groups import ExposureByGroupSource
    from trayscore.sources.http import TokenSource
    from trayscore.system.paths import AppPaths

TOKEN_VARIABLE: Final = "TRAYSCORE_ACCESS_TOKEN"  # noqa: S105 - a variable name, not a token
DEMO_TOKEN: Final = "demo-token"  # noqa: S105 - the simulator accepts any token
DEMO_SEED: Final = 7  # the demo's series, the same in the tray and every command
DEMO_NAME: Final = "Demo (simulated tenant)"  # the one demo tenant, in machine output
# Several demo tenants (--demo --tenants N) wear Microsoft's fictitious company names, marked.
DEMO_COMPANIES: Final = (
    "Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Adatum", "Litware",
    "Proseware", "Wingtip", "Fourth Coffee",
)  # fmt: skip


def demo_tenant_name(number: int, count: int) -> str:
    """Demo tenant ``number`` (from 1) of ``count``: one is "Demo (simulated tenant)"."""
    if count == 1:
        return DEMO_NAME
    company = DEMO_COMPANIES[(number - 1) % len(DEMO_COMPANIES)]
    lap = (number - 1) // len(DEMO_COMPANIES)
    return f"{company} {lap + 1} (demo)" if lap else f"{company} (demo)"


Clock = Callable[[], datetime]
StoreOpener = Callable[[str], "tuple[TokenStore, str | None]"]


def utc_now() -> datetime:
    """The real clock, in UTC."""
    return datetime.now(UTC)


class ScoreSource(Protocol):
    """Anything that reads one score: one request per ``fetch``, typed errors on failure."""

    @property
    def name(self) -> str:
        """The catalogue name of the source."""
        ...

    def fetch(self) -> Reading:
        """The current reading, or a :class:`~trayscore.core.errors.TrayscoreError`."""
        ...


def env_token(environ: Mapping[str, str]) -> str | None:
    """``TRAYSCORE_ACCESS_TOKEN`` when set; a token with spaces or controls is a settings error.

    One rule for every caller: a pasted "Bearer x" or a token with a newline would otherwise
    reach a header (or be refused there with a less helpful message).
    """
    token = environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        return None
    if any(ch.isspace() or not ch.isprintable() for ch in token):
        raise ConfigError(
            f"{TOKEN_VARIABLE} holds spaces or control characters; set the token alone."
        )
    return token


def not_set_up(settings: Settings, settings_file: Path | None) -> NotSetUp:
    """The one "not set up" error: what is missing, where it goes, and how to get it there."""
    missing = [
        name
        for name, value in (
            ("the tenant", settings.tenant or settings.authority),
            ("the client ID", settings.client_id),
        )
        if not value
    ]
    what = " and ".join(missing) + (" are" if len(missing) > 1 else " is")
    where = str(settings_file) if settings_file is not None else "settings.toml"
    return NotSetUp(
        f"Not set up yet: {what} missing. Run `trayscore setup`, or set tenant and "
        f"client_id in {where} (your administrator has them; guide: {REGISTRATION_GUIDE_URL}); "
        f"or set {TOKEN_VARIABLE}."
    )


def base_url_for(spec: SourceSpec, settings: Settings) -> str:
    """The base URL the source's API kind has in these settings (overrides included)."""
    return settings.graph_base if spec.api is ApiKind.GRAPH else settings.api_base


def build_source(
    spec: SourceSpec,
    base_url: str,
    tokens: TokenSource,
    session: requests.Session,
    clock: Clock = utc_now,
) -> ScoreSource:
    """The client for ``spec``; ``tokens`` must be for the spec's API kind."""
    from trayscore.sources.device import DeviceSecureScoreSource  # noqa: PLC0415
    from trayscore.sources.exposure import ExposureScoreSource  # noqa: PLC0415
    from trayscore.sources.secure_score import SecureScoreSource  # noqa: PLC0415

    if spec is SECURE_SCORE:
        return SecureScoreSource(base_url, tokens, session, clock=clock)
    if spec is DEVICE_SECURE_SCORE:
        return DeviceSecureScoreSource(base_url, tokens, session, clock=clock)
    if spec is EXPOSURE_SCORE:
        return ExposureScoreSource(base_url, tokens, session, clock=clock)
    raise ValueError(f"no client for source {spec.name!r}")


def sign_in_config(settings: Settings, settings_file: Path | None = None) -> SignInConfig:
    """The sign-in of these settings; a missing tenant or client ID is :class:`NotSetUp`."""
    from trayscore.auth.application import SignInConfig  # noqa: PLC0415 - msal loads here

    if not settings.is_set_up:
        raise not_set_up(settings, settings_file)
    if settings.authority:
        authority, discovery = settings.authority, False
    else:
        authority, discovery = settings.cloud_info.authority(settings.tenant or ""), True
    defender = (settings.defender_scope,)
    graph = (settings.cloud_info.graph_scope,)
    graph_first = source_named(settings.source).api is ApiKind.GRAPH
    primary, extra = (graph, defender) if graph_first else (defender, graph)
    return SignInConfig(
        client_id=settings.client_id or "",
        authority=authority,
        scopes=primary,
        instance_discovery=discovery,
        use_broker=settings.use_broker,
        extra_scopes=extra,
        api_scopes=((ApiKind.DEFENDER.value, defender), (ApiKind.GRAPH.value, graph)),
    )


@dataclass(frozen=True)
class Sources:
    """The clients one refresh reads: the primary score, the others, the device groups."""

    primary: ScoreSource
    others: tuple[ScoreSource, ...]
    groups: ExposureByGroupSource


@dataclass
class Clients:
    """Builds, once each, the sign-in service, token sources, score clients and history.

    ``simulator_url`` points both APIs at the built-in simulator with a demo token (``--demo``).
    ``settings_file`` is the user's settings file, named when the registration is missing.
    ``open_store`` opens the keyring store (tests hand in a memory one). ``on_warning`` hears a
    keyring problem once, when the sign-in service is first built. Thread-safe: a refresh job
    and a sign-in job may ask at the same time.
    """

    settings: Settings
    environ: Mapping[str, str]
    clock: Clock = utc_now
    simulator_url: str | None = None
    open_store: StoreOpener | None = None
    on_warning: Callable[[str], None] | None = None
    settings_file: Path | None = None  # named in the "not set up" message
    demo_tenant: int = 1  # which of the simulator's tenants: each has its own demo history
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _auth: AuthService | None = field(default=None, repr=False)
    _session: requests.Session | None = field(default=None, repr=False)

    @property
    def demo(self) -> bool:
        """Whether this reads the built-in simulator instead of a tenant."""
        return self.simulator_url is not None

    @property
    def signed_in_service(self) -> AuthService | None:
        """The sign-in service if one was built (never builds one)."""
        return self._auth

    def with_settings(self, settings: Settings) -> Clients:
        """A builder on new settings: the sign-in service stays while the account is the same.

        The HTTP session stays too (its connections are reused); everything else is built anew
        from ``settings`` when next asked for.
        """
        with self._lock:
            kept = self._auth if same_account(self.settings, settings) else None
            return replace(self, settings=settings, _lock=threading.RLock(), _auth=kept)

    def session(self) -> requests.Session:
        """One HTTP session for every client built here (connections are reused)."""
        with self._lock:
            if self._session is None:
                from trayscore.sources.http import make_session  # noqa: PLC0415

                self._session = make_session()
            return self._session

    def base_url(self, api: ApiKind) -> str:
        """Where requests of this API kind go."""
        if self.simulator_url is not None:
            return f"{self.simulator_url}/v1.0" if api is ApiKind.GRAPH else self.simulator_url
        return self.settings.graph_base if api is ApiKind.GRAPH else self.settings.api_base

    def auth(self) -> AuthService:
        """The sign-in service of the configured registration, made once.

        A missing client id or tenant is a :class:`ConfigError` naming what to set.
        """
        with self._lock:
            if self._auth is None:
                from trayscore.auth.service import AuthService  # noqa: PLC0415
                from trayscore.auth.token_store import (  # noqa: PLC0415
                    open_token_store,
                    profile_for,
                )

                config = sign_in_config(self.settings, self.settings_file)
                opener = self.open_store or open_token_store
                store, warning = opener(profile_for(config.authority, config.client_id))
                self._auth = AuthService(config, store)
                if warning and self.on_warning is not None:
                    self.on_warning(warning)
                elif warning:
                    self._auth.notices.append(warning)
            return self._auth

    def tokens(self, api: ApiKind, destination: str | None = None) -> TokenSource:
        """The bearer tokens for ``api``: the demo's, the variable's, else the account's.

        An account's token never goes to a plain-http destination, and an unconfigured
        registration is :class:`SignInRequired` before any sign-in is tried.
        """
        from trayscore.sources.http import StaticToken  # noqa: PLC0415

        if self.demo:
            return StaticToken(DEMO_TOKEN)
        token = env_token(self.environ)
        if token is not None:
            return StaticToken(token)
        where = destination or self.base_url(api)
        from trayscore.core.clouds import account_token_refusal  # noqa: PLC0415

        refusal = account_token_refusal(where)
        if refusal is not None:
            raise ConfigError(refusal)
        if not self.settings.is_set_up:
            raise not_set_up(self.settings, self.settings_file)
        return self.auth().for_api(api.value, destination=where)

    def source(self, spec: SourceSpec) -> ScoreSource:
        """The client of one catalogue entry, with its API's base URL and tokens."""
        base = self.base_url(spec.api)
        return build_source(spec, base, self.tokens(spec.api, base), self.session(), self.clock)

    def groups(self) -> ExposureByGroupSource:
        """The exposure score by device group (Defender API)."""
        from trayscore.sources.groups import ExposureByGroupSource  # noqa: PLC0415

        base = self.base_url(ApiKind.DEFENDER)
        tokens = self.tokens(ApiKind.DEFENDER, base)
        return ExposureByGroupSource(base, tokens, self.session(), clock=self.clock)

    def row_wanted(self, api: ApiKind) -> bool:
        """Whether a secondary row may be read from ``api``.

        With one API pointed elsewhere (a private endpoint, a simulator) and the other left at
        Microsoft's host, that host is not contacted just for a row.
        """
        if self.demo:
            return True
        overridden = {
            ApiKind.DEFENDER: self.settings.api_url is not None,
            ApiKind.GRAPH: self.settings.graph_url is not None,
        }
        return overridden[api] or not any(overridden.values())

    def sources(self) -> Sources:
        """The primary score's client, the wanted others', and the device groups'."""
        primary = self.settings.source
        clients = {
            name: self.source(spec)
            for name, spec in SOURCES.items()
            if name == primary or self.row_wanted(spec.api)
        }
        first = clients.pop(primary)
        return Sources(first, tuple(clients.values()), self.groups())

    def history(self, paths: AppPaths) -> HistoryStore:
        """The history of the configured cloud and tenant (the demo's is its own file)."""
        from trayscore.history.store import HistoryStore  # noqa: PLC0415

        path = paths.history_file(
            self.settings.cloud, self.settings.tenant, demo=self.demo, demo_tenant=self.demo_tenant
        )
        return HistoryStore(path, clock=self.clock)
