"""Where trayscore keeps its files, resolved once and passed in (never looked up deep inside)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "trayscore"


@dataclass(frozen=True)
class AppPaths:
    """The per-user folders; on Linux they follow the XDG_* variables through platformdirs."""

    config_dir: Path
    data_dir: Path
    state_dir: Path
    cache_dir: Path
    log_dir: Path
    system_settings_file: Path | None = None  # an administrator's settings for every user

    @classmethod
    def for_user(cls) -> AppPaths:
        """The platform's folders for the current user."""
        return cls(
            config_dir=platformdirs.user_config_path(APP_NAME, appauthor=False),
            data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
            state_dir=platformdirs.user_state_path(APP_NAME, appauthor=False),
            cache_dir=platformdirs.user_cache_path(APP_NAME, appauthor=False),
            log_dir=platformdirs.user_log_path(APP_NAME, appauthor=False),
            system_settings_file=platformdirs.site_config_path(APP_NAME, appauthor=False)
            / "settings.toml",
        )

    @property
    def settings_file(self) -> Path:
        """The one human-editable settings file."""
        return self.config_dir / "settings.toml"

    def history_file(self, cloud: str, tenant: str | None, *, demo: bool = False) -> Path:
        """One history per cloud and tenant, so another tenant's scores never join a trend.

        The demo has its own; with no tenant set (a token from the environment, scripts) the
        history is the plain ``history.json``.
        """
        if demo:
            return self.data_dir / "demo-history.json"
        if tenant is None:
            return self.data_dir / "history.json"
        series = re.sub(r"[^a-z0-9.-]", "_", f"{cloud}-{tenant}".lower())
        return self.data_dir / f"history-{series}.json"
