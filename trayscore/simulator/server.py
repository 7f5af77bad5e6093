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
from typing import TYPE_CHECKING, Self

from trayscore.simulator.bodies import SimulatedTenant, simulated_tenant_id
from trayscore.simulator.faults import FAULTS, Answer
from trayscore.simulator.handler import LOOPBACK, SimulatorServer, tenant_path
from trayscore.simulator.past import PAST_DAYS, past_readings
from trayscore.simulator.state import Faults, SimulatorState
from trayscore.simulator.tenants import home_band, tenant_seed, tenant_series

if TYPE_CHECKING:
    from trayscore.core.models import Reading


class Simulator:
    """The Defender API on loopback; use as a context manager or call start()/stop().

    Any bearer token is accepted unless ``token`` names the one to accept, or ``accept`` decides
    (tests pass the fake identity platform's check, so expired tokens get a 401).
    ``extra_fields`` adds fields beyond the documented samples; ``graph_page_size`` makes
    Graph page by its own size with ``@odata.nextLink``.

    ``tenants`` simulated tenants are served, each under :meth:`tenant_url` with a series of
    its own (:mod:`~trayscore.simulator.tenants`: from three on, every band has one at every
    step); the root URL serves tenant 1. Scripted answers go to tenant 1 unless ``tenant``
    names another; the token rule is every tenant's.
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
        tenants: int = 1,
    ) -> None:
        self._state = SimulatorState(
            tenants=tuple(
                SimulatedTenant(
                    series,
                    tenant_seed(seed, number),
                    extra_fields,
                    graph_page_size,
                    simulated_tenant_id(number),
                )
                for number, series in enumerate(tenant_series(seed, tenants), start=1)
            ),
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
    def tenants(self) -> int:
        """How many tenants it serves."""
        return len(self._state.tenants)

    def tenant_url(self, number: int) -> str:
        """The base URL of tenant ``number`` (from 1), e.g. ``http://127.0.0.1:54321/tenants/2``.

        Give it as the Defender API's URL, and with ``/v1.0`` after it as Graph's.
        """
        self._tenant(number)
        return f"{self.url}{tenant_path(number)}"

    def score(self, tenant: int = 1) -> float:
        """The exposure score ``tenant`` serves at this moment (unless scripted otherwise)."""
        return self._tenant(tenant).series.at(self._state.step())

    def past_readings(self, tenant: int, now: datetime, *, days: int = PAST_DAYS) -> list[Reading]:
        """``tenant``'s simulated exposure-score readings over the ``days`` before ``now``.

        Oldest first, every few hours, along a slow curve that crosses a band edge and ends near
        the score the tenant serves now (:mod:`~trayscore.simulator.past`): the demo's history
        on its first run.
        """
        simulated = self._tenant(tenant)
        live = simulated.series.at(self._state.step())
        return past_readings(simulated.seed, home_band(tenant), now, live, days=days)

    def _tenant(self, number: int) -> SimulatedTenant:
        if not 1 <= number <= len(self._state.tenants):
            raise ValueError(f"no tenant {number}: tenants are 1 to {len(self._state.tenants)}")
        return self._state.tenants[number - 1]

    def _faults(self, number: int) -> Faults:
        self._tenant(number)
        return self._state.faults[number - 1]

    @property
    def requests_served(self) -> int:
        """How many requests arrived so far."""
        return self._state.served

    @property
    def user_agents(self) -> list[str]:
        """The User-Agent of the last 100 requests (never the Authorization header)."""
        with self._state.lock:
            return list(self._state.user_agents)

    def script(self, *answers: Answer | str, tenant: int = 1) -> None:
        """Answer ``tenant``'s next requests with these, in order, then go back to normal."""
        faults = self._faults(tenant)
        with self._state.lock:
            faults.script.extend(FAULTS[a] if isinstance(a, str) else a for a in answers)

    def fail_always(self, answer: Answer | str | None, *, tenant: int = 1) -> None:
        """Answer every request to ``tenant`` with this until called again with None."""
        faults = self._faults(tenant)
        with self._state.lock:
            faults.always = FAULTS[answer] if isinstance(answer, str) else answer

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
