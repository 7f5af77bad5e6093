"""Every settings key, once: one row says everything the app knows about it.

A row names the key, the type of its value, its default and the check its value goes through
(:mod:`trayscore.settings.checks`), the environment variable that overrides it for one session,
the value name an administrator sets in the Windows policy key, where the settings dialog's
writer puts it in the file, and whether an administrator may lock it. The rest is derived from
these rows: the :class:`~trayscore.settings.model.Settings` fields' defaults, the keys a file may
hold (:data:`FILE_KEYS`), the environment overrides (:data:`ENV_OVERRIDES`), the written file's
order (:data:`WRITTEN_KEYS`), the policy's value names (:mod:`trayscore.settings.registry`) and
the Group Policy template (packaging/admx.py). Adding a key is adding a row (and, because mypy
needs the names written out, a typed field on ``Settings``; an import-time check keeps them equal).
This is NormCap's idea: one table of settings drives their defaults and every way to set them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from enum import Enum
from typing import Any, Final

from trayscore.core.catalog import DEFAULT_SOURCE
from trayscore.core.clouds import AUTO_REGION, DEFAULT_CLOUD
from trayscore.core.errors import ConfigError
from trayscore.settings import checks
from trayscore.settings.checks import (
    ICON_STYLES,
    LANGUAGES,
    OUTAGE_MINUTES_RANGE,
    REFRESH_MINUTES_RANGE,
    RISE_POINTS_RANGE,
    SIGN_IN_METHODS,
    Choice,
    Validator,
    WholeNumber,
)
from trayscore.settings.tenants import TenantEntry, check_tenants

LOCKED: Final = "locked"  # an administrator's list of keys users cannot change


class Role(Enum):
    """What a key is: a setting, an older spelling of one, or an administrator's instruction."""

    SETTING = "a Settings attribute"
    ALIAS = "read from files and the policy, then folded into the setting it stands for"
    ADMIN = "read from an administrator's file and the policy only; never a value"


class Written(Enum):
    """Where the settings dialog's writer puts a key in the file (always only when set)."""

    MAIN = "among the main keys, in the schema's order"
    OVERRIDE = "after the main keys: the URLs and audiences that override the cloud's"
    TABLE = "as a [table] after all the keys"
    TABLES = "as [[key]] tables, one per item, after every [table]"
    NEVER = "not written: the dialog never writes it"


@dataclass(frozen=True)
class Key:
    """One settings key: its value, its check and every way it can be set."""

    name: str
    type: object  # the value's type, as the Settings attribute declares it
    default: object
    check: Validator
    env: str | None = None  # the environment variable that overrides it for one session
    registry: str | None = None  # its value name (a subkey, for a table or list) in the policy key
    # Its place among the policy's values, as first published (the warnings' and template's
    # order); rows without one keep the schema's order.
    policy_order: int = 0
    written: Written = Written.MAIN
    lockable: bool = True
    role: Role = Role.SETTING
    means: tuple[str, object] | None = None  # an alias: when true, (key, value) unless set

    @property
    def unset_when_blank(self) -> bool:
        """A key whose default is "not set": a blank value in the dialog means None."""
        return self.default is None


NOTIFICATION_KEYS: Final[tuple[Key, ...]] = (
    Key("band_change", bool, default=True, check=checks.flag, registry="BandChange"),
    Key("score_rise", bool, default=True, check=checks.flag, registry="ScoreRise"),
    Key("sign_in", bool, default=True, check=checks.flag, registry="SignIn"),
    Key("outage", bool, default=True, check=checks.flag, registry="Outage"),
    Key("recovery", bool, default=True, check=checks.flag, registry="Recovery"),
    Key(
        "rise_points",
        int,
        default=5,
        check=WholeNumber(RISE_POINTS_RANGE, "points"),
        registry="RisePoints",
    ),
    Key(
        "outage_minutes",
        int,
        default=60,
        check=WholeNumber(OUTAGE_MINUTES_RANGE, "minutes"),
        registry="OutageMinutes",
    ),
)
NOTIFICATION_DEFAULTS: Final[Mapping[str, Any]] = {
    key.name: key.default for key in NOTIFICATION_KEYS
}


@dataclass(frozen=True)
class NotificationSettings:
    """The ``[notifications]`` table: which kinds are told, and their thresholds.

    The fields are :data:`NOTIFICATION_KEYS`' rows, typed for mypy; defaults come from the rows.
    """

    band_change: bool = NOTIFICATION_DEFAULTS["band_change"]
    score_rise: bool = NOTIFICATION_DEFAULTS["score_rise"]
    sign_in: bool = NOTIFICATION_DEFAULTS["sign_in"]
    outage: bool = NOTIFICATION_DEFAULTS["outage"]
    recovery: bool = NOTIFICATION_DEFAULTS["recovery"]
    rise_points: int = NOTIFICATION_DEFAULTS["rise_points"]
    outage_minutes: int = NOTIFICATION_DEFAULTS["outage_minutes"]


def _notifications(value: object, where: str) -> NotificationSettings:
    """The table's keys, each checked like a top-level key; unknown keys are errors here."""
    if not isinstance(value, dict):
        raise checks.bad(where, value, "a table such as [notifications] with band_change = true")
    by_name = {key.name: key.check for key in NOTIFICATION_KEYS}
    values: dict[str, object] = {}
    for name, item in value.items():
        check = by_name.get(name)
        inner = where.replace("'notifications'", f"'notifications.{name}'")
        if check is None:
            raise ConfigError(f"{inner} is not a known key; allowed: {', '.join(by_name)}.")
        values[name] = check(item, inner)
    return replace(NotificationSettings(), **values)  # type: ignore[arg-type]


def locked_keys(value: object, where: str) -> frozenset[str]:
    """An administrator's ``locked`` list: names of keys users cannot change."""
    if isinstance(value, list) and all(isinstance(key, str) and key in LOCKABLE for key in value):
        return frozenset(value)
    raise checks.bad(where, value, 'a list of setting names, e.g. ["tenant", "client_id"]')


KEYS: Final[tuple[Key, ...]] = (
    Key(
        "tenant",
        str | None,
        default=None,
        check=checks.tenant,
        env="TRAYSCORE_TENANT",
        registry="Tenant",
        policy_order=1,
    ),
    Key(
        "client_id",
        str | None,
        default=None,
        check=checks.client_id,
        env="TRAYSCORE_CLIENT_ID",
        registry="ClientId",
        policy_order=2,
    ),
    Key(
        "cloud",
        str,
        default=DEFAULT_CLOUD,
        check=checks.CLOUD,
        env="TRAYSCORE_CLOUD",
        registry="Cloud",
        policy_order=3,
    ),
    Key(
        "region",
        str,
        default=AUTO_REGION,
        check=checks.REGION,
        env="TRAYSCORE_REGION",
        registry="Region",
        policy_order=4,
    ),
    Key(
        "refresh_minutes",
        int,
        default=checks.DEFAULT_REFRESH_MINUTES,
        check=WholeNumber(REFRESH_MINUTES_RANGE, "minutes"),
        registry="RefreshMinutes",
        policy_order=5,
    ),
    Key(
        "api_url",
        str | None,
        default=None,
        check=checks.checked_base_url,
        env="TRAYSCORE_API_URL",
        registry="ApiUrl",
        policy_order=6,
        written=Written.OVERRIDE,
    ),
    Key(  # the Microsoft Graph base including /v1.0
        "graph_url",
        str | None,
        default=None,
        check=checks.checked_base_url,
        env="TRAYSCORE_GRAPH_URL",
        registry="GraphUrl",
        policy_order=7,
        written=Written.OVERRIDE,
    ),
    Key(  # the source the icon shows; load_settings defaults it differently after retirement
        "source",
        str,
        default=DEFAULT_SOURCE,
        check=checks.SOURCE,
        env="TRAYSCORE_SOURCE",
        registry="Source",
        policy_order=10,
    ),
    Key(
        "authority",
        str | None,
        default=None,
        check=checks.authority,
        env="TRAYSCORE_AUTHORITY",
        registry="Authority",
        policy_order=8,
        written=Written.OVERRIDE,
    ),
    Key(  # the Defender API's token audience; Microsoft documents none for GCC High and DoD
        "defender_resource",
        str | None,
        default=None,
        check=checks.resource,
        env="TRAYSCORE_DEFENDER_RESOURCE",
        registry="DefenderResource",
        policy_order=9,
        written=Written.OVERRIDE,
    ),
    Key(  # the browser falls back to a device code when none opens
        "sign_in_method",
        str,
        default="browser",
        check=Choice(SIGN_IN_METHODS, fold_hyphens=True),
        registry="SignInMethod",
        policy_order=11,
    ),
    Key(  # before sign_in_method existed; true means "broker"
        "use_broker",
        bool,
        default=False,
        check=checks.flag,
        written=Written.NEVER,
        role=Role.ALIAS,
        means=("sign_in_method", "broker"),
    ),
    Key(
        "icon_style",
        str,
        default="colour",
        check=Choice(ICON_STYLES, fold_hyphens=True),
        registry="IconStyle",
        policy_order=12,
    ),
    Key(
        "icon_number", bool, default=True, check=checks.flag, registry="IconNumber", policy_order=13
    ),
    Key(
        "language",
        str,
        default="auto",
        check=Choice(LANGUAGES, fold_hyphens=True),
        registry="Language",
        policy_order=14,
    ),
    Key(
        "notifications",
        NotificationSettings,
        default=NotificationSettings(),
        check=_notifications,
        registry="Notifications",  # a subkey, holding NOTIFICATION_KEYS' value names
        written=Written.TABLE,
    ),
    Key(  # several tenants in one tray (ADR 016); none: the top-level keys are the one tenant
        "tenants",
        tuple[TenantEntry, ...],
        default=(),
        check=check_tenants,
        registry="Tenants",  # a subkey holding one numbered subkey per entry: Tenants\1, ...
        written=Written.TABLES,
    ),
    Key(  # an administrator's file and the policy only; the user's file warns it is unknown
        LOCKED,
        frozenset[str],
        default=frozenset(),
        check=locked_keys,
        registry="Locked",
        policy_order=15,
        written=Written.NEVER,
        lockable=False,
        role=Role.ADMIN,
    ),
)

# ---- derived tables -----------------------------------------------------------------------

SETTING_KEYS: Final = tuple(key for key in KEYS if key.role is Role.SETTING)
DEFAULTS: Final[Mapping[str, Any]] = {key.name: key.default for key in SETTING_KEYS}
# The keys a settings file (the user's or an administrator's) may hold, with their checks;
# an administrator's "locked" is taken out before these are checked.
FILE_KEYS: Final[Mapping[str, Validator]] = {
    key.name: key.check for key in KEYS if key.role is not Role.ADMIN
}
# Environment variable -> key, for one session; applied in this order.
ENV_OVERRIDES: Final[Mapping[str, str]] = {key.env: key.name for key in KEYS if key.env}
LOCKABLE: Final = frozenset(key.name for key in KEYS if key.lockable)
# What the settings dialog's writer writes, in order: the main keys, then the overrides.
WRITTEN_KEYS: Final = tuple(
    key.name for place in (Written.MAIN, Written.OVERRIDE) for key in KEYS if key.written is place
)
WRITTEN_TABLES: Final = tuple(key.name for key in KEYS if key.written is Written.TABLE)
WRITTEN_LISTS: Final = tuple(key.name for key in KEYS if key.written is Written.TABLES)
UNSET_WHEN_BLANK: Final = frozenset(key.name for key in KEYS if key.unset_when_blank)
# Older spelling -> (the key it sets, the value it means when true).
ALIASES: Final[Mapping[str, tuple[str, object]]] = {
    key.name: key.means for key in KEYS if key.means is not None
}


def fold_aliases(values: dict[str, object]) -> dict[str, object]:
    """Replace older spellings (``use_broker = true``) by what they mean, unless that is set."""
    for alias, (target, meant) in ALIASES.items():
        if values.pop(alias, False) and target not in values:
            values[target] = meant
    return values


def check_fields(cls: type, rows: Iterable[Key]) -> None:
    """Refuse at import a dataclass whose fields drift from the schema's rows.

    The typed classes write the names out for mypy; this keeps them the rows' names, in the
    rows' order, with the rows' defaults.
    """
    declared = [(item.name, item.default) for item in fields(cls) if item.compare]
    wanted = [(row.name, row.default) for row in rows]
    if declared != wanted:
        raise TypeError(f"{cls.__name__} fields {declared} are not the schema's rows {wanted}")


check_fields(NotificationSettings, NOTIFICATION_KEYS)
