"""``trayscore --demo``: a simulated tenant on loopback, read like a real one.

The demo's score moves every minute: it crosses a band soon after the quiet first minute, so a
notification shows within three minutes, and then only every few minutes.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from trayscore.simulator import Simulator

DEMO_STEP_SECONDS: Final = 60.0
DEMO_INTERVAL: Final = timedelta(seconds=10)


def start_simulator() -> Simulator:
    """The demo's simulated tenant, serving on loopback until the app stops it."""
    from trayscore.clients import DEMO_SEED  # noqa: PLC0415
    from trayscore.simulator import Simulator  # noqa: PLC0415 - only the demo needs it

    return Simulator(seed=DEMO_SEED, step_seconds=DEMO_STEP_SECONDS).start()
