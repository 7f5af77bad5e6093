"""Opening our own files so that another local user cannot aim them elsewhere.

Every file trayscore writes has a fixed, guessable name (the history journal and its lock, the
log, the broken-settings copy, temp files). Opened by name, a symbolic link planted there by
someone else would make us write into whatever it points at. So each is opened with
``O_NOFOLLOW | O_CLOEXEC`` (Windows: a reparse point is refused before opening) and checked
after opening: a regular file, owned by us. Our folders are made owner-only (0700) even when
they already exist, so nobody else can plant anything in them from then on.

The administrator's settings are the opposite case: trusted only when root owns them and only
root can change them (:func:`admin_file_problem`).

Stdlib only: the settings loader and the history store both use it, before Qt is up.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Final

FILE_MODE: Final = 0o600
FOLDER_MODE: Final = 0o700
_POSIX: Final = sys.platform != "win32"
_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOINHERIT", 0)
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)  # a planted FIFO must not hang the open
_SYMLINK_ERRORS: Final = frozenset({errno.ELOOP, errno.EMLINK, errno.EEXIST})
_REPARSE_POINT: Final = getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0x400)
_OTHERS_WRITE: Final = stat.S_IWGRP | stat.S_IWOTH


class UnsafeFileError(OSError):
    """A file or folder we refuse to use: a symbolic link, not a regular file, someone else's.

    An ``OSError``, so every caller that already turns a failed open into a one-line message
    (history, log, settings) does so here too; the text names the path and what to do.
    """

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(
            errno.EPERM,
            f"refused {path}: {why}; nothing was read or written through it. "
            "Remove it if you did not put it there",
            str(path),
        )


def _refuse_reparse_point(path: Path) -> None:
    """Windows has no O_NOFOLLOW: refuse a symbolic link or junction before opening."""
    try:
        attributes = getattr(os.lstat(path), "st_file_attributes", 0)
    except FileNotFoundError:
        return
    if attributes & _REPARSE_POINT or path.is_symlink():
        raise UnsafeFileError(path, "it is a symbolic link or junction")


def open_private(path: Path, flags: int, mode: int = FILE_MODE) -> int:
    """``os.open`` for a file of ours: never through a link, never someone else's file.

    ``flags`` as for ``os.open``; ``O_NOFOLLOW | O_CLOEXEC`` are added. ``O_TRUNC`` is applied
    only after the checks, so a file we refuse is left exactly as it was. Raises
    :class:`UnsafeFileError` for a symbolic link, a non-regular file (a FIFO, a device) or a
    file another user owns, else whatever ``os.open`` raises.
    """
    if not _POSIX:
        _refuse_reparse_point(path)
    try:
        fd = os.open(path, (flags & ~os.O_TRUNC) | _NOFOLLOW | _CLOEXEC | _NONBLOCK, mode)
    except OSError as error:  # ELOOP; EMLINK on FreeBSD; EEXIST when O_EXCL met the link
        if error.errno in _SYMLINK_ERRORS and path.is_symlink():
            raise UnsafeFileError(path, "it is a symbolic link") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFileError(path, "it is not a regular file")  # noqa: TRY301
        if _POSIX and info.st_uid != os.geteuid():
            raise UnsafeFileError(path, f"it belongs to another user (uid {info.st_uid})")  # noqa: TRY301
        if _NONBLOCK:
            os.set_blocking(fd, True)
        if flags & os.O_TRUNC:
            os.ftruncate(fd, 0)
    except BaseException:
        os.close(fd)
        raise
    return fd


def restrict_mode(fd: int, mode: int = FILE_MODE) -> None:
    """Set an open file's permission bits, where the system has them per descriptor.

    Windows Python has no ``os.fchmod`` before 3.13, and its mode bits are only the read-only
    flag anyway: there a file's privacy comes from the per-user profile folder's access list,
    so nothing is done (calling it would raise AttributeError and stop the caller).
    """
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)


def private_dir(path: Path) -> Path:
    """Create ``path`` owner-only (0700), or tighten it to 0700 when it exists; returns it.

    Only for trayscore's own leaf folders. A folder another user owns is refused: they could
    swap any file in it. A symbolic link to the folder is followed (keeping the configuration
    in a dotfiles repository is the user's own choice); the files inside never are.
    """
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if _POSIX:
        info = path.stat()
        if info.st_uid != os.geteuid():
            raise UnsafeFileError(path, f"the folder belongs to another user (uid {info.st_uid})")
        if stat.S_IMODE(info.st_mode) != FOLDER_MODE:
            path.chmod(FOLDER_MODE)
    return path


def read_capped(handle: BinaryIO, cap: int) -> bytes | None:
    """The rest of ``handle``, or None when it holds more than ``cap`` bytes (never reads more).

    A file another program grows without bound must not be read whole into memory.
    """
    data = handle.read(cap + 1)
    return None if len(data) > cap else data


def admin_file_problem(file: os.stat_result, folder: os.stat_result, owner: int) -> str | None:
    """Why an administrator's file cannot be trusted, or None when it can.

    Trusted means: ``owner`` (root, uid 0, outside tests) owns the file and the folder holding
    it, and neither group nor others may write to either. Anything else could have been put
    there or changed by an ordinary user, and would then lock everyone's settings.
    """
    if file.st_uid != owner:
        return f"it belongs to uid {file.st_uid}, not uid {owner}"
    if file.st_mode & _OTHERS_WRITE:
        return f"group or others may change it (mode {stat.S_IMODE(file.st_mode):04o})"
    if folder.st_uid != owner:
        return f"its folder belongs to uid {folder.st_uid}, not uid {owner}"
    if folder.st_mode & _OTHERS_WRITE:
        return f"group or others may write to its folder (mode {stat.S_IMODE(folder.st_mode):04o})"
    return None


__all__ = [
    "FILE_MODE",
    "FOLDER_MODE",
    "UnsafeFileError",
    "admin_file_problem",
    "open_private",
    "private_dir",
    "read_capped",
    "restrict_mode",
]
