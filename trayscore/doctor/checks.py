"""``trayscore doctor``: what works here and what does not, one line per check, with a fix.

No Qt is started: the checks only read settings, files and variables, and talk to the keyring,
the session bus and the network. Each check is a small function returning a :class:`Check`;
``ok`` is True (works), False (broken) or None (a warning, or not applicable here).
"""

from __future__ import annotations

import contextlib
import ipaddress
import platform
import re
import secrets
import socket
import ssl
import sys
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from trayscore.core.errors import ConfigError, TrayscoreError

if TYPE_CHECKING:
    from trayscore.history.store import HistoryStore
    from trayscore.settings.model import Settings

TIMEOUT_SECONDS: Final = 5.0
Translate = Callable[[str, str, str | None, int], str]


def _english(_context: str, text: str, _disambiguation: str | None = None, n: int = -1) -> str:
    return text.replace("%n", str(n)) if n >= 0 else text


_TRANSLATE: ContextVar[Translate] = ContextVar("doctor_translate", default=_english)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """A sentence in the user's language for the human output, else English (JSON).

    Qt-free: the CLI hands in Qt's translator for the human lines only (``run_checks``);
    lupdate finds these strings by the call's name and literal context; ``n`` picks a plural
    and replaces ``%n``, as Qt's does.
    """
    return _TRANSLATE.get()(context, text, disambiguation, n)


def tls_fix() -> str:
    """What to do when TLS checks fail: usually TLS inspection."""
    return translate(
        "Doctor",
        "a proxy or security product may inspect TLS (TLS inspection): ask IT for its CA "
        "certificate and set REQUESTS_CA_BUNDLE (and SSL_CERT_FILE) to that PEM file",
    )


def network_fix() -> str:
    """What to do when a host cannot be reached."""
    return translate("Doctor", "check the network, DNS, firewall or proxy (HTTPS_PROXY) settings")


def check_title(name: str) -> str:
    """A check's name as the human output shows it (JSON keeps the English name)."""
    titles = {
        "settings": translate("Doctor", "settings"),
        "keyring": translate("Doctor", "keyring"),
        "notifications": translate("Doctor", "notifications"),
        "system tray": translate("Doctor", "system tray"),
        "authority": translate("Doctor", "authority"),
        "api": translate("Doctor", "api"),
        "account": translate("Doctor", "account"),
        "score": translate("Doctor", "score"),
        "retirement": translate("Doctor", "retirement"),
        "history": translate("Doctor", "history"),
        "versions": translate("Doctor", "versions"),
    }
    return titles.get(name, name)


TOKEN_VARIABLE: Final = "TRAYSCORE_ACCESS_TOKEN"  # noqa: S105 - a variable name
PROBE_SERVICE: Final = "trayscore-doctor"
MARKS: Final = {True: "✓", False: "✗", None: "!"}


@dataclass(frozen=True)
class Check:
    """One check's result; ``blocking`` failures make the command exit non-zero."""

    name: str
    ok: bool | None
    detail: str
    fix: str = ""
    blocking: bool = False
    title: str = ""  # the name in the user's language, for the human line

    def __post_init__(self) -> None:
        if not self.title:
            object.__setattr__(self, "title", check_title(self.name))

    def to_json(self) -> dict[str, object]:
        """The stable machine form (``blocking`` is not part of it)."""
        return {"check": self.name, "ok": self.ok, "detail": self.detail, "fix": self.fix}

    def line(self, translate_with: Translate | None = None) -> str:
        """The human form: mark, name, detail and, when not ok, the fix."""
        token = _TRANSLATE.set(translate_with) if translate_with is not None else None
        try:
            text = translate("Doctor", "{mark} {name}: {detail}").format(
                mark=MARKS[self.ok], name=self.title, detail=self.detail
            )
            if self.ok is not True and self.fix:
                text = translate("Doctor", "{line} → {fix}").format(line=text, fix=self.fix)
            return text
        finally:
            if token is not None:
                _TRANSLATE.reset(token)


def passed(name: str, detail: str) -> Check:
    """A check that works."""
    return Check(name, ok=True, detail=detail)


def broken(name: str, detail: str, fix: str = "", *, blocking: bool = False) -> Check:
    """A check that failed; ``blocking`` makes the command exit non-zero."""
    return Check(name, ok=False, detail=detail, fix=fix, blocking=blocking)


def warning(name: str, detail: str, fix: str = "") -> Check:
    """A warning, or a check that does not apply here."""
    return Check(name, ok=None, detail=detail, fix=fix)


def failed(checks: list[Check]) -> bool:
    """True when a blocking check failed."""
    return any(check.ok is False and check.blocking for check in checks)


def check_settings(
    path: Path, environ: Mapping[str, str], system_path: Path | Sequence[Path] | None = None
) -> tuple[Check, Settings | None]:
    """Load and validate the settings (an administrator's file first); the line names the key."""
    from trayscore.settings.model import load_settings  # noqa: PLC0415

    try:
        settings = load_settings(path, environ, system_path)
    except ConfigError as error:
        fix = translate(
            "Doctor", "fix settings.toml at {path} (or the TRAYSCORE_* variable named)"
        ).format(path=path)
        return broken("settings", error.message, fix, blocking=True), None
    detail = translate("Doctor", "valid ({path}; cloud {cloud})").format(
        path=path, cloud=settings.cloud
    )
    files = ", ".join(settings.administered_by)  # refused ones are among the warnings
    admin = [translate("Doctor", "administrator's settings: {files}").format(files=files)]
    admin = admin if files else []
    if settings.warnings:
        fix = translate("Doctor", "edit {path}").format(path=path)
        return warning("settings", "; ".join([*settings.warnings, *admin]), fix), settings
    return passed("settings", "; ".join([detail, *admin])), settings


def check_keyring() -> Check:
    """The keyring backend the token store would use, and whether a probe entry round-trips."""
    from trayscore.auth.token_store import default_backend  # noqa: PLC0415

    name = "keyring"
    fix = translate(
        "Doctor",
        "install and unlock a Secret Service such as gnome-keyring or KWallet "
        "(or unlock the system keychain); until then sign-in lasts only until trayscore quits",
    )
    backend, reason = default_backend()
    if backend is None:
        detail = translate("Doctor", "unusable: {reason}").format(reason=reason)
        return broken(name, detail, fix, blocking=True)
    label = f"{type(backend).__module__}.{type(backend).__name__}"
    entry = f"probe-{secrets.token_hex(4)}"
    try:
        backend.set_password(PROBE_SERVICE, entry, "probe")
        backend.delete_password(PROBE_SERVICE, entry)
    except Exception as error:  # noqa: BLE001 - backends raise anything; never quote the text
        detail = translate("Doctor", "{backend} cannot store an entry ({error})").format(
            backend=label, error=type(error).__name__
        )
        return broken(name, detail, fix, blocking=True)
    return passed(
        name, translate("Doctor", "{backend}: write and delete work").format(backend=label)
    )


def check_notifications(
    address: str | None,
    prober: Callable[[str | None], object],
    platform_name: str = sys.platform,
) -> Check:
    """A notification service on the session bus, else a warning: the tray balloon is used.

    Windows and macOS have no session bus: the tray icon's own messages go to the system's
    notification centre, so the advice there is the system's setting, not a Linux daemon.
    """
    name = "notifications"
    if platform_name == "win32":
        detail = translate("Doctor", "shown by Windows through the tray icon")
        fix = translate(
            "Doctor",
            "if none appear, allow notifications for trayscore in Settings > System > "
            "Notifications and check Do not disturb (Focus assist)",
        )
        return warning(name, detail, fix)
    if platform_name == "darwin":
        detail = translate("Doctor", "shown by macOS through the menu bar icon")
        fix = translate("Doctor", "if none appear, allow them in System Settings > Notifications")
        return warning(name, detail, fix)
    fix = translate(
        "Doctor",
        "start a notification daemon (dunst, mako, your desktop's) for desktop notifications",
    )
    if address is None:
        detail = translate("Doctor", "no session bus: notifications use the tray balloon")
        return warning(name, detail, fix)
    probed = prober(address)
    if probed is None:
        detail = translate("Doctor", "no service: notifications use the tray balloon")
        return warning(name, detail, fix)
    connection = getattr(probed, "connection", None)
    if connection is not None:
        connection.close()
    return passed(name, translate("Doctor", "a notification service answers on the session bus"))


def check_tray(environ: Mapping[str, str], platform_name: str = sys.platform) -> Check:
    """Only what is known without Qt: on Linux, whether there is a graphical session."""
    from trayscore.app.launch import has_display  # noqa: PLC0415 - imports Qt modules, starts none

    if not platform_name.startswith("linux"):
        detail = translate("Doctor", "not checked on this OS without starting the app")
        return warning("system tray", detail)
    if has_display(environ, platform_name):
        detail = translate("Doctor", "a graphical session is set (DISPLAY/WAYLAND_DISPLAY)")
        return passed("system tray", detail)
    return broken(
        "system tray",
        translate("Doctor", "no graphical session (DISPLAY and WAYLAND_DISPLAY are not set)"),
        translate("Doctor", "run the tray inside a desktop session; `trayscore score` works here"),
    )


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


def authority_url(settings: Settings) -> str:
    """The sign-in authority's base: the override, else the cloud's login host."""
    return settings.authority or settings.cloud_info.authority_host


def check_account(settings: Settings, environ: Mapping[str, str], now: datetime) -> Check:
    """The signed-in account and its token expiry, never a token."""
    name = "account"
    if environ.get(TOKEN_VARIABLE, "").strip():
        detail = translate("Doctor", "{variable} is set: requests use it (not shown)")
        return passed(name, detail.format(variable=TOKEN_VARIABLE))
    if not settings.client_id or not (settings.tenant or settings.authority):
        fix = translate(
            "Doctor",
            "set tenant and client_id (docs/app-registration.md), then run `trayscore login`",
        )
        return warning(name, translate("Doctor", "no app registration configured"), fix)
    from trayscore.auth.service import AuthService, SignInConfig  # noqa: PLC0415
    from trayscore.auth.token_store import open_token_store, profile_for  # noqa: PLC0415

    config = SignInConfig.from_settings(settings)
    store, _warning = open_token_store(profile_for(config.authority, config.client_id))
    account = AuthService(config, store).account()
    if account is None:
        fix = translate("Doctor", "run `trayscore login`")
        return warning(name, translate("Doctor", "not signed in"), fix)
    minutes = account.minutes_left(now)
    if minutes is None:
        expiry = translate("Doctor", "no access token cached")
    elif minutes < 0:
        expiry = translate(
            "Doctor", "access token expired (refreshed silently on the next request)"
        )
    else:
        expiry = translate("Doctor", "access token expires in {minutes} min").format(
            minutes=minutes
        )
    detail = translate("Doctor", "signed in as {account} (tenant {tenant}); {expiry}")
    return passed(
        name, detail.format(account=account.username, tenant=account.tenant_id, expiry=expiry)
    )


def check_score(settings: Settings, environ: Mapping[str, str], now: datetime) -> Check:
    """One real read of the primary score, with a token only silent sign-in can give.

    A failure is the client's own message, with Defender's correlation id or Graph's request
    id when the service sent one: what an administrator quotes in a support ticket.
    """
    from trayscore.clients import base_url_for, build_source  # noqa: PLC0415
    from trayscore.core.catalog import source_named  # noqa: PLC0415
    from trayscore.sources.http import StaticToken, TokenSource, make_session  # noqa: PLC0415

    spec = source_named(settings.source)
    token = environ.get(TOKEN_VARIABLE, "").strip()
    tokens: TokenSource
    if token:
        tokens = StaticToken(token)
    else:
        skipped = translate("Doctor", "skipped: not signed in")
        if not settings.client_id or not (settings.tenant or settings.authority):
            return warning("score", skipped)
        from trayscore.auth.service import AuthService, SignInConfig  # noqa: PLC0415
        from trayscore.auth.token_store import open_token_store, profile_for  # noqa: PLC0415

        config = SignInConfig.from_settings(settings)
        store, _warning = open_token_store(profile_for(config.authority, config.client_id))
        service = AuthService(config, store)
        if service.account() is None:
            return warning("score", skipped)
        tokens = service.for_api(spec.api.value, destination=base_url_for(spec, settings))
    source = build_source(spec, base_url_for(spec, settings), tokens, make_session(), lambda: now)
    reading = source.fetch()
    shown = f"{reading.score:g} points" if not reading.banded else f"{reading.score:.1f}{spec.unit}"
    return passed("score", f"{spec.title} {shown}")


def check_retirement(settings: Settings, now: datetime) -> Check | None:
    """The Defender API's end (MC1220762), when the primary score is read from it.

    A line only within 30 days of the retirement day or after it; None otherwise.
    """
    from trayscore.core.catalog import ApiKind, source_named  # noqa: PLC0415
    from trayscore.core.retirement import days_left, is_retired, utc_day, warning_due  # noqa: PLC0415

    today = utc_day(now)
    if source_named(settings.source).api is not ApiKind.DEFENDER:
        return None
    fix = translate(
        "Doctor", 'set source = "secure-score" in the settings (or TRAYSCORE_SOURCE=secure-score)'
    )
    if is_retired(today):
        detail = translate(
            "Doctor",
            "the Defender API stopped on 1 February 2027; Microsoft Secure Score keeps working",
        )
        return broken("retirement", detail, fix)
    if warning_due(today):
        days = days_left(today)
        if days == 1:
            detail = translate(
                "Doctor",
                "the Defender API stops tomorrow, 1 February 2027; Microsoft Secure Score keeps "
                "working",
            )
        else:  # 2 to 30 days: always a plural
            detail = translate(
                "Doctor",
                "the Defender API stops on 1 February 2027, in {days} days; Microsoft Secure "
                "Score keeps working",
            ).format(days=days)
        return warning("retirement", detail, fix)
    return None


def check_token_hosts(settings: Settings) -> Check:
    """Whether the API tokens go only to Microsoft's hosts for the chosen cloud."""
    name, title = "token hosts", translate("Doctor", "token hosts")
    if not settings.foreign_token_hosts:
        detail = translate("Doctor", "tokens go only to Microsoft's hosts for cloud {cloud}")
        return Check(name, ok=True, detail=detail.format(cloud=settings.cloud), title=title)
    detail = translate("Doctor", "tokens go to {hosts}, not a Microsoft host of cloud {cloud}")
    fix = translate("Doctor", "remove api_url or graph_url unless you trust that host")
    hosts = ", ".join(f"{host} ({key})" for key, host in settings.foreign_token_hosts)
    return Check(
        name, ok=None, detail=detail.format(hosts=hosts, cloud=settings.cloud), fix=fix, title=title
    )


def check_history(store: HistoryStore) -> Check:
    """The history file: entry count, the last entry's time, and any problem found."""
    entries = store.entries()
    problems = store.take_problems()
    if entries:
        last = max(entry.last_confirmed for entry in entries)
        detail = translate(
            "Doctor", "%n entries, last at {time} ({path})", "", len(entries)
        ).format(time=last.isoformat(), path=store.path)
    else:
        detail = translate("Doctor", "no entries yet ({path})").format(path=store.path)
    if problems:
        fix = translate("Doctor", "see the message above")
        return warning("history", f"{detail}; {' '.join(problems)}", fix)
    return passed("history", detail)


def _version(package: str) -> str:
    if package == "PySide6":
        try:
            import PySide6  # noqa: PLC0415 - the package only: no Qt module, no GUI
        except ImportError:
            return "not installed"
        return str(PySide6.__version__)
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def check_versions() -> Check:
    """trayscore, Python and the libraries it relies on (read from metadata, no import)."""
    parts = [f"trayscore {_version('trayscore')}", f"Python {platform.python_version()}"]
    parts += [f"{name} {_version(name)}" for name in ("PySide6", "msal", "requests", "keyring")]
    return passed("versions", ", ".join(parts))


def _guarded(name: str, run: Callable[[], Check], *, blocking: bool = False) -> Check:
    """Run a check; an unexpected error is one failed line, never a traceback."""
    try:
        return run()
    except TrayscoreError as error:
        return broken(name, error.message, "", blocking=blocking)
    except Exception as error:  # noqa: BLE001 - doctor must report, not crash
        detail = translate("Doctor", "check failed ({error})").format(error=type(error).__name__)
        return broken(name, detail, "", blocking=blocking)


def _notification_check(environ: Mapping[str, str]) -> Check:
    if sys.platform in {"win32", "darwin"}:  # no session bus to look for
        return check_notifications(None, lambda _address: None)
    from trayscore.system.notification_service import probe  # noqa: PLC0415 - Qt-free
    from trayscore.system.session import session_bus_address  # noqa: PLC0415

    return check_notifications(session_bus_address(dict(environ)), probe)


def run_checks(
    settings_file: Path,
    history: Callable[[], HistoryStore],
    environ: Mapping[str, str],
    now: datetime,
    system_settings_file: Path | Sequence[Path] | None = None,
    *,
    translate_with: Translate | None = None,
) -> list[Check]:
    """Every check, in the order they are shown; ``translate_with`` words the human lines."""
    token = _TRANSLATE.set(translate_with) if translate_with is not None else None
    try:
        return _run_checks(settings_file, history, environ, now, system_settings_file)
    finally:
        if token is not None:
            _TRANSLATE.reset(token)


def _run_checks(
    settings_file: Path,
    history: Callable[[], HistoryStore],
    environ: Mapping[str, str],
    now: datetime,
    system_settings_file: Path | Sequence[Path] | None,
) -> list[Check]:
    checks: list[Check] = []
    settings: Settings | None = None

    def settings_check() -> Check:
        nonlocal settings
        check, settings = check_settings(settings_file, environ, system_settings_file)
        return check

    checks.append(_guarded("settings", settings_check, blocking=True))
    checks.append(_guarded("keyring", check_keyring, blocking=True))
    checks.append(_guarded("notifications", lambda: _notification_check(environ)))
    checks.append(_guarded("system tray", lambda: check_tray(environ)))
    if settings is None:
        skipped = translate("Doctor", "skipped: the settings are invalid")
        checks += [warning(name, skipped) for name in ("authority", "api", "account")]
    else:
        ready = settings
        checks.append(
            _guarded(
                "authority",
                lambda: check_host("authority", authority_url(ready), environ, blocking=False),
            )
        )
        api = _guarded(
            "api", lambda: check_host("api", ready.api_base, environ, blocking=True), blocking=True
        )
        checks.append(api)
        checks.append(_guarded("token hosts", lambda: check_token_hosts(ready)))
        checks.append(_guarded("account", lambda: check_account(ready, environ, now)))
        if api.ok is False:
            checks.append(warning("score", translate("Doctor", "skipped: the API is unreachable")))
        else:
            checks.append(_guarded("score", lambda: check_score(ready, environ, now)))
        retirement = check_retirement(ready, now)
        if retirement is not None:
            checks.append(retirement)
    checks.append(_guarded("history", lambda: check_history(history())))
    checks.append(_guarded("versions", check_versions))
    return checks


__all__ = ["Check", "failed", "run_checks"]
