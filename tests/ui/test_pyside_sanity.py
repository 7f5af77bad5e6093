"""Guards against Qt-binding bugs that only show after hours in the tray."""

from __future__ import annotations

import sys
import tracemalloc

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot
from trayscore.ui.worker import Workers


def test_void_calls_do_not_lose_references_to_none(qtbot: QtBot) -> None:
    # PySide6-Essentials 6.12.0 drops a reference to None on every call that returns nothing; on
    # Python 3.11 None is not immortal and the process aborts after a few thousand calls.
    font, timer = QFont(), QTimer()
    before = sys.getrefcount(None)
    for _ in range(500):
        font.setBold(True)
        timer.setInterval(5)
    assert abs(sys.getrefcount(None) - before) < 50


def test_finished_jobs_leave_nothing_behind(qtbot: QtBot) -> None:
    workers = Workers(1)
    answers: list[object] = []

    def run(count: int) -> None:
        for _ in range(count):
            workers.submit(lambda: {"score": 1.0}, answers.append, answers.append)
        qtbot.waitUntil(lambda: workers.busy == 0, timeout=20_000)
        answers.clear()

    run(100)
    tracemalloc.start()
    first = tracemalloc.take_snapshot()
    run(500)
    second = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(stat.size_diff for stat in second.compare_to(first, "filename"))
    # GIVEN 500 more jobs  THEN memory did not grow with them (was ~750 KB with a QObject per job)
    assert grown < 64 * 1024, grown
