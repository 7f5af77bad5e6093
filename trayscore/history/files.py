"""File mechanics the history's two files share: safe opens, atomic replace, moving aside.

Kept apart from the formats (``snapshot``, ``journal``) so the rules for touching the disk are
written once: never follow a planted link, 0600 from creation, a failed write leaves the previous
file intact, and a damaged file is renamed, never deleted.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, Final

from trayscore.core.errors import TrayscoreError
from trayscore.history.journal import BINARY
from trayscore.system.private_files import open_private

TMP_MARK: Final = ".tmp-"


class HistoryWriteError(TrayscoreError):
    """The history could not be written; the previous file is intact. Callers warn, never crash."""

    kind = "history-write"


def write_error(path: Path, error: OSError) -> HistoryWriteError:
    """The one-line error for an OS failure writing the history at ``path``."""
    reason = error.strerror or str(error)
    hint = "free some disk space" if error.errno == errno.ENOSPC else "check that folder"
    return HistoryWriteError(
        f"Could not write the history {path} ({reason}); {hint}. The previous history is intact."
    )


def open_read(path: Path) -> BinaryIO:
    """One of our files open for reading: never through a planted link, never another's."""
    return os.fdopen(open_private(path, os.O_RDONLY | BINARY), "rb")


def fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); some file systems refuse, and the data is already safe."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def replace_atomically(path: Path, data: bytes, write_id: str) -> None:
    """Temp file (0600) + fsync + os.replace + folder fsync; the old file survives a failure.

    The temporary file is named ``.<name>.tmp-<pid>-<write_id>`` so that
    :func:`sweep_temporaries` can find what a killed writer left.
    """
    folder = path.parent
    temporary = folder / f".{path.name}{TMP_MARK}{os.getpid()}-{write_id}"
    try:
        fd = open_private(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)  # noqa: PTH105 - the atomic step, patched in tests
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise write_error(path, error) from None
    fsync_folder(folder)


def sweep_temporaries(path: Path) -> None:
    """Remove temp files a killed writer left (only under the lock, so none is live)."""
    prefix = f".{path.name}{TMP_MARK}"
    with contextlib.suppress(OSError), os.scandir(path.parent) as found:
        for item in found:
            if item.name.startswith(prefix):
                with contextlib.suppress(OSError):
                    Path(item.path).unlink()


def move_aside(path: Path, now: datetime) -> str:
    """Rename ``path`` to ``<name>.corrupt-<UTC timestamp>[-n]``; returns the new name."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    path.rename(aside)
    return aside.name
