"""Running blocking calls (HTTP, sign-in) off the GUI thread, with exactly one answer each.

A job emits ``finished(result)`` or ``failed(error)``, never both, never neither; the signals are
queued to the GUI thread, so no widget is ever touched from a worker.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from trayscore.errors import TrayscoreError


class JobSignals(QObject):
    """The carrier: QRunnable is not a QObject and cannot have signals itself."""

    finished = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """Runs ``work`` on a pool thread; an unexpected exception is reported, not lost."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.signals = JobSignals()
        self._work = work

    def run(self) -> None:
        """Called on the worker thread."""
        try:
            result = self._work()
        except TrayscoreError as error:
            self.signals.failed.emit(error)
        except Exception as error:  # noqa: BLE001 - a bug must surface as a state, not vanish
            self.signals.failed.emit(
                TrayscoreError(f"Internal error ({type(error).__name__}); see the log.")
            )
        else:
            self.signals.finished.emit(result)


class Workers(QObject):
    """A thread pool that keeps every job alive until it has answered.

    PySide frees a QRunnable's Python side when nothing refers to it, which can drop the job's
    signal carrier before it emits; holding the job here until its answer arrives prevents that.
    """

    def __init__(self, max_threads: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._running: set[Job] = set()

    def submit(
        self,
        work: Callable[[], object],
        on_finished: Callable[[object], None],
        on_failed: Callable[[object], None],
    ) -> None:
        """Run ``work`` on a pool thread; exactly one callback runs later, on the GUI thread."""
        job = Job(work)
        job.setAutoDelete(False)
        self._running.add(job)

        def finished(result: object) -> None:
            self._running.discard(job)
            on_finished(result)

        def failed(error: object) -> None:
            self._running.discard(job)
            on_failed(error)

        from PySide6.QtCore import Qt  # noqa: PLC0415 - its ~100 enums cost 45 ms at start-up

        # Queued explicitly: the carrier lives on the GUI thread, so callbacks run there.
        job.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
        job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        self.pool.start(job)

    @property
    def busy(self) -> int:
        """Jobs started and not yet answered."""
        return len(self._running)

    def wait(self, milliseconds: int) -> bool:
        """Wait for running jobs; False when some are still running at the deadline."""
        return bool(self.pool.waitForDone(milliseconds))
