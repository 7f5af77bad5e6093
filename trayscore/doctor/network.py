"""Whether the hosts answer as the app would reach them: proxy, DNS, TLS, plain-http loopback.

The proxy is found the way the app's requests session finds it, so a check never tests a path
the app does not take.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from trayscore.doctor.result import Check, broken, passed
from trayscore.doctor.words import network_fix, tls_fix, translate

TIMEOUT_SECONDS: Final = 5.0


def _ca_file(environ: Mapping[str, str]) -> str | None:
    for variable in ("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"):
        if environ.get(variable):
            return environ[variable]
    return None


@dataclass(frozen=True)
class Proxy:
    """The proxy requests would use for a URL, and the variable that named it."""

    url: str  # with any user name and password: handed to requests, never shown
    variable: str  # e.g. HTTPS_PROXY, https_proxy, ALL_PROXY

    @property
    def shown(self) -> str:
        """The address without credentials (``http://***@host:port``): safe to print."""
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        netloc = f"[{host}]" if ":" in host else host
        with contextlib.suppress(ValueError):  # a bad port: shown without it
            netloc += f":{parts.port}" if parts.port else ""
        if parts.username is not None or parts.password is not None:
            netloc = f"***@{netloc}"
        return f"{parts.scheme}://{netloc}"

    def address(self) -> tuple[str, int]:
        """Host and port to connect to (urllib3's defaults); ValueError for a bad URL."""
        parts = urlsplit(self.url)
        if not parts.hostname:
            raise ValueError("no host")
        return parts.hostname, parts.port or _PROXY_PORTS.get(parts.scheme, 80)


_PROXY_PORTS: Final = {"http": 80, "https": 443, "socks5": 1080, "socks5h": 1080, "socks4": 1080}
_PROXY_REFUSALS: Final = frozenset({407, 502, 504})  # auth needed, upstream unreachable
# urllib3's words when a proxy answers CONNECT with an error, e.g. "... 407 Proxy Auth...".
_TUNNEL_STATUS_RE: Final = re.compile(r"Tunnel connection failed: (\d{3}(?: [A-Za-z -]+)?)")


def _environment_proxies(environ: Mapping[str, str]) -> dict[str, Proxy]:
    """``*_proxy`` variables by scheme, as urllib.request.getproxies_environment reads them.

    Any case is read first, then all-lowercase names win, and an empty lowercase one unsets.
    """
    found: dict[str, Proxy] = {}
    for variable, value in environ.items():
        if value and variable.lower().endswith("_proxy"):
            found[variable.lower()[:-6]] = Proxy(value, variable)
    for variable, value in environ.items():
        if variable.endswith("_proxy"):
            if value:
                found[variable.lower()[:-6]] = Proxy(value, variable)
            else:
                found.pop(variable.lower()[:-6], None)
    return found


def _is_ipv4(host: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(host), ipaddress.IPv4Address)
    except ValueError:
        return False


def _in_network(host: str, entry: str) -> bool:
    try:
        return ipaddress.ip_address(host) in ipaddress.ip_network(entry, strict=False)
    except ValueError:
        return False


def _bypassed(host: str, port: int | None, no_proxy: str, no: str) -> bool:
    """Whether NO_PROXY sends ``host`` direct: requests' own matching, then urllib's."""
    entries = [entry for entry in no_proxy.replace(" ", "").split(",") if entry]
    if _is_ipv4(host):
        if any(_in_network(host, e) if "/" in e else host == e for e in entries):
            return True
    else:
        with_port = f"{host}:{port}" if port else host
        for name in (entry.lstrip(".") for entry in entries):
            if name in {host, with_port} or host.endswith(f".{name}"):
                return True
            if with_port.endswith(f".{name}"):
                return True
    if no == "*":
        return True
    names = [name.strip().lstrip(".").lower() for name in no.split(",")]
    return any(name and (host == name or host.endswith("." + name)) for name in names)


def proxy_for(url: str, environ: Mapping[str, str]) -> Proxy | None:
    """The proxy the app's requests session would use for ``url``, or None: direct.

    Mirrors requests with ``trust_env`` on Linux: ``<scheme>_proxy`` then ``all_proxy``, in
    either case (lowercase preferred), unless ``no_proxy``/``NO_PROXY`` names the host. A
    value without a scheme means http://, as requests reads it.
    """
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        return None
    proxies = _environment_proxies(environ)
    no_proxy = environ.get("no_proxy") or environ.get("NO_PROXY") or ""
    no = proxies.pop("no").url if "no" in proxies else ""
    if _bypassed(host, parts.port, no_proxy, no):
        return None
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if proxy is None or "://" in proxy.url:
        return proxy
    return Proxy(f"http://{proxy.url}", proxy.variable)


def check_host(
    name: str,
    url: str,
    environ: Mapping[str, str],
    *,
    blocking: bool,
    timeout: float = TIMEOUT_SECONDS,
) -> Check:
    """DNS and TLS (or, for plain-http loopback, TCP) reachability of ``url``'s host.

    When a proxy applies to the URL, only the proxy is asked: a direct probe would test a
    path the app never takes (and fail where only the proxy may go out).
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    where = f"{host}:{port}"
    proxy = proxy_for(url, environ)
    if proxy is not None:
        return _check_via_proxy(name, url, proxy, environ, blocking=blocking, timeout=timeout)
    if parts.scheme == "http":
        try:
            with socket.create_connection((host, port), timeout=timeout):
                pass
        except OSError as error:
            detail = translate("Doctor", "cannot connect to {where}: {reason}").format(
                where=where, reason=error.strerror or type(error).__name__
            )
            fix = translate("Doctor", "start the service at {url} or correct the URL").format(
                url=url
            )
            return broken(name, detail, fix, blocking=blocking)
        detail = translate("Doctor", "{where} accepts connections (plain http, loopback)")
        return passed(name, detail.format(where=where))
    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        detail = translate("Doctor", "DNS lookup of {host} failed: {reason}").format(
            host=host, reason=error.strerror or type(error).__name__
        )
        return broken(name, detail, network_fix(), blocking=blocking)
    return _check_tls(name, host, port, environ, blocking=blocking, timeout=timeout)


def _check_tls(
    name: str,
    host: str,
    port: int,
    environ: Mapping[str, str],
    *,
    blocking: bool,
    timeout: float,
) -> Check:
    """A TLS handshake with certificate checks, trusting REQUESTS_CA_BUNDLE/SSL_CERT_FILE."""
    where = f"{host}:{port}"
    try:
        context = ssl.create_default_context(cafile=_ca_file(environ))
    except (OSError, ssl.SSLError) as error:
        detail = translate("Doctor", "the CA bundle cannot be read ({error})").format(
            error=type(error).__name__
        )
        fix = translate("Doctor", "point REQUESTS_CA_BUNDLE at a PEM file")
        return broken(name, detail, fix, blocking=blocking)
    try:
        with (
            socket.create_connection((host, port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=host),
        ):
            pass
    except ssl.SSLCertVerificationError as error:
        detail = translate("Doctor", "TLS certificate of {where} not trusted: {reason}").format(
            where=where, reason=error.verify_message
        )
        return broken(name, detail, tls_fix(), blocking=blocking)
    except ssl.SSLError as error:
        detail = translate("Doctor", "TLS handshake with {where} failed: {reason}").format(
            where=where, reason=error.reason or type(error).__name__
        )
        return broken(name, detail, tls_fix(), blocking=blocking)
    except OSError as error:
        detail = translate("Doctor", "cannot connect to {where}: {reason}").format(
            where=where, reason=error.strerror or type(error).__name__
        )
        return broken(name, detail, network_fix(), blocking=blocking)
    return passed(name, translate("Doctor", "{where}: DNS and TLS work").format(where=where))


def _check_via_proxy(
    name: str, url: str, proxy: Proxy, environ: Mapping[str, str], *, blocking: bool, timeout: float
) -> Check:
    """The proxy accepts a connection, then ``url`` answers through it (with requests)."""
    import requests  # noqa: PLC0415 - only when a proxy is set

    parts = urlsplit(url)
    where = f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    try:
        with socket.create_connection(proxy.address(), timeout=timeout):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
    except ValueError:
        reason = "not a valid proxy URL"
    else:
        reason = ""
    if reason:
        detail = translate("Doctor", "cannot connect to the proxy {proxy}: {reason}").format(
            proxy=proxy.shown, reason=reason
        )
        fix = translate(
            "Doctor", "start the proxy at {proxy} or correct {variable} (unset it for no proxy)"
        ).format(proxy=proxy.shown, variable=proxy.variable)
        return broken(name, detail, fix, blocking=blocking)
    session = requests.Session()
    session.trust_env = False  # these variables, not the process's, chose the proxy
    try:
        with session:
            response = session.head(
                url,
                proxies={parts.scheme: proxy.url},
                verify=_ca_file(environ) or True,
                timeout=timeout,
                allow_redirects=False,
            )
    except requests.exceptions.SSLError:
        detail = translate(
            "Doctor", "TLS to {url} through the proxy {proxy} failed certificate checks"
        ).format(url=url, proxy=proxy.shown)
        return broken(name, detail, tls_fix(), blocking=blocking)
    except requests.exceptions.ProxyError as error:
        status = _TUNNEL_STATUS_RE.search(str(error))  # only the status: never the whole text
        reason = status[1] if status else type(error).__name__
        return _refused(name, proxy, where, reason, blocking=blocking)
    except requests.RequestException as error:
        detail = translate(
            "Doctor", "{url} unreachable through the proxy {proxy} ({error})"
        ).format(url=url, proxy=proxy.shown, error=type(error).__name__)
        return broken(name, detail, network_fix(), blocking=blocking)
    # Plain http is forwarded, not tunnelled: the proxy's own refusals come back as responses.
    if parts.scheme == "http" and response.status_code in _PROXY_REFUSALS:
        reason = f"{response.status_code} {response.reason}"
        return _refused(name, proxy, where, reason, blocking=blocking)
    detail = translate("Doctor", "{url} answers through the proxy {proxy} ({variable})")
    return passed(name, detail.format(url=url, proxy=proxy.shown, variable=proxy.variable))


def _refused(name: str, proxy: Proxy, where: str, reason: str, *, blocking: bool) -> Check:
    detail = translate("Doctor", "the proxy {proxy} refused {where}: {reason}").format(
        proxy=proxy.shown, where=where, reason=reason
    )
    fix = translate(
        "Doctor",
        "ask IT whether the proxy {proxy} lets {where} through and needs a user name and "
        "password, or correct {variable}",
    ).format(proxy=proxy.shown, where=where, variable=proxy.variable)
    return broken(name, detail, fix, blocking=blocking)
