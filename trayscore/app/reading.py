"""What one refresh does on its worker thread: read the scores, record them, bring them back.

:class:`ScoreReader` keeps what is costly to build (the clients, the history store) between
refreshes and drops exactly what new settings change. It builds everything through
:class:`~trayscore.clients.Clients`, so the tray reads and records like the CLI. No widget here:
its tests need no event loop.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from trayscore.clients import Clients
from trayscore.core.errors import ConfigError, TrayscoreError
from trayscore.settings.model import same_account

if TYPE_CHECKING:
    from trayscore.auth.service import AuthService
    from trayscore.clients import Sources
    from trayscore.core.models import Reading
    from trayscore.history.store import Entry, HistoryStore
    from trayscore.settings.model import Settings
    from trayscore.sources.groups import GroupReading
    from trayscore.system.paths import AppPaths

_log = logging.getLogger("trayscore")
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


@dataclass(frozen=True)
class Fetched:
    """What one refresh job brings back to the GUI thread."""

    reading: Reading
    account: str | None
    runs: list[Entry]
    warnings: list[str]
    others: tuple[Reading, ...] = ()
    groups: tuple[GroupReading, ...] = ()


@dataclass(frozen=True)
class SettingsChange:
    """What new settings meant for the reader (the app decides what to show and sign out)."""

    new_series: bool  # another tenant, cloud or primary score: nothing carries over
    signed_out: AuthService | None  # the previous account's sign-in service, to sign out


class ScoreReader:
    """Reads the scores of the configured tenant; thread-safe between a refresh and the GUI.

    ``demo_account`` is the account name the demo shows (translated on the GUI thread);
    ``demo_past`` gives the simulated readings the demo's history starts with when it is empty.
    """

    def __init__(
        self,
        clients: Clients,
        paths: AppPaths,
        *,
        demo_account: str = "",
        demo_past: Callable[[], Sequence[Reading]] | None = None,
        recent: timedelta | None = None,
    ) -> None:
        self._clients = clients
        self._paths = paths
        self._demo_account = demo_account
        self._demo_past = demo_past
        # Several tenants: bring back only the recent runs, and keep no history store between
        # reads, so fifty tenants do not hold fifty years of entries (all_runs reads the rest)
        self._recent = recent
        self._lock = threading.RLock()
        self._sources: Sources | None = None
        self._history: HistoryStore | None = None

    @property
    def clients(self) -> Clients:
        """The builder in force (replaced when the settings change)."""
        return self._clients

    @property
    def settings(self) -> Settings:
        """The settings the reader reads with."""
        return self._clients.settings

    @property
    def built(self) -> bool:
        """Whether the score clients were built (a failure before that is a setup problem)."""
        return self._sources is not None

    def use(self, settings: Settings) -> SettingsChange:
        """New settings: drop the clients, sign-in service and history they change."""
        with self._lock:
            old = self._clients.settings
            demo = self._clients.demo
            account_changed = not same_account(old, settings)
            old_auth = self._clients.signed_in_service if account_changed else None
            rebuilt = (old.api_base, old.graph_base, old.source) != (
                settings.api_base,
                settings.graph_base,
                settings.source,
            )
            if account_changed or rebuilt:
                self._sources = None
            new_tenant = (old.cloud, old.tenant) != (settings.cloud, settings.tenant)
            if new_tenant and not demo:
                self._history = None  # another tenant: its own history file from now on
            self._clients = self._clients.with_settings(settings)
        new_series = (new_tenant and not demo) or old.source != settings.source
        return SettingsChange(new_series=new_series, signed_out=old_auth)

    def sources(self) -> Sources:
        """The score clients, built once per settings."""
        with self._lock:
            if self._sources is None:
                self._sources = self._clients.sources()
            return self._sources

    def history(self) -> HistoryStore:
        """The history store of the configured tenant (the demo's is its own file).

        The demo's starts with its simulated past when it is empty (on its first run).
        """
        with self._lock:
            if self._history is None:
                history = self._clients.history(self._paths)
                if self._clients.demo and self._demo_past is not None:
                    seed_past(history, self._demo_past)
                self._history = history
            return self._history

    def account_name(self) -> str | None:
        """Who is signed in, as the tray shows it."""
        if self._clients.demo:
            return self._demo_account
        service = self._clients.signed_in_service
        if service is not None:
            account = service.account()
            return account.username if account else None
        return None

    def notices(self) -> list[str]:
        """What the sign-in service wants said (e.g. no keyring: tokens kept in memory)."""
        service = self._clients.signed_in_service
        return list(service.notices) if service is not None else []

    def read(self) -> Fetched:
        """On a worker thread: read the primary score, record it, then the others at best."""
        from trayscore.core.catalog import SECURE_SCORE  # noqa: PLC0415
        from trayscore.history.store import HistoryWriteError  # noqa: PLC0415
        from trayscore.sources.secure_score import (  # noqa: PLC0415
            SecureScoreSource,
            backfill_and_fetch,
        )

        sources = self.sources()
        history = self.history()
        warnings: list[str] = []
        primary = sources.primary
        if primary.name == SECURE_SCORE.name and isinstance(primary, SecureScoreSource):
            reading = backfill_and_fetch(primary, history).reading  # 90 days of past at first
        else:
            reading = primary.fetch()
        if not reading.banded:
            raise ConfigError(
                translate(
                    "TrayApp",
                    "No published maximum, so no band to show: choose another score in Settings.",
                )
            )
        try:
            history.record(reading)
        except HistoryWriteError as error:
            warnings.append(error.message)
        since = reading.fetched_at - self._recent if self._recent is not None else None
        runs = history.entries(source=reading.source, since=since)
        others = tuple(read_others(sources, history))
        groups = read_groups(sources)
        warnings.extend(history.take_problems())
        if self._recent is not None:
            with self._lock:
                self._history = None  # its caches go with it; the file is read again next time
        return Fetched(reading, self.account_name(), runs, warnings, others, groups)

    def all_runs(self) -> list[Entry]:
        """The whole history of the primary score, read from the file (a tenant's chart)."""
        with self._lock:
            store = self._history or self._clients.history(self._paths)
        return store.entries(source=self.settings.source)


def seed_past(history: HistoryStore, past: Callable[[], Sequence[Reading]]) -> None:
    """Start an empty history with simulated readings; a failure leaves it empty, logged."""
    from trayscore.history.store import HistoryWriteError  # noqa: PLC0415

    try:
        recorded = history.seed(past())
    except HistoryWriteError as error:
        _log.warning("the demo's simulated past was not recorded: %s", error.message)
        return
    if recorded:
        _log.info("the demo's history starts with %d simulated readings", recorded)


def read_others(sources: Sources, history: HistoryStore) -> list[Reading]:
    """The secondary scores: recorded like the primary, a failure only leaves a row out."""
    from trayscore.history.store import HistoryWriteError  # noqa: PLC0415

    readings = []
    for source in sources.others:
        try:
            reading = source.fetch()
        except TrayscoreError as error:
            _log.info("secondary score %s not read (%s): %s", source.name, error.kind, error)
            continue
        except Exception:  # noqa: BLE001 - a row must never take the primary score down
            _log.exception("secondary score %s not read", source.name)
            continue
        if reading.banded:  # points without a maximum stay out of the percentage history
            with contextlib.suppress(HistoryWriteError):
                history.record(reading)
        readings.append(reading)
    return readings


def read_groups(sources: Sources) -> tuple[GroupReading, ...]:
    """Exposure per device group, worst first; nothing when Defender cannot say."""
    try:
        return tuple(sources.groups.fetch())
    except TrayscoreError as error:
        _log.info("device groups not read (%s): %s", error.kind, error)
    except Exception:  # noqa: BLE001 - the rows are extras: the primary score stays
        _log.exception("device groups not read")
    return ()
