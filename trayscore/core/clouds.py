"""The Microsoft clouds trayscore can read from, and their regional API hosts.

One table, so that the API host, the sign-in authority, the token scope and the portal link can
never be mixed across clouds (a commercial token is useless against a US Government host).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final
from urllib.parse import urlsplit

AUTO_REGION: Final = "auto"
_LOOPBACK_NAMES: Final = frozenset({"localhost"})


@dataclass(frozen=True)
class Cloud:
    """Everything that differs between Microsoft clouds for one tenant."""

    name: str
    title: str
    api_base: str
    authority_host: str
    api_resource: str
    portal_url: str
    graph_base: str
    regions: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def score_scope(self) -> str:
        """The delegated Score.Read scope on the Defender API of this cloud."""
        return f"{self.api_resource}/Score.Read"

    @property
    def graph_resource(self) -> str:
        """The Microsoft Graph resource of this cloud: its Graph base without the version."""
        parts = urlsplit(self.graph_base)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def graph_scope(self) -> str:
        """The delegated SecurityEvents.Read.All scope on this cloud's Microsoft Graph."""
        return f"{self.graph_resource}/SecurityEvents.Read.All"

    def authority(self, tenant: str) -> str:
        """The sign-in authority URL for a tenant in this cloud."""
        return f"{self.authority_host}/{tenant}"

    def api_base_for(self, region: str) -> str:
        """The API base URL for a region (``auto`` is Microsoft's global, geo-routed host)."""
        if region == AUTO_REGION:
            return self.api_base
        try:
            return self.regions[region]
        except KeyError:
            raise ValueError(f"cloud {self.name!r} has no region {region!r}") from None

    @property
    def region_names(self) -> tuple[str, ...]:
        """The regions allowed in settings, ``auto`` first."""
        return (AUTO_REGION, *self.regions)

    @property
    def token_hosts(self) -> frozenset[str]:
        """Every host of this cloud that may receive its Defender or Graph tokens.

        Read from this table (API bases, regions, the token resource, Graph), so a host added
        here is trusted everywhere at once and nothing else is.
        """
        urls = (self.api_base, self.api_resource, self.graph_base, *self.regions.values())
        return frozenset(_host_of(url) for url in urls)


_COMMERCIAL_REGIONS = MappingProxyType(
    {
        **{
            code: f"https://{code}.api.security.microsoft.com"
            for code in ("us", "eu", "uk", "au", "swa", "ina", "aea")
        },
        # The host in older API examples; it still answers, and some proxies allow only it.
        "securitycenter": "https://api.securitycenter.microsoft.com",
    }
)

CLOUDS: Final = MappingProxyType(
    {
        "commercial": Cloud(
            name="commercial",
            title="Microsoft commercial cloud",
            api_base="https://api.security.microsoft.com",
            authority_host="https://login.microsoftonline.com",
            api_resource="https://api.securitycenter.microsoft.com",
            portal_url="https://security.microsoft.com",
            graph_base="https://graph.microsoft.com/v1.0",
            regions=_COMMERCIAL_REGIONS,
        ),
        "gcc": Cloud(
            name="gcc",
            title="US Government Community Cloud (GCC)",
            api_base="https://api-gcc.securitycenter.microsoft.us",
            authority_host="https://login.microsoftonline.com",
            api_resource="https://api-gcc.securitycenter.microsoft.us",
            portal_url="https://security.microsoft.com",
            graph_base="https://graph.microsoft.com/v1.0",
        ),
        "gcc-high": Cloud(
            name="gcc-high",
            title="US Government GCC High",
            api_base="https://api-gov.securitycenter.microsoft.us",
            authority_host="https://login.microsoftonline.us",
            api_resource="https://api-gov.securitycenter.microsoft.us",
            portal_url="https://security.microsoft.us",
            graph_base="https://graph.microsoft.us/v1.0",
        ),
        "dod": Cloud(
            name="dod",
            title="US Government DoD",
            api_base="https://api-gov.securitycenter.microsoft.us",
            authority_host="https://login.microsoftonline.us",
            api_resource="https://api-gov.securitycenter.microsoft.us",
            portal_url="https://security.apps.mil",
            graph_base="https://dod-graph.microsoft.us/v1.0",
        ),
    }
)

DEFAULT_CLOUD: Final = "commercial"


def cloud_named(name: str) -> Cloud:
    """Look a cloud up by its settings name."""
    try:
        return CLOUDS[name]
    except KeyError:
        allowed = ", ".join(CLOUDS)
        raise ValueError(f"unknown cloud {name!r}; allowed: {allowed}") from None


def _host_of(url: str) -> str:
    """The host name of ``url`` as DNS compares it: lower case, no trailing dot, no port."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".").lower()


def is_loopback_host(host: str) -> bool:
    """True for localhost and loopback addresses: the only hosts plain http may reach."""
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_microsoft_host(cloud: Cloud, url: str) -> bool:
    """True when ``url`` goes to one of Microsoft's hosts for ``cloud`` (see ``token_hosts``).

    The one judgement behind every "tokens go elsewhere" warning (tray tooltip, CLI, doctor):
    a host of another cloud is not this cloud's, and a look-alike such as
    ``api.security.microsoft.com.example`` is not Microsoft's at all.
    """
    return _host_of(url) in cloud.token_hosts


def receives_account_tokens(url: str) -> bool:
    """False for plain http (loopback only, by settings validation).

    Any local user can listen on a loopback port, so the signed-in account's tokens never go
    there; only a token handed in on purpose (TRAYSCORE_ACCESS_TOKEN, ``--demo``) does.
    """
    try:
        return urlsplit(url).scheme.lower() != "http"
    except ValueError:
        return False


def account_token_refusal(url: str) -> str | None:
    """Why ``url`` gets no token of the signed-in account, in one line; None when it may."""
    if receives_account_tokens(url):
        return None
    return (
        f"{url} is plain http on this computer, where any local user can listen: trayscore "
        "sends it no token of your account. Set TRAYSCORE_ACCESS_TOKEN for a test server, "
        "use --demo, or use an https URL."
    )


def foreign_token_hosts(
    cloud: Cloud, urls: Iterable[tuple[str, str | None]]
) -> tuple[tuple[str, str], ...]:
    """(setting, host) for each (setting, URL) whose host is not Microsoft's for ``cloud``.

    Unset URLs (None) use the cloud's own hosts. Plain-http loopback is left out: it never
    receives an account token (:func:`receives_account_tokens`), only one handed in on purpose.
    """
    return tuple(
        (setting, _host_of(url))
        for setting, url in urls
        if url is not None and receives_account_tokens(url) and not is_microsoft_host(cloud, url)
    )
