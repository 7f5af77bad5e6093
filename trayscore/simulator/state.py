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
class Faults:
    """One tenant's scripted answers: the next ones in order, then one for every request."""

    script: deque[Answer] = field(default_factory=deque)
    always: Answer | None = None

    def next_answer(self, path: str) -> Answer | None:
        """The scripted answer for a request to ``path``, if one applies (else normal)."""
        if self.script:
            if self.script[0].applies_to(path):
                return self.script.popleft()
            return None
        if self.always is not None and self.always.applies_to(path):
            return self.always
        return None


@dataclass
class SimulatorState:
    """The tenants, the token rule, the clocks and the scripted answers of one simulator.

    ``faults`` holds each tenant's scripted answers, tenant 1's first.
    """

    tenants: tuple[SimulatedTenant, ...]
    token: str | None
    accept: Callable[[str], bool] | None
    step_seconds: float
    monotonic: Callable[[], float]
    wall: Callable[[], datetime]
    started: float
    faults: tuple[Faults, ...] = ()
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    served: int = 0
    user_agents: deque[str] = field(default_factory=lambda: deque(maxlen=UA_HISTORY))

    def __post_init__(self) -> None:
        if not self.faults:
            self.faults = tuple(Faults() for _ in self.tenants)

    def step(self) -> int:
        """How many steps of ``step_seconds`` have passed since the simulator started."""
        return int((self.monotonic() - self.started) / self.step_seconds)

    def next_answer(self, number: int | None, path: str) -> Answer | None:
        """Count a request; the scripted answer for tenant ``number``'s ``path`` (else normal).

        ``number`` is None for a request that names no tenant served: always the normal answer.
        """
        with self.lock:
            self.served += 1
            return None if number is None else self.faults[number - 1].next_answer(path)
