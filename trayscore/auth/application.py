"""The msal public client of one sign-in configuration, built the same way for every use.

Apart from :mod:`trayscore.auth.service` so a silent guest sign-in (:mod:`.guest`) builds its
trial client exactly as the service builds its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import msal
import requests

from trayscore.auth.token_session import TokenSession
from trayscore.core.errors import ConfigError
from trayscore.sources.limits import HttpLimits

SAFE_TEXT_RE: Final = re.compile(r"[^A-Za-z0-9 ._:,;'()/\-]")  # what a server's text may show


@dataclass(frozen=True)
class SignInConfig:
    """Who signs in where: the app registration, the authority and the scopes.

    ``scopes`` are the primary source's (the token a sign-in redeems, and ``token()``'s);
    ``extra_scopes`` are consented at the same browser sign-in; ``api_scopes`` says which scopes
    serve each API kind (``defender``, ``graph``) for ``AuthService.for_api``.
    """

    client_id: str
    authority: str
    scopes: tuple[str, ...]
    instance_discovery: bool = True
    use_broker: bool = False
    extra_scopes: tuple[str, ...] = ()
    api_scopes: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def scopes_for(self, api: str) -> tuple[str, ...]:
        """The scopes for one API kind; the primary scopes when that kind is not configured."""
        for kind, scopes in self.api_scopes:
            if kind == api:
                return scopes
        return self.scopes


def build_application(
    config: SignInConfig,
    cache: msal.SerializableTokenCache,
    session: requests.Session | None,
    *,
    broker: bool = False,
) -> msal.PublicClientApplication:
    """An msal public client for ``config`` over ``cache`` (it fetches the authority's metadata).

    A network failure is the caller's to word (requests' exception goes through).
    """
    try:
        return msal.PublicClientApplication(
            config.client_id,
            authority=config.authority,
            token_cache=cache,
            http_client=session or TokenSession(HttpLimits()),
            instance_discovery=config.instance_discovery,
            enable_broker_on_windows=broker or None,
            enable_broker_on_mac=broker or None,
        )
    except ValueError as error:
        raise ConfigError(
            f"The sign-in authority {config.authority} is not usable: {clean(error, 100)}."
        ) from None


def clean(text: object, limit: int = 160) -> str:
    """A server's or library's text on one line, only harmless characters, cut short."""
    cleaned = SAFE_TEXT_RE.sub("", " ".join(str(text).split()))
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 3] + "..."
