"""One instance per settings folder; a crash's leftover socket does not block the next start."""

from __future__ import annotations

import socket
from pathlib import Path

from PySide6.QtCore import QDir
from pytestqt.qtbot import QtBot
from trayscore.ui.single_instance import SingleInstance, instance_name


def test_a_second_instance_hands_over_and_the_first_shows_up(qtbot: QtBot, tmp_path: Path) -> None:
    name = instance_name(tmp_path)
    first = SingleInstance(name)
    assert first.claim()
    try:
        second = SingleInstance(name)
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert not second.claim()
    finally:
        first.release()


def test_different_settings_folders_do_not_collide(tmp_path: Path) -> None:
    a = SingleInstance(instance_name(tmp_path / "a"))
    b = SingleInstance(instance_name(tmp_path / "b"))
    try:
        assert a.claim()
        assert b.claim()
    finally:
        a.release()
        b.release()


def test_a_stale_socket_left_by_a_crash_is_replaced(qtbot: QtBot, tmp_path: Path) -> None:
    # GIVEN a socket file nobody listens on (what a crashed instance leaves behind)
    name = instance_name(tmp_path)
    path = Path(QDir.tempPath()) / name
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(str(path))
    leftover.close()
    assert path.exists()
    # WHEN trayscore starts  THEN it takes over
    fresh = SingleInstance(name)
    try:
        assert fresh.claim()
    finally:
        fresh.release()
