"""``trayscore doctor``: what works here and what does not, one line per check, with a fix.

No Qt is started: the checks only read settings, files and variables, and talk to the keyring,
the session bus and the network. Each check is a small function returning a :class:`Check`;
``ok`` is True (works), False (broken) or None (a warning, or not applicable here).
"""

from __future__ import annotations

import platform
import secrets
import socket
import ssl
import sys
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from trayscore.errors import ConfigError, TrayscoreError

if TYPE_CHECKING:
    from trayscore.config import Settings
    from trayscore.history import HistoryStore

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
    path: Path, environ: Mapping[str, str], system_path: Path | None = None
) -> tuple[Check, Settings | None]:
    """Load and validate the settings (an administrator's file first); the line names the key."""
    from trayscore.config import load_settings  # noqa: PLC0415

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
    if settings.warnings:
        fix = translate("Doctor", "edit {path}").format(path=path)
        return warning("settings", "; ".join(settings.warnings), fix), settings
    return passed("settings", detail), settings


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


def check_notifications(address: str | None, prober: Callable[[str | None], object]) -> Check:
    """A notification service on the session bus, else a warning: the tray balloon is used."""
    name = "notifications"
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
    from trayscore.app import has_display  # noqa: PLC0415 - imports Qt modules, starts none

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


def _proxy(environ: Mapping[str, str]) -> str | None:
    return environ.get("HTTPS_PROXY") or environ.get("https_proxy") or None


def check_host(
    name: str,
    url: str,
    environ: Mapping[str, str],
    *,
    blocking: bool,
    timeout: float = TIMEOUT_SECONDS,
) -> Check:
    """DNS and TLS (or, for plain-http loopback, TCP) reachability of ``url``'s host."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    where = f"{host}:{port}"
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
    proxy = _proxy(environ)
    if proxy:
        return _check_via_proxy(name, url, proxy, environ, blocking=blocking, timeout=timeout)
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
    name: str, url: str, proxy: str, environ: Mapping[str, str], *, blocking: bool, timeout: float
) -> Check:
    import requests  # noqa: PLC0415

    shown = urlsplit(proxy)
    proxy_name = f"{shown.hostname}:{shown.port}" if shown.port else str(shown.hostname)
    try:
        requests.head(
            url,
            proxies={"https": proxy, "http": proxy},
            verify=_ca_file(environ) or True,
            timeout=timeout,
        )
    except requests.exceptions.SSLError:
        detail = translate(
            "Doctor", "TLS to {url} through the proxy {proxy} failed certificate checks"
        ).format(url=url, proxy=proxy_name)
        return broken(name, detail, tls_fix(), blocking=blocking)
    except requests.RequestException as error:
        detail = translate(
            "Doctor", "{url} unreachable through the proxy {proxy} ({error})"
        ).format(url=url, proxy=proxy_name, error=type(error).__name__)
        return broken(name, detail, network_fix(), blocking=blocking)
    detail = translate("Doctor", "{url} answers through the proxy {proxy} (HTTPS_PROXY)")
    return passed(name, detail.format(url=url, proxy=proxy_name))


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
    from trayscore.tray_app import session_bus_address  # noqa: PLC0415 - Qt imported, not run
    from trayscore.ui.notify import probe  # noqa: PLC0415

    return check_notifications(session_bus_address(dict(environ)), probe)


def run_checks(
    settings_file: Path,
    history: Callable[[], HistoryStore],
    environ: Mapping[str, str],
    now: datetime,
    system_settings_file: Path | None = None,
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
    system_settings_file: Path | None,
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
        checks.append(
            _guarded(
                "api",
                lambda: check_host("api", ready.api_base, environ, blocking=True),
                blocking=True,
            )
        )
        checks.append(_guarded("account", lambda: check_account(ready, environ, now)))
    checks.append(_guarded("history", lambda: check_history(history())))
    checks.append(_guarded("versions", check_versions))
    return checks


__all__ = ["Check", "failed", "run_checks"]
