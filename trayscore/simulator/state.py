"""What one running simulator shares between its request threads: the clock, the script, counts.

The handler threads and the :class:`~trayscore.simulator.server.Simulator` that scripts them
meet here, behind one lock, so a test can script answers while requests are being served.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from trayscore.simulator.bodies import SimulatedTenant
from trayscore.simulator.faults import Answer

UA_HISTORY: Final = 100  # bounded: the demo runs for days


@dataclass
class SimulatorState:
    """The tenant, the token rule, the clocks and the scripted answers of one simulator."""

    tenant: SimulatedTenant
    token: str | None
    accept: Callable[[str], bool] | None
    step_seconds: float
    monotonic: Callable[[], float]
    wall: Callable[[], datetime]
    started: float
    script: deque[Answer] = field(default_factory=deque)
    always: Answer | None = None
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    served: int = 0
    user_agents: deque[str] = field(default_factory=lambda: deque(maxlen=UA_HISTORY))

    def step(self) -> int:
        """How many steps of ``step_seconds`` have passed since the simulator started."""
        return int((self.monotonic() - self.started) / self.step_seconds)

    def next_answer(self, path: str) -> Answer | None:
        """The scripted answer for this request, if one applies to its path (else normal)."""
        with self.lock:
            self.served += 1
            if self.script:
                if self.script[0].applies_to(path):
                    return self.script.popleft()
                return None
            if self.always is not None and self.always.applies_to(path):
                return self.always
            return None
