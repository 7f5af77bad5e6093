"""Settings: one human-editable TOML file, environment overrides, validation on load.

A bad value never gets as far as a request: loading fails with one line that names the key, the
value found and what is allowed, so the user can fix the file without reading code. Which keys
exist and how each is checked is :mod:`trayscore.settings.schema`'s; where values are read is
:mod:`trayscore.settings.load`'s; this module holds the result and decides which source wins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from trayscore.core.catalog import SECURE_SCORE
from trayscore.core.clouds import AUTO_REGION, CLOUDS, Cloud, foreign_token_hosts
from trayscore.core.errors import ConfigError
from trayscore.core.retirement import is_retired
from trayscore.settings.checks import (
    DEFAULT_REFRESH_MINUTES,
    GUID_RE,
    ICON_STYLES,
    LANGUAGES,
    OUTAGE_MINUTES_RANGE,
    REFRESH_MINUTES_RANGE,
    RISE_POINTS_RANGE,
    SIGN_IN_METHODS,
    Validator,
    checked_base_url,
)
from trayscore.settings.load import (
    ADMIN_OWNER,
    SETTINGS_MAX_BYTES,
    SETTINGS_MAX_DEPTH,
    Problems,
    Source,
    administered,
    from_environment,
    policy_source,
    read_file,
    validated,
)
from trayscore.settings.registry import Policy, read_policy
from trayscore.settings.schema import (
    DEFAULTS,
    ENV_OVERRIDES,
    SETTING_KEYS,
    NotificationSettings,
    check_fields,
)
from trayscore.settings.tenants import TenantEntry

__all__ = [
    "ADMIN_OWNER",
    "DEFAULT_REFRESH_MINUTES",
    "ENV_OVERRIDES",
    "GUID_RE",
    "ICON_STYLES",
    "LANGUAGES",
    "OUTAGE_MINUTES_RANGE",
    "REFRESH_MINUTES_RANGE",
    "RISE_POINTS_RANGE",
    "SETTINGS_MAX_BYTES",
    "SETTINGS_MAX_DEPTH",
    "SIGN_IN_METHODS",
    "NotificationSettings",
    "Profile",
    "Settings",
    "TenantEntry",
    "Validator",
    "checked_base_url",
    "load_settings",
]


@dataclass(frozen=True)
class Settings:
    """Validated settings; construct through :func:`load_settings`.

    The compared fields are the schema's settings rows (names typed out for mypy; defaults and
    everything else from :data:`trayscore.settings.schema.KEYS`); the others say where the
    values came from.
    """

    tenant: str | None = DEFAULTS["tenant"]
    client_id: str | None = DEFAULTS["client_id"]
    cloud: str = DEFAULTS["cloud"]
    region: str = DEFAULTS["region"]
    refresh_minutes: int = DEFAULTS["refresh_minutes"]
    api_url: str | None = DEFAULTS["api_url"]
    graph_url: str | None = DEFAULTS["graph_url"]
    source: str = DEFAULTS["source"]
    authority: str | None = DEFAULTS["authority"]
    defender_resource: str | None = DEFAULTS["defender_resource"]
    sign_in_method: str = DEFAULTS["sign_in_method"]
    icon_style: str = DEFAULTS["icon_style"]
    icon_number: bool = DEFAULTS["icon_number"]
    language: str = DEFAULTS["language"]
    notifications: NotificationSettings = DEFAULTS["notifications"]
    tenants: tuple[TenantEntry, ...] = DEFAULTS["tenants"]
    warnings: tuple[str, ...] = field(default=(), compare=False)
    locked: frozenset[str] = field(default=frozenset(), compare=False)  # set by an administrator
    administered_by: tuple[str, ...] = field(default=(), compare=False)  # files/policy in force
    from_environment: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def cloud_info(self) -> Cloud:
        """The cloud table entry these settings chose."""
        return CLOUDS[self.cloud]

    @property
    def is_set_up(self) -> bool:
        """Whether an app registration is configured: a client ID, and a tenant or an authority.

        With a ``[[tenants]]`` list, whether every entry is (load_settings keeps only those).
        """
        return all(
            profile.settings.client_id and (profile.settings.tenant or profile.settings.authority)
            for profile in self.profiles
        )

    @property
    def profiles(self) -> tuple[Profile, ...]:
        """Each tenant the tray and ``--all`` read, as settings of one tenant, in the file's order.

        Without a list, the top-level keys are the one tenant, named after it. An entry takes
        the top-level client ID, cloud and source where it names none; a cloud of its own starts
        from that cloud's automatic region.
        """
        if not self.tenants:
            return (Profile(self.tenant or self.authority or "default", self),)
        return tuple(Profile(entry.name, self._one(entry)) for entry in self.tenants)

    def _one(self, entry: TenantEntry) -> Settings:
        cloud = entry.cloud or self.cloud
        return replace(
            self,
            tenant=entry.tenant,
            client_id=entry.client_id or self.client_id,
            cloud=cloud,
            region=self.region if cloud == self.cloud else AUTO_REGION,
            source=entry.source or self.source,
            authority=entry.authority,
            tenants=(),
        )

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


check_fields(Settings, SETTING_KEYS)


@dataclass(frozen=True)
class Profile:
    """One tenant as the tray and the CLI read it: its display name and its own settings."""

    name: str
    settings: Settings

    def matches(self, wanted: str) -> bool:
        """Whether ``--tenant wanted`` means this one: its name or its tenant, any case."""
        folded = wanted.strip().casefold()
        return folded in {self.name.casefold(), (self.settings.tenant or "").casefold()}


def tenants_problem(settings: Settings) -> tuple[Settings, ConfigError | None]:
    """The settings without the entries that cannot sign in, and the error naming the first.

    An entry with no client ID of its own needs the top-level one; said once, by name.
    """
    missing = [entry for entry in settings.tenants if not (entry.client_id or settings.client_id)]
    if not missing:
        return settings, None
    names = ", ".join(repr(entry.name) for entry in missing)
    kept = tuple(entry for entry in settings.tenants if entry not in missing)
    error = ConfigError(
        f"setting 'tenants': {names} has no client_id, and there is no top-level client_id to "
        "share; set client_id in the entry or at the top of the file."
    )
    return replace(settings, tenants=kept), error


def region_problem(settings: Settings) -> ConfigError | None:
    """The error when the region is not one of the chosen cloud's, else None."""
    if settings.region in settings.cloud_info.region_names:
        return None
    allowed = ", ".join(settings.cloud_info.region_names)
    return ConfigError(
        f"setting 'region' is {settings.region!r}, which cloud {settings.cloud!r} does "
        f"not have; allowed: {allowed}."
    )


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
    problem = Problems(problems)
    if policy is None:
        policy = read_policy()  # None except on Windows with the policy key set
    warnings: list[str] = []
    admin: list[Source] = []
    system_paths = [system_path] if isinstance(system_path, Path) else list(system_path or ())
    for admin_path in reversed(system_paths):  # the least important first: later ones override
        raw = read_file(admin_path, problem, admin_owner=admin_owner, refused=warnings)
        if raw is not None:
            admin.append(Source(admin_path, raw))
    if policy is not None:
        admin.append(policy_source(policy, warnings))
    values, locked = administered(admin, warnings, problem)
    administered_by = tuple(str(source.where) for source in reversed(admin))
    by = " and ".join(administered_by)
    user_values = read_file(path, problem) or {}
    for key, value in validated(user_values, path, warnings, problem).items():
        if key in locked:
            warnings.append(
                f"{path}: {key!r} is set by your administrator in {by}; your value is ignored."
            )
            continue
        values[key] = value
    session = from_environment(environ, locked, by, warnings, problem)
    values |= session
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
        from_environment=frozenset(session),
    )
    wrong_region = region_problem(settings)
    if wrong_region is not None:
        problem(wrong_region)
        settings = replace(settings, region=AUTO_REGION)
    settings, no_client = tenants_problem(settings)
    if no_client is not None:
        problem(no_client)
    if settings.tenants and settings.tenant:
        settings = replace(
            settings,
            warnings=(
                *settings.warnings,
                "'tenant' is ignored while [[tenants]] lists the tenants; give it an entry.",
            ),
        )
    return settings


def same_account(old: Settings, new: Settings) -> bool:
    """Whether two settings sign in the same account: same cloud, tenant, app and authority.

    The one rule for "the account changed": when it did, the tray signs the previous account out
    and builds a new sign-in service (a token must never serve another registration).
    """
    return (old.cloud, old.tenant, old.client_id, old.authority) == (
        new.cloud,
        new.tenant,
        new.client_id,
        new.authority,
    )
