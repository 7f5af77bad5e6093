"""Jobs run off the GUI thread and answer exactly once, on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot
from trayscore.core.errors import Offline, TrayscoreError
from trayscore.ui.worker import Workers


def run_job(qtbot: QtBot, work: object) -> tuple[list[object], list[object], list[bool]]:
    finished: list[object] = []
    failed: list[object] = []
    on_gui: list[bool] = []
    gui = QThread.currentThread()

    def on_finished(result: object) -> None:
        on_gui.append(QThread.currentThread() is gui)
        finished.append(result)

    def on_failed(error: object) -> None:
        on_gui.append(QThread.currentThread() is gui)
        failed.append(error)

    workers = Workers(1)
    workers.submit(work, on_finished, on_failed)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(finished or failed), timeout=5000)
    assert workers.wait(5000)
    assert workers.busy == 0
    qtbot.wait(50)  # let any (wrong) second answer arrive before counting
    return finished, failed, on_gui


def test_a_result_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    worker_threads: list[int] = []

    def work() -> int:
        worker_threads.append(threading.get_ident())
        return 42

    finished, failed, on_gui = run_job(qtbot, work)
    assert finished == [42]
    assert failed == []
    assert on_gui == [True]
    assert worker_threads != [threading.get_ident()]


def test_a_typed_error_is_reported_as_is(qtbot: QtBot) -> None:
    def work() -> None:
        raise Offline("down")

    finished, failed, _ = run_job(qtbot, work)
    assert finished == []
    assert len(failed) == 1
    assert isinstance(failed[0], Offline)


def test_a_bug_becomes_an_error_state_not_a_lost_answer(qtbot: QtBot) -> None:
    def work() -> None:
        raise ZeroDivisionError

    finished, failed, _ = run_job(qtbot, work)
    assert finished == []
    assert isinstance(failed[0], TrayscoreError)
    assert "ZeroDivisionError" in str(failed[0])
