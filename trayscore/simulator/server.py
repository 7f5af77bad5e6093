"""The simulator itself: a loopback server to start, stop, and script with failures.

Everything a test or ``--demo`` does with the simulated API goes through :class:`Simulator`; the
answers it gives are built in :mod:`~trayscore.simulator.bodies` and
:mod:`~trayscore.simulator.faults`, served by :mod:`~trayscore.simulator.handler`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Self

from trayscore.simulator.bodies import SimulatedTenant
from trayscore.simulator.faults import FAULTS, Answer
from trayscore.simulator.handler import LOOPBACK, SimulatorServer
from trayscore.simulator.series import ScoreSeries
from trayscore.simulator.state import SimulatorState


class Simulator:
    """The Defender API on loopback; use as a context manager or call start()/stop().

    Any bearer token is accepted unless ``token`` names the one to accept, or ``accept`` decides
    (tests pass the fake identity platform's check, so expired tokens get a 401).
    ``extra_fields`` adds fields beyond the documented samples; ``graph_page_size`` makes
    Graph page by its own size with ``@odata.nextLink``.
    """

    def __init__(
        self,
        *,
        seed: int = 1,
        port: int = 0,
        token: str | None = None,
        accept: Callable[[str], bool] | None = None,
        step_seconds: float = 60.0,
        extra_fields: bool = False,
        graph_page_size: int | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._state = SimulatorState(
            tenant=SimulatedTenant(ScoreSeries(seed), seed, extra_fields, graph_page_size),
            token=token,
            accept=accept,
            step_seconds=step_seconds,
            monotonic=monotonic,
            wall=wall,
            started=monotonic(),
        )
        self._server = SimulatorServer((LOOPBACK, port), self._state)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port it listens on (chosen by the OS when 0 was asked)."""
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The base URL to give a source, e.g. ``http://127.0.0.1:54321``."""
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def requests_served(self) -> int:
        """How many requests arrived so far."""
        return self._state.served

    @property
    def user_agents(self) -> list[str]:
        """The User-Agent of the last 100 requests (never the Authorization header)."""
        with self._state.lock:
            return list(self._state.user_agents)

    def script(self, *answers: Answer | str) -> None:
        """Answer the next requests with these, in order, then go back to normal."""
        with self._state.lock:
            self._state.script.extend(FAULTS[a] if isinstance(a, str) else a for a in answers)

    def fail_always(self, answer: Answer | str | None) -> None:
        """Answer every request with this until called again with None."""
        with self._state.lock:
            self._state.always = FAULTS[answer] if isinstance(answer, str) else answer

    def release_held(self) -> None:
        """Let the answers held so far go now; later ``hang`` answers hold again."""
        with self._state.lock:
            held, self._state.release = self._state.release, threading.Event()
        held.set()

    def start(self) -> Self:
        """Serve on a background thread."""
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="trayscore-simulator",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve on this thread until :meth:`stop` is called from another."""
        self._server.serve_forever()

    def stop(self) -> None:
        """Stop serving (when started with :meth:`start`), release anything held, close."""
        with self._state.lock:
            self._state.release.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
