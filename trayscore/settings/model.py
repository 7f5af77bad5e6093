"""Settings: one human-editable TOML file, environment overrides, validation on load.

A bad value never gets as far as a request: loading fails with one line that names the key, the
value found and what is allowed, so the user can fix the file without reading code.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO, Final
from urllib.parse import urlsplit

from trayscore.core.catalog import DEFAULT_SOURCE, SECURE_SCORE, SOURCE_NAMES
from trayscore.core.clouds import (
    AUTO_REGION,
    CLOUDS,
    DEFAULT_CLOUD,
    Cloud,
    foreign_token_hosts,
    is_loopback_host,
)
from trayscore.core.errors import ConfigError
from trayscore.core.retirement import is_retired
from trayscore.settings.registry import Policy, read_policy
from trayscore.system.private_files import admin_file_problem, read_capped

Validator = Callable[[object, str], object]

GUID_RE: Final = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_DOMAIN_RE: Final = re.compile(
    r"^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
REFRESH_MINUTES_RANGE: Final = (1, 1440)
DEFAULT_REFRESH_MINUTES: Final = 15
RISE_POINTS_RANGE: Final = (1, 100)
OUTAGE_MINUTES_RANGE: Final = (5, 1440)
SIGN_IN_METHODS: Final = ("browser", "device_code", "broker")
ICON_STYLES: Final = ("colour", "monochrome")
LANGUAGES: Final = ("auto", "en", "fr")  # auto: the system's language when shipped, else English
SETTINGS_MAX_BYTES: Final = 1024 * 1024  # a real settings file is well under a kilobyte
SETTINGS_MAX_DEPTH: Final = 8  # a table of values is depth 2; deeper is no file of ours
# Who must own an administrator's file: root (Windows has no such owner; its files and the
# HKLM policy are protected by the system's ACLs instead).
ADMIN_OWNER: Final = None if sys.platform == "win32" else 0
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)  # a planted FIFO must not hang the open
_OPEN_FLAGS: Final = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | _NONBLOCK


@dataclass(frozen=True)
class NotificationSettings:
    """The ``[notifications]`` table: which kinds are told, and their thresholds."""

    band_change: bool = True
    score_rise: bool = True
    sign_in: bool = True
    outage: bool = True
    recovery: bool = True
    rise_points: int = 5
    outage_minutes: int = 60


@dataclass(frozen=True)
class Settings:
    """Validated settings; construct through :func:`load_settings`."""

    tenant: str | None = None
    client_id: str | None = None
    cloud: str = DEFAULT_CLOUD
    region: str = AUTO_REGION
    refresh_minutes: int = DEFAULT_REFRESH_MINUTES
    api_url: str | None = None
    graph_url: str | None = None  # the Microsoft Graph base including /v1.0
    source: str = DEFAULT_SOURCE  # the primary source the icon shows (sources/catalog.py)
    authority: str | None = None
    # The Defender API's token audience; Microsoft documents none for GCC High and DoD.
    defender_resource: str | None = None
    sign_in_method: str = "browser"  # the browser falls back to a device code when none opens
    icon_style: str = "colour"
    icon_number: bool = True
    language: str = "auto"
    notifications: NotificationSettings = NotificationSettings()
    warnings: tuple[str, ...] = field(default=(), compare=False)
    locked: frozenset[str] = field(default=frozenset(), compare=False)  # set by an administrator
    administered_by: tuple[str, ...] = field(default=(), compare=False)  # files/policy in force
    from_environment: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def cloud_info(self) -> Cloud:
        """The cloud table entry these settings chose."""
        return CLOUDS[self.cloud]

    @property
    def use_broker(self) -> bool:
        """Sign in through the operating system's broker (WAM, macOS) where there is one."""
        return self.sign_in_method == "broker"

    @property
    def defender_scope(self) -> str:
        """The delegated Score.Read scope: on ``defender_resource`` when set, else the cloud's."""
        if self.defender_resource is None:
            return self.cloud_info.score_scope
        return f"{self.defender_resource}/Score.Read"

    @property
    def api_base(self) -> str:
        """The API base URL: the override if given, else the cloud's host for the region."""
        return self.api_url or self.cloud_info.api_base_for(self.region)

    @property
    def graph_base(self) -> str:
        """The Microsoft Graph base URL (with /v1.0): the override if given, else the cloud's."""
        return self.graph_url or self.cloud_info.graph_base

    @property
    def foreign_token_hosts(self) -> tuple[tuple[str, str], ...]:
        """(setting, host) for each of api_url, graph_url not Microsoft's for the cloud.

        The tray, the CLI and doctor warn that tokens go there.
        """
        return foreign_token_hosts(
            self.cloud_info, (("api_url", self.api_url), ("graph_url", self.graph_url))
        )


def _describe(value: object) -> str:
    """A value as the user wrote it in TOML (true, "text", 5), cut short when long."""
    text = json.dumps(value) if isinstance(value, str | bool | int | float) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _bad(where: str, value: object, allowed: str) -> ConfigError:
    return ConfigError(f"{where} is {_describe(value)}; allowed: {allowed}.")


def _tenant(value: object, where: str) -> str:
    allowed = "a tenant GUID, a domain such as contoso.onmicrosoft.com, or 'organizations'"
    if isinstance(value, str):
        text = value.strip()
        if GUID_RE.match(text) or _DOMAIN_RE.match(text) or text == "organizations":
            return text.lower()
    raise _bad(where, value, allowed)


def _client_id(value: object, where: str) -> str:
    if isinstance(value, str) and GUID_RE.match(value.strip()):
        return value.strip().lower()
    raise _bad(where, value, "the application (client) ID of an app registration, a GUID")


def _cloud(value: object, where: str) -> str:
    if isinstance(value, str) and value.strip().lower() in CLOUDS:
        return value.strip().lower()
    raise _bad(where, value, ", ".join(CLOUDS))


def _region(value: object, where: str) -> str:
    names = sorted({name for cloud in CLOUDS.values() for name in cloud.region_names})
    if isinstance(value, str) and value.strip().lower() in names:
        return value.strip().lower()
    raise _bad(where, value, ", ".join(names))


def _choice(choices: tuple[str, ...]) -> Validator:
    def check(value: object, where: str) -> str:
        if isinstance(value, str) and value.strip().lower().replace("-", "_") in choices:
            return value.strip().lower().replace("-", "_")
        raise _bad(where, value, ", ".join(choices))

    return check


def _source(value: object, where: str) -> str:
    """A catalogue source name (kept exactly: it names the history's series)."""
    if isinstance(value, str) and value.strip().lower() in SOURCE_NAMES:
        return value.strip().lower()
    raise _bad(where, value, ", ".join(SOURCE_NAMES))


def _whole_number(value: object, where: str, bounds: tuple[int, int], unit: str) -> int:
    low, high = bounds
    number: object = value
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if isinstance(number, int) and not isinstance(number, bool) and low <= number <= high:
        return number
    raise _bad(where, value, f"a whole number of {unit} from {low} to {high}")


def _refresh_minutes(value: object, where: str) -> int:
    return _whole_number(value, where, REFRESH_MINUTES_RANGE, "minutes")


def _notifications(value: object, where: str) -> NotificationSettings:
    """The table's keys, each checked like a top-level key; unknown keys are errors here."""
    if not isinstance(value, dict):
        raise _bad(where, value, "a table such as [notifications] with band_change = true")
    checks: dict[str, Callable[[object, str], object]] = {
        "band_change": _flag,
        "score_rise": _flag,
        "sign_in": _flag,
        "outage": _flag,
        "recovery": _flag,
        "rise_points": lambda v, w: _whole_number(v, w, RISE_POINTS_RANGE, "points"),
        "outage_minutes": lambda v, w: _whole_number(v, w, OUTAGE_MINUTES_RANGE, "minutes"),
    }
    values: dict[str, object] = {}
    for key, item in value.items():
        check = checks.get(key)
        inner = where.replace("'notifications'", f"'notifications.{key}'")
        if check is None:
            raise ConfigError(f"{inner} is not a known key; allowed: {', '.join(checks)}.")
        values[key] = check(item, inner)
    return replace(NotificationSettings(), **values)  # type: ignore[arg-type]


def checked_base_url(value: object, where: str) -> str:
    """A base URL that is https, or plain http to a loopback host (the simulator, tests)."""
    allowed = "an https:// URL (plain http only to 127.0.0.1 or localhost)"
    if not isinstance(value, str) or not value.strip():
        raise _bad(where, value, allowed)
    text = value.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise _bad(where, value, allowed) from None
    host = parts.hostname or ""
    if parts.scheme not in {"http", "https"} or not host:
        raise _bad(where, value, allowed)
    if parts.scheme == "http" and not is_loopback_host(host):
        raise ConfigError(
            f"{where} is {_describe(value)}: https is required "
            "(plain http is allowed only to 127.0.0.1 or localhost)."
        )
    if parts.username is not None or parts.password is not None:
        raise ConfigError(f"{where} must not contain a user name or password.")
    if parts.query or parts.fragment:
        raise _bad(where, value, "a base URL without a query or fragment")
    del port  # parsed only to reject an invalid port early
    return text.rstrip("/")


def _authority(value: object, where: str) -> str:
    url = checked_base_url(value, where)
    if not url.startswith("https://"):
        raise ConfigError(f"{where} is {_describe(value)}: sign-in authorities must use https.")
    return url


def _resource(value: object, where: str) -> str:
    """A token audience: an https URL without a path, the way Entra names an API."""
    url = checked_base_url(value, where)
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.path not in {"", "/"}:
        raise _bad(where, value, "an https:// resource URL without a path")
    return url


def _flag(value: object, where: str) -> bool:
    if isinstance(value, bool):
        return value
    raise _bad(where, value, "true or false")


_FILE_KEYS: Final[Mapping[str, Validator]] = {
    "tenant": _tenant,
    "client_id": _client_id,
    "cloud": _cloud,
    "region": _region,
    "refresh_minutes": _refresh_minutes,
    "api_url": checked_base_url,
    "graph_url": checked_base_url,
    "source": _source,
    "authority": _authority,
    "defender_resource": _resource,
    "sign_in_method": _choice(SIGN_IN_METHODS),
    "use_broker": _flag,  # before sign_in_method existed; true means "broker"
    "icon_style": _choice(ICON_STYLES),
    "icon_number": _flag,
    "language": _choice(LANGUAGES),
    "notifications": _notifications,
}

ENV_OVERRIDES: Final[Mapping[str, str]] = {
    "TRAYSCORE_TENANT": "tenant",
    "TRAYSCORE_CLIENT_ID": "client_id",
    "TRAYSCORE_CLOUD": "cloud",
    "TRAYSCORE_REGION": "region",
    "TRAYSCORE_API_URL": "api_url",
    "TRAYSCORE_GRAPH_URL": "graph_url",
    "TRAYSCORE_SOURCE": "source",
    "TRAYSCORE_AUTHORITY": "authority",
    "TRAYSCORE_DEFENDER_RESOURCE": "defender_resource",
}


class _Problems:
    """Where bad values go: raised at once (strict), or kept and the value skipped (lenient)."""

    def __init__(self, sink: list[str] | None) -> None:
        self._sink = sink

    def __call__(self, error: ConfigError) -> None:
        if self._sink is None:
            raise error
        self._sink.append(error.message)


def _too_deep(document: object) -> bool:
    """True when values nest deeper than any settings file needs (checked without recursion)."""
    stack: list[tuple[object, int]] = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > SETTINGS_MAX_DEPTH:
            return True
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return False


def _parse_file(path: Path, data: bytes, problem: _Problems) -> dict[str, object]:
    """The TOML document in ``data``; a hostile file (deep, huge, not UTF-8) is a settings problem.

    Nesting is refused here, so no validator ever recurses through a hostile value.
    """
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        problem(ConfigError(f"settings file {path} is not valid TOML: {error}."))
    except UnicodeDecodeError as error:
        problem(ConfigError(f"settings file {path} cannot be read: {error}."))
    except RecursionError:
        problem(ConfigError(f"settings file {path} is nested too deeply to be settings."))
    except MemoryError:
        problem(ConfigError(f"settings file {path} is too large to read."))
    else:
        if not _too_deep(document):
            return document
        problem(ConfigError(f"settings file {path} is nested too deeply to be settings."))
    return {}


def _untrusted(path: Path, info: os.stat_result, owner: int | None) -> str | None:
    """Why an administrator's file must be ignored (see ``admin_file_problem``), or None."""
    if owner is None:
        return None
    try:
        why = admin_file_problem(info, path.parent.stat(), owner)
    except OSError as error:
        why = f"its folder cannot be checked ({error.strerror or error})"
    if why is None:
        return None
    return (
        f"administrator's settings file {path} ignored: {why}. An administrator's file must "
        "belong to root, and only root may change it and its folder."
    )


def _contents(fd: int, handle: BinaryIO) -> tuple[bytes | None, str]:
    """The bytes of an open settings file, or None and what is wrong (after "settings file X")."""
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        return None, "is not a regular file"
    try:
        # Undo the open's non-blocking mode. Windows opens blocking (it has no O_NONBLOCK), and
        # its set_blocking (Python 3.12+) works on pipes only: on a file, "Invalid function".
        if _NONBLOCK:
            os.set_blocking(fd, True)
        data = read_capped(handle, SETTINGS_MAX_BYTES)
    except OSError as error:
        return None, f"cannot be read: {error.strerror or error}"
    if data is None:
        return None, f"is larger than {SETTINGS_MAX_BYTES // (1024 * 1024)} MiB; not read"
    return data, ""


def _read_file(
    path: Path,
    problem: _Problems,
    *,
    admin_owner: int | None = None,
    refused: list[str] | None = None,
) -> dict[str, object] | None:
    """The file's values; None when there is no file (or an administrator's file is refused).

    At most ``SETTINGS_MAX_BYTES`` are read. With ``refused`` given, the file is an
    administrator's: it counts only when :func:`admin_file_problem` finds nothing wrong
    (owner ``admin_owner``; None checks nobody, as on Windows), else why goes to ``refused``.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as error:
        problem(ConfigError(f"settings file {path} cannot be read: {error.strerror or error}."))
        return {}
    with os.fdopen(fd, "rb") as handle:
        why = _untrusted(path, os.fstat(fd), admin_owner) if refused is not None else None
        if why is not None and refused is not None:
            refused.append(why)
            return None
        data, wrong = _contents(fd, handle)
    if data is None:
        problem(ConfigError(f"settings file {path} {wrong}."))
        return {}
    return _parse_file(path, data, problem)


def _locked_keys(value: object, where: str) -> frozenset[str]:
    if isinstance(value, list) and all(isinstance(key, str) and key in _FILE_KEYS for key in value):
        return frozenset(value)
    raise _bad(where, value, 'a list of setting names, e.g. ["tenant", "client_id"]')


def _validated(
    raw: Mapping[str, object], path: object, warnings: list[str], problem: _Problems
) -> dict[str, object]:
    values: dict[str, object] = {}
    for key, value in raw.items():
        validator = _FILE_KEYS.get(key)
        if validator is None:
            known = ", ".join(_FILE_KEYS)
            warnings.append(f"{path}: unknown setting {key!r} ignored (known: {known}).")
            continue
        try:
            values[key] = validator(value, f"setting {key!r} in {path}")
        except ConfigError as error:
            problem(error)
    if values.pop("use_broker", False) and "sign_in_method" not in values:
        values["sign_in_method"] = "broker"
    return values


def _administered(
    admin: list[tuple[object, Mapping[str, object]]], warnings: list[str], problem: _Problems
) -> tuple[dict[str, object], frozenset[str]]:
    """The administrator's values (file, then policy) and the keys they lock."""
    values: dict[str, object] = {}
    locked: frozenset[str] = frozenset()
    for where, raw in admin:
        system = dict(raw)
        if "locked" in system:
            try:
                locked |= _locked_keys(system.pop("locked"), f"setting 'locked' in {where}")
            except ConfigError as error:
                problem(error)
        values.update(_validated(system, where, warnings, problem))
    return values, locked


def _policy_source(
    policy: tuple[str, Mapping[str, object]] | Policy, warnings: list[str]
) -> tuple[str, Mapping[str, object]]:
    """The policy as an administrator's source; its own warnings join the settings' ones."""
    if isinstance(policy, Policy):
        warnings.extend(policy.warnings)  # e.g. an unknown value name: said, not dropped
        return policy.where, policy.values
    return policy


def load_settings(
    path: Path,
    environ: Mapping[str, str],
    system_path: Path | Sequence[Path] | None = None,
    *,
    problems: list[str] | None = None,
    policy: tuple[str, Mapping[str, object]] | Policy | None = None,
    admin_owner: int | None = ADMIN_OWNER,
    today: date | None = None,
) -> Settings:
    """Read, override from the environment, and validate.

    The administrator's files at ``system_path`` (the most important first, e.g. every
    ``XDG_CONFIG_DIRS`` entry's trayscore/settings.toml), then on Windows a ``policy`` (its
    name and values, read from the registry), come first; a more important file's value wins,
    and every key any of them lists in ``locked`` cannot be changed by the user's file or
    environment. An administrator's file counts only when ``admin_owner`` (root) owns it and
    its folder and nobody else can write to them; any other is ignored with a warning, since
    an ordinary user could have put it there. ``Settings.administered_by`` names those in force.

    A source set nowhere defaults to the exposure score until the Defender API's retirement
    day (UTC ``today``), and to Microsoft Secure Score from then on.

    Strict by default: the first bad value raises :class:`ConfigError` (the CLI must not run
    on a guess). Given a ``problems`` list, a bad value is described there and left at its
    default instead, so the tray app can start and say what is wrong.
    """
    problem = _Problems(problems)
    if policy is None:
        policy = read_policy()  # None except on Windows with the policy key set
    warnings: list[str] = []
    admin: list[tuple[object, Mapping[str, object]]] = []
    system_paths = [system_path] if isinstance(system_path, Path) else list(system_path or ())
    for admin_path in reversed(system_paths):  # the least important first: later ones override
        raw = _read_file(admin_path, problem, admin_owner=admin_owner, refused=warnings)
        if raw is not None:
            admin.append((admin_path, raw))
    if policy is not None:
        admin.append(_policy_source(policy, warnings))
    values, locked = _administered(admin, warnings, problem)
    administered_by = tuple(str(where) for where, _ in reversed(admin))
    by = " and ".join(administered_by)
    user_values = _read_file(path, problem) or {}
    for key, value in _validated(user_values, path, warnings, problem).items():
        if key in locked:
            warnings.append(
                f"{path}: {key!r} is set by your administrator in {by}; your value is ignored."
            )
            continue
        values[key] = value
    from_environment: set[str] = set()
    for variable, key in ENV_OVERRIDES.items():
        if environ.get(variable):
            if key in locked:
                warnings.append(
                    f"{variable} is ignored: {key!r} is set by your administrator in {by}."
                )
                continue
            try:
                values[key] = _FILE_KEYS[key](environ[variable], variable)
                from_environment.add(key)
            except ConfigError as error:
                problem(error)
    if "source" not in values and is_retired(today or datetime.now(UTC).date()):
        values["source"] = (
            SECURE_SCORE.name
        )  # the Defender API is gone (trayscore/core/retirement.py)
    settings = replace(
        Settings(),
        **values,  # type: ignore[arg-type]
        warnings=tuple(warnings),
        locked=locked,
        administered_by=administered_by,
        from_environment=frozenset(from_environment),
    )
    if settings.region not in settings.cloud_info.region_names:
        allowed = ", ".join(settings.cloud_info.region_names)
        problem(
            ConfigError(
                f"setting 'region' is {settings.region!r}, which cloud {settings.cloud!r} does "
                f"not have; allowed: {allowed}."
            )
        )
        settings = replace(settings, region=AUTO_REGION)
    return settings
