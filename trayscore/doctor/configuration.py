"""The settings: valid, where tokens go, and whether the chosen source's API is retiring."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from trayscore.clients import env_token
from trayscore.core.errors import ConfigError
from trayscore.core.links import REGISTRATION_GUIDE_URL
from trayscore.doctor.result import Check, broken, passed, warning
from trayscore.doctor.words import translate

if TYPE_CHECKING:
    from trayscore.settings.model import Settings


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
    files = ", ".join(settings.administered_by)  # refused ones are among the warnings
    admin = [translate("Doctor", "administrator's settings: {files}").format(files=files)]
    several = (
        [
            translate(
                "Doctor", "{count} tenants listed; the checks below read the first, {name}"
            ).format(count=len(settings.profiles), name=settings.profiles[0].name)
        ]
        if settings.tenants
        else []
    )
    notes = [*several, *settings.warnings, *(admin if files else [])]
    if not settings.is_set_up and env_token(environ) is None:
        return _not_set_up(path, notes), settings
    if path.exists():
        detail = translate("Doctor", "valid ({path}; cloud {cloud})")
    else:
        detail = translate("Doctor", "valid (no file at {path}, defaults in force; cloud {cloud})")
    detail = detail.format(path=path, cloud=settings.cloud)
    if settings.warnings:
        fix = translate("Doctor", "edit {path}").format(path=path)
        return warning("settings", "; ".join(notes), fix), settings
    return passed("settings", "; ".join([detail, *notes])), settings


def _not_set_up(path: Path, notes: Sequence[str]) -> Check:
    """Blocking: without tenant and client ID nothing else can work; the fix names the way."""
    if path.exists():
        detail = translate("Doctor", "not set up: no tenant and client ID in {path}")
    else:
        detail = translate("Doctor", "not set up: there is no settings file at {path}")
    fix = translate(
        "Doctor",
        "run `trayscore setup` (your administrator has the tenant and client ID; guide: {url})",
    )
    return broken(
        "settings",
        "; ".join([detail.format(path=path), *notes]),
        fix.format(url=REGISTRATION_GUIDE_URL),
        blocking=True,
    )


def authority_url(settings: Settings) -> str:
    """The sign-in authority's base: the override, else the cloud's login host."""
    return settings.authority or settings.cloud_info.authority_host


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
