"""Where trayscore keeps its files, resolved once and passed in (never looked up deep inside)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import platformdirs

APP_NAME = "trayscore"
SETTINGS_NAME: Final = "settings.toml"
DEFAULT_XDG_CONFIG_DIR: Final = Path("/etc/xdg")


def admin_settings_files(environ: Mapping[str, str], platform: str) -> tuple[Path, ...]:
    """Every administrator's settings file to look for, the most important first.

    Linux and other XDG systems: one per ``XDG_CONFIG_DIRS`` entry, in its order, then
    ``/etc/xdg`` when the variable does not list it (Ubuntu GNOME sets
    ``/etc/xdg/xdg-ubuntu:/etc/xdg``; the plain one is where packages put defaults). Relative
    entries are ignored, and an unset or empty variable means ``/etc/xdg``, as the XDG Base
    Directory Specification says. macOS and Windows: the one system-wide folder platformdirs
    names (Windows also has the HKLM policy, read elsewhere).
    """
    if platform in {"win32", "darwin"}:
        return (platformdirs.site_config_path(APP_NAME, appauthor=False) / SETTINGS_NAME,)
    folders: list[Path] = []
    for entry in environ.get("XDG_CONFIG_DIRS", "").split(":"):
        folder = Path(entry)
        if entry and folder.is_absolute() and folder not in folders:
            folders.append(folder)
    if DEFAULT_XDG_CONFIG_DIR not in folders:
        folders.append(DEFAULT_XDG_CONFIG_DIR)
    return tuple(folder / APP_NAME / SETTINGS_NAME for folder in folders)


@dataclass(frozen=True)
class AppPaths:
    """The per-user folders; on Linux they follow the XDG_* variables through platformdirs."""

    config_dir: Path
    data_dir: Path
    state_dir: Path
    cache_dir: Path
    log_dir: Path
    # The administrator's settings for every user, the most important first.
    system_settings_files: tuple[Path, ...] = ()

    @classmethod
    def for_user(cls, environ: Mapping[str, str] | None = None) -> AppPaths:
        """The platform's folders for the current user (``environ``: this process's by default)."""
        return cls(
            config_dir=platformdirs.user_config_path(APP_NAME, appauthor=False),
            data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
            state_dir=platformdirs.user_state_path(APP_NAME, appauthor=False),
            cache_dir=platformdirs.user_cache_path(APP_NAME, appauthor=False),
            log_dir=platformdirs.user_log_path(APP_NAME, appauthor=False),
            system_settings_files=admin_settings_files(
                os.environ if environ is None else environ, sys.platform
            ),
        )

    @property
    def settings_file(self) -> Path:
        """The one human-editable settings file."""
        return self.config_dir / SETTINGS_NAME

    @property
    def told_today_file(self) -> Path:
        """Which once-a-day warnings the command line already gave today (daily_notice)."""
        return self.state_dir / "told-today"

    def history_file(
        self, cloud: str, tenant: str | None, *, demo: bool = False, demo_tenant: int = 1
    ) -> Path:
        """One history per cloud and tenant, so another tenant's scores never join a trend.

        The demo has its own, one per simulated tenant (``demo_tenant``, from 1; unused outside
        the demo): the first is ``demo-history.json``, the others ``demo-history-2.json`` and so
        on, never a tenant's ``history-*.json``. With no tenant set (a token from the
        environment, scripts) the history is the plain ``history.json``.
        """
        if demo:
            if demo_tenant < 1:
                raise ValueError(f"demo tenants count from 1, not {demo_tenant}")
            suffix = "" if demo_tenant == 1 else f"-{demo_tenant}"
            return self.data_dir / f"demo-history{suffix}.json"
        if tenant is None:
            return self.data_dir / "history.json"
        series = re.sub(r"[^a-z0-9.-]", "_", f"{cloud}-{tenant}".lower())
        return self.data_dir / f"history-{series}.json"
