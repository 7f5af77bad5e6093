"""Settings: one human-editable TOML file, environment overrides, validation on load.

A bad value never gets as far as a request: loading fails with one line that names the key, the
value found and what is allowed, so the user can fix the file without reading code.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from trayscore.clouds import (
    AUTO_REGION,
    CLOUDS,
    DEFAULT_CLOUD,
    Cloud,
    foreign_token_hosts,
    is_loopback_host,
)
from trayscore.errors import ConfigError
from trayscore.sources.catalog import DEFAULT_SOURCE, SOURCE_NAMES

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
    sign_in_method: str = "browser"  # the browser falls back to a device code when none opens
    icon_style: str = "colour"
    icon_number: bool = True
    language: str = "auto"
    notifications: NotificationSettings = NotificationSettings()
    warnings: tuple[str, ...] = field(default=(), compare=False)
    locked: frozenset[str] = field(default=frozenset(), compare=False)  # set by an administrator
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
}


class _Problems:
    """Where bad values go: raised at once (strict), or kept and the value skipped (lenient)."""

    def __init__(self, sink: list[str] | None) -> None:
        self._sink = sink

    def __call__(self, error: ConfigError) -> None:
        if self._sink is None:
            raise error
        self._sink.append(error.message)


def _read_file(path: Path, problem: _Problems) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:
        problem(ConfigError(f"settings file {path} is not valid TOML: {error}."))
    except (OSError, UnicodeDecodeError) as error:
        problem(ConfigError(f"settings file {path} cannot be read: {error}."))
    return {}


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


def load_settings(
    path: Path,
    environ: Mapping[str, str],
    system_path: Path | None = None,
    *,
    problems: list[str] | None = None,
    policy: tuple[str, Mapping[str, object]] | None = None,
) -> Settings:
    """Read, override from the environment, and validate.

    An administrator's file at ``system_path`` (e.g. /etc/xdg/trayscore/settings.toml), or on
    Windows a ``policy`` (its name and values, read from the registry), comes first; the keys
    it lists in ``locked`` cannot be changed by the user's file or environment.

    Strict by default: the first bad value raises :class:`ConfigError` (the CLI must not run
    on a guess). Given a ``problems`` list, a bad value is described there and left at its
    default instead, so the tray app can start and say what is wrong.
    """
    problem = _Problems(problems)
    if policy is None:
        from trayscore.windows_policy import read_policy  # noqa: PLC0415

        policy = read_policy()  # None except on Windows with the policy key set
    warnings: list[str] = []
    admin: list[tuple[object, Mapping[str, object]]] = []
    if system_path is not None:
        admin.append((system_path, _read_file(system_path, problem)))
    if policy is not None:
        admin.append(policy)
    values, locked = _administered(admin, warnings, problem)
    by = " and ".join(str(where) for where, _ in admin)
    for key, value in _validated(_read_file(path, problem), path, warnings, problem).items():
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
    settings = replace(
        Settings(),
        **values,  # type: ignore[arg-type]
        warnings=tuple(warnings),
        locked=locked,
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
