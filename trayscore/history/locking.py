"""The history's writer lock: one exclusive lock on ``<name>.lock``, waited for a bounded time.

Writers (tray, CLI, a second tray) serialise on this lock, so an append, a compaction or moving a
damaged file aside never interleaves with another process's. ``fcntl.flock`` on POSIX,
``msvcrt.locking`` of the first byte on Windows; either way the lock goes with the process, so a
killed writer never leaves the history locked.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from trayscore.history.files import HistoryWriteError, write_error
from trayscore.system.private_files import open_private, private_dir

LOCK_TIMEOUT_SECONDS: Final = 10.0
_LOCK_POLL_SECONDS: Final = 0.02


@contextlib.contextmanager
def exclusive_lock(lock_path: Path, history_path: Path, timeout: float) -> Iterator[None]:
    """Hold ``lock_path`` exclusively; HistoryWriteError when it cannot be had within ``timeout``.

    ``history_path`` is the file the lock guards: errors name it, since that is what the user
    knows.
    """
    try:
        private_dir(history_path.parent)
        fd = open_private(lock_path, os.O_RDWR | os.O_CREAT)
    except OSError as error:
        raise write_error(history_path, error) from None
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise HistoryWriteError(
                    f"Another trayscore kept {lock_path} locked for "
                    f"{timeout:.0f} s; this reading was not recorded. "
                    "It is recorded again on the next refresh."
                )
            time.sleep(_LOCK_POLL_SECONDS)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
