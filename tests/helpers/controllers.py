"""Fakes for testing the app's controllers one at a time: no network, no thread, no event loop.

:class:`InlineWorkers` holds each submitted job until the test runs it (so "in flight" is a state
the test can look at), :class:`ScriptedReader` answers what the test scripted, and
:class:`RecordingActions` counts what a controller asked the app for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from trayscore.app.reading import Fetched, ScoreReader
from trayscore.app.state import AppState
from trayscore.clients import TOKEN_VARIABLE, Clients
from trayscore.core.display_state import Tracker
from trayscore.core.errors import TrayscoreError
from trayscore.core.models import Reading
from trayscore.settings.model import Settings
from trayscore.system.paths import AppPaths
from trayscore.ui.worker import Failed, Workers

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
INTERVAL = timedelta(minutes=15)


class InlineWorkers(Workers):
    """Jobs wait in a list; :meth:`run_next` runs the oldest here and answers at once."""

    def __init__(self) -> None:
        super().__init__(1)
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None], Failed]] = []

    def submit(self, job: Callable[[], Any], done: Callable[[Any], None], failed: Failed) -> None:
        self.jobs.append((job, done, failed))

    def run_next(self) -> None:
        """Run the oldest job and deliver its answer, as the pool would on the GUI thread."""
        job, done, failed = self.jobs.pop(0)
        try:
            result = job()
        except TrayscoreError as error:
            failed(error)
        else:
            done(result)


class ScriptedReader(ScoreReader):
    """A reader whose refreshes answer, in turn, what the test put in :attr:`answers`."""

    def __init__(self, settings: Settings | None = None, environ: dict[str, str] | None = None):
        environ = {TOKEN_VARIABLE: "tok"} if environ is None else environ
        clients = Clients(settings or Settings(), environ)
        base = Path("/nonexistent")
        super().__init__(clients, AppPaths(base, base, base, base, base))
        self.answers: list[float | TrayscoreError] = []
        self.reads = 0

    def read(self) -> Fetched:
        self.reads += 1
        answer = self.answers.pop(0)
        if isinstance(answer, TrayscoreError):
            raise answer
        reading = Reading("exposure-score", answer, T0, T0)
        return Fetched(reading, None, [], [])


class RecordingActions:
    """The app's side of the actions interfaces: counts renders, knows no settings problem."""

    def __init__(self) -> None:
        self.renders = 0
        self.refreshes = 0

    def render(self) -> None:
        self.renders += 1

    def refresh_now(self) -> None:
        self.refreshes += 1

    def settings_notice(self) -> str | None:
        return None

    def window_handle(self) -> int:
        return 0


def fresh_state() -> AppState:
    """Nothing read yet."""
    return AppState(Tracker(INTERVAL))
