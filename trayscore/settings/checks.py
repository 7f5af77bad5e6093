"""The checks a settings value goes through, knowing nothing of which key uses them.

Each check takes the value as found (TOML, an environment variable, a registry value) and
``where`` it was found, and returns the value normalised or raises :class:`ConfigError` with one
line naming where, the value and what is allowed. :mod:`trayscore.settings.schema` says which
key gets which check; the kinds (:class:`Choice`, :class:`WholeNumber`, :func:`flag`) carry
their allowed values so the Group Policy template offers exactly what the check accepts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from trayscore.core.catalog import SOURCE_NAMES
from trayscore.core.clouds import CLOUDS, is_loopback_host
from trayscore.core.errors import ConfigError

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
REGION_NAMES: Final = tuple(
    sorted({name for cloud in CLOUDS.values() for name in cloud.region_names})
)


def describe(value: object) -> str:
    """A value as the user wrote it in TOML (true, "text", 5), cut short when long."""
    text = json.dumps(value) if isinstance(value, str | bool | int | float) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def bad(where: str, value: object, allowed: str) -> ConfigError:
    """The one-line error every check raises: where, the value found, what is allowed."""
    return ConfigError(f"{where} is {describe(value)}; allowed: {allowed}.")


def tenant(value: object, where: str) -> str:
    """A tenant GUID, a domain, or 'organizations'; lower-cased."""
    allowed = "a tenant GUID, a domain such as contoso.onmicrosoft.com, or 'organizations'"
    if isinstance(value, str):
        text = value.strip()
        if GUID_RE.match(text) or _DOMAIN_RE.match(text) or text == "organizations":
            return text.lower()
    raise bad(where, value, allowed)


def client_id(value: object, where: str) -> str:
    """An app registration's application (client) ID, a GUID; lower-cased."""
    if isinstance(value, str) and GUID_RE.match(value.strip()):
        return value.strip().lower()
    raise bad(where, value, "the application (client) ID of an app registration, a GUID")


@dataclass(frozen=True)
class Choice:
    """One of ``options``, any case; with ``fold_hyphens``, "device-code" means "device_code".

    Names that contain hyphens themselves (clouds, sources) are kept exactly: a source names
    the history's series.
    """

    options: tuple[str, ...]
    fold_hyphens: bool = False

    def __call__(self, value: object, where: str) -> str:
        """The option ``value`` names, normalised."""
        if isinstance(value, str):
            text = value.strip().lower()
            if self.fold_hyphens:
                text = text.replace("-", "_")
            if text in self.options:
                return text
        raise bad(where, value, ", ".join(self.options))


CLOUD: Final = Choice(tuple(CLOUDS))
REGION: Final = Choice(REGION_NAMES)
SOURCE: Final = Choice(tuple(SOURCE_NAMES))


@dataclass(frozen=True)
class WholeNumber:
    """A whole number of ``unit`` within ``bounds`` (a TOML integer, or digits as text)."""

    bounds: tuple[int, int]
    unit: str

    def __call__(self, value: object, where: str) -> int:
        """The number, when it is whole and within the bounds."""
        low, high = self.bounds
        number: object = value
        if isinstance(value, str) and value.strip().isdigit():
            number = int(value.strip())
        if isinstance(number, int) and not isinstance(number, bool) and low <= number <= high:
            return number
        raise bad(where, value, f"a whole number of {self.unit} from {low} to {high}")


def flag(value: object, where: str) -> bool:
    """True or false (TOML booleans only)."""
    if isinstance(value, bool):
        return value
    raise bad(where, value, "true or false")


def checked_base_url(value: object, where: str) -> str:
    """A base URL that is https, or plain http to a loopback host (the simulator, tests)."""
    allowed = "an https:// URL (plain http only to 127.0.0.1 or localhost)"
    if not isinstance(value, str) or not value.strip():
        raise bad(where, value, allowed)
    text = value.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise bad(where, value, allowed) from None
    host = parts.hostname or ""
    if parts.scheme not in {"http", "https"} or not host:
        raise bad(where, value, allowed)
    if parts.scheme == "http" and not is_loopback_host(host):
        raise ConfigError(
            f"{where} is {describe(value)}: https is required "
            "(plain http is allowed only to 127.0.0.1 or localhost)."
        )
    if parts.username is not None or parts.password is not None:
        raise ConfigError(f"{where} must not contain a user name or password.")
    if parts.query or parts.fragment:
        raise bad(where, value, "a base URL without a query or fragment")
    del port  # parsed only to reject an invalid port early
    return text.rstrip("/")


def authority(value: object, where: str) -> str:
    """A sign-in authority: a base URL, and https even to a loopback host."""
    url = checked_base_url(value, where)
    if not url.startswith("https://"):
        raise ConfigError(f"{where} is {describe(value)}: sign-in authorities must use https.")
    return url


def resource(value: object, where: str) -> str:
    """A token audience: an https URL without a path, the way Entra names an API."""
    url = checked_base_url(value, where)
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.path not in {"", "/"}:
        raise bad(where, value, "an https:// resource URL without a path")
    return url
