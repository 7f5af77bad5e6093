"""When to refresh next: the interval, jitter, exponential backoff and Retry-After, as pure logic.

The tray's Qt timer only carries out what this decides, so every rule is tested without Qt:
never poll faster than the API allows, back off on failure, stop on sign-in trouble, and notice a
resume from sleep (the wall clock jumped ahead of the monotonic clock).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from trayscore.core.errors import ConfigError, SignInRequired, TrayscoreError

FIRST_BACKOFF: Final = timedelta(seconds=30)
MAX_BACKOFF: Final = timedelta(minutes=30)
SLEEP_GAP: Final = timedelta(seconds=60)


@dataclass(frozen=True)
class RefreshPolicy:
    """Delays in seconds; ``jitter`` spreads a fleet's requests so they do not arrive together.

    Settings hold the interval to at least a minute; only the demo's simulated clock goes faster.
    """

    interval: timedelta
    jitter: float = 0.1
    first_backoff: timedelta = FIRST_BACKOFF
    max_backoff: timedelta = MAX_BACKOFF

    def _spread(self, seconds: float, rng: random.Random) -> float:
        return seconds * (1.0 + rng.uniform(-self.jitter, self.jitter))

    def after_success(self, rng: random.Random) -> float:
        """The normal wait: the interval, give or take the jitter."""
        return self._spread(self.interval.total_seconds(), rng)

    def after_failure(
        self, failures: int, error: TrayscoreError, rng: random.Random
    ) -> float | None:
        """The wait after ``failures`` failures in a row; None means wait for the user.

        Sign-in and settings problems are not retried on a timer: only the user can fix them.
        Backoff doubles from 30 s, never beyond the normal interval or 30 minutes, and a
        Retry-After from the service is always honoured even when it is longer.
        """
        if isinstance(error, SignInRequired | ConfigError):
            return None
        cap = min(self.max_backoff, self.interval).total_seconds()
        base = self.first_backoff.total_seconds() * 2 ** max(0, min(failures - 1, 20))
        delay = self._spread(min(base, cap), rng)
        if error.retry_after is not None:  # 429, and 503 where the service says
            delay = max(delay, error.retry_after)
        return delay


def resumed_from_sleep(wall_elapsed: float, monotonic_elapsed: float) -> bool:
    """True when the wall clock ran ahead of the monotonic one: the machine was asleep.

    Monotonic time stops during suspend on Linux and macOS; a gap of a minute or more is not
    jitter or an NTP step but a sleep, after which the score should be refreshed at once.
    """
    return wall_elapsed - monotonic_elapsed >= SLEEP_GAP.total_seconds()
