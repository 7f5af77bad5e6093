"""Running blocking calls (HTTP, sign-in) off the GUI thread, with exactly one answer each.

A job answers ``on_finished(result)`` or ``on_failed(error)``, never both, never neither, and the
answer runs on the GUI thread, so no widget is ever touched from a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance, Slot

from trayscore.core.errors import TrayscoreError

T = TypeVar("T")
Failed = Callable[[TrayscoreError], None]


def _done() -> object:
    """What a finished job holds instead of its work."""
    return None


class _Job(QRunnable):
    """Runs ``work`` on a pool thread and reports through the pool's one signal carrier."""

    def __init__(self, key: int, work: Callable[[], object], report: SignalInstance) -> None:
        super().__init__()
        self._key = key
        self._work = work
        self._report = report

    def run(self) -> None:
        """Called on the worker thread; an unexpected exception is reported, not lost.

        ``work`` travels back with the answer and the job forgets it: its last reference (often
        a bound method of the app) must die on the GUI thread. Dropped here, it could destroy
        the app's QObjects, and with them this very thread pool, from inside a pool thread: a
        deadlock that holds the GIL.
        """
        work = self._work
        try:
            result: object = work()
        except TrayscoreError as error:
            self._report.emit(self._key, False, error, work)  # noqa: FBT003 - signal arguments
        except Exception as error:  # noqa: BLE001 - a bug must surface as a state, not vanish
            problem = TrayscoreError(f"Internal error ({type(error).__name__}); see the log.")
            self._report.emit(self._key, False, problem, work)  # noqa: FBT003
        else:
            self._report.emit(self._key, True, result, work)  # noqa: FBT003
        finally:
            self._work = _done
            del work


class Workers(QObject):
    """A thread pool whose jobs answer through one long-lived signal.

    One carrier for all jobs, not one QObject per job: PySide keeps a connected QObject and its
    callbacks alive long after the job, which leaked about 1.5 KB per refresh.
    """

    _answered = Signal(int, bool, object, object)

    def __init__(self, max_threads: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        # Each job's own result type is checked at submit; here they wait side by side.
        self._callbacks: dict[int, tuple[Callable[[Any], None], Failed]] = {}
        self._next_key = 0
        # The carrier lives on the GUI thread: emitted from a worker, the slot runs queued here.
        self._answered.connect(self._deliver)

    def submit(self, job: Callable[[], T], done: Callable[[T], None], failed: Failed) -> None:
        """Run ``job`` on a pool thread; exactly one callback runs later, on the GUI thread.

        ``done`` gets what ``job`` returned, typed; ``failed`` a :class:`TrayscoreError` (an
        unexpected exception arrives as one that says "Internal error").
        """
        key = self._next_key
        self._next_key += 1
        self._callbacks[key] = (done, failed)
        runnable = _Job(key, job, self._answered)
        runnable.setAutoDelete(True)
        self.pool.start(runnable)

    @Slot(int, bool, object, object)
    def _deliver(self, key: int, ok: bool, payload: object, work: object) -> None:
        del work  # released here, on the GUI thread (see _Job.run)
        callbacks = self._callbacks.pop(key, None)
        if callbacks is None:
            return
        done, failed = callbacks
        if ok:
            done(payload)
        else:
            assert isinstance(payload, TrayscoreError)  # noqa: S101 - what _Job.run sends
            failed(payload)

    @property
    def busy(self) -> int:
        """Jobs started and not yet answered."""
        return len(self._callbacks)

    def wait(self, milliseconds: int) -> bool:
        """Wait for running jobs; False when some are still running at the deadline."""
        return bool(self.pool.waitForDone(milliseconds))
