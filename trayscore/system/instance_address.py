"""Where the single-instance socket lives: a place only this user can reach.

Given a plain name, Qt's QLocalServer puts the socket in the shared ``/tmp``, where another local
user can listen first (a second start then talks to them, sends them our ``show`` and exits 0) or
leave a file (nobody can listen there). So trayscore hands Qt a full path, or on Windows a pipe
name that holds the user's SID:

* **Linux and other XDG systems**: ``$XDG_RUNTIME_DIR`` (the XDG Base Directory spec: "MUST be
  owned by the user, and he MUST be the only one having read and write access to it. Its Unix
  access mode MUST be 0700"), when it is set, absolute and really is such a folder.
* **macOS**: ``$TMPDIR``, the per-user temporary folder (``/var/folders/.../T``, 0700), same check.
* Otherwise: the folder ``run`` in trayscore's state folder, created 0700 (never ``/tmp`` under a
  name anyone can predict and take first).
* **Windows**: ``trayscore-<SID>-<key>``. Pipe names share one namespace for the whole machine;
  the SID keeps each user's name apart (Qt's UserAccessOption then limits the pipe to its user).

An existing socket is checked before anything talks to it: one that is not a socket or not ours
is refused with a message, never used. No Qt here, so ``doctor`` and plain tests can use it.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Final

# InstanceUnavailable lives with the other errors (its exit code is in their table); the callers
# that claim the address keep importing it from here, so it is re-exported explicitly.
from trayscore.core.errors import InstanceUnavailable as InstanceUnavailable  # noqa: PLC0414

PREFIX: Final = "trayscore-"
FOLDER_MODE: Final = 0o700
FALLBACK_FOLDER: Final = "run"
# sun_path holds 108 bytes on Linux and 104 on macOS, the final NUL included.
_MAX_SOCKET_PATH: Final = {"darwin": 103}
_DEFAULT_MAX_SOCKET_PATH: Final = 107
_SID_RE: Final = re.compile(r"S-1(?:-[0-9]+)+")


def instance_key(config_dir: Path) -> str:
    """A short key unique to this settings folder, so runs with their own folders never collide."""
    # crc32, not hashlib: hashlib loads OpenSSL (3.5 MB) before the icon is up
    return f"{zlib.crc32(str(config_dir.resolve()).encode()):08x}"


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def folder_problem(folder: Path, uid: int) -> str | None:
    """Why ``folder`` is no private place for ``uid``'s socket; None when it is one.

    Private means: a real folder (not a symbolic link), owned by ``uid``, with no access at all
    for the group or others.
    """
    try:
        info = folder.lstat()
    except OSError as error:
        return f"{folder} cannot be used ({_reason(error)})"
    if stat.S_ISLNK(info.st_mode):
        return f"{folder} is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    if info.st_uid != uid:
        return f"{folder} belongs to user id {info.st_uid}, not to you (user id {uid})"
    if info.st_mode & 0o077:
        return f"{folder} is open to other users (mode {stat.S_IMODE(info.st_mode):04o})"
    return None


def private_folder(state_dir: Path, uid: int) -> Path:
    """``state_dir/run``, created and tightened to 0700; InstanceUnavailable when it is not ours."""
    folder = state_dir / FALLBACK_FOLDER
    try:
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        info = folder.lstat()
        ours = stat.S_ISDIR(info.st_mode) and info.st_uid == uid
        if ours and info.st_mode & 0o077:
            folder.chmod(FOLDER_MODE)
    except OSError as error:
        raise InstanceUnavailable(
            f"Cannot create the private folder {folder} for trayscore's single-instance socket "
            f"({_reason(error)}), so trayscore does not start."
        ) from None
    problem = folder_problem(folder, uid)
    if problem is not None:
        raise InstanceUnavailable(
            f"{problem}; trayscore keeps its single-instance socket there, so it does not start. "
            "Remove that folder (it is recreated private), or make it yours with mode 0700."
        )
    return folder


def socket_folder(state_dir: Path, environ: Mapping[str, str], *, platform: str, uid: int) -> Path:
    """The private folder for the socket: the session's own folder, else ``state_dir/run``."""
    variable = "TMPDIR" if platform == "darwin" else "XDG_RUNTIME_DIR"
    configured = environ.get(variable, "")
    if configured and Path(configured).is_absolute():
        candidate = Path(configured)
        if folder_problem(candidate, uid) is None:
            return candidate
    return private_folder(state_dir, uid)


def windows_pipe_name(key: str, sid: str) -> str:
    """The pipe name for one user (``sid``, like ``S-1-5-21-...``) and one settings folder."""
    if not _SID_RE.fullmatch(sid):
        raise ValueError(f"not a SID: {sid!r}")
    return f"{PREFIX}{sid}-{key}"


def instance_address(
    config_dir: Path,
    state_dir: Path,
    environ: Mapping[str, str],
    *,
    platform: str = sys.platform,
    uid: int | None = None,
    sid: str | None = None,
) -> str:
    """What to give QLocalServer: a full socket path in a private folder, or a Windows pipe name.

    ``uid`` and ``sid`` default to this process's user; tests pass them in.
    """
    key = instance_key(config_dir)
    if platform == "win32":
        return windows_pipe_name(key, sid if sid is not None else windows_user_sid())
    user = os.getuid() if uid is None else uid
    path = socket_folder(state_dir, environ, platform=platform, uid=user) / f"{PREFIX}{key}"
    limit = _MAX_SOCKET_PATH.get(platform, _DEFAULT_MAX_SOCKET_PATH)
    if len(os.fsencode(path)) > limit:
        raise InstanceUnavailable(
            f"The single-instance socket path {path} is longer than the {limit} bytes a local "
            "socket allows, so trayscore does not start; set XDG_RUNTIME_DIR, or a shorter "
            "XDG_STATE_HOME."
        )
    return str(path)


def socket_problem(address: str, uid: int | None = None) -> str | None:
    """Why trayscore must not talk to or replace what is at ``address``; None when it may.

    Nothing there, or a socket of ``uid`` (default: this process's user), is fine. A file that is
    no socket, or a socket of another user, is in the way: someone put it there, and trayscore
    neither sends it anything nor removes it. A Windows pipe name is no path: None.
    """
    path = Path(address)
    if not path.is_absolute():
        return None
    user = os.getuid() if uid is None else uid
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"Cannot check trayscore's single-instance socket {address} ({_reason(error)})."
    if info.st_uid != user:
        return (
            f"{address} belongs to user id {info.st_uid}, not to you (user id {user}): trayscore "
            "does not talk to it and does not start. Ask an administrator to remove it."
        )
    if not stat.S_ISSOCK(info.st_mode):
        return (
            f"{address} is in the way of trayscore's single-instance socket (it is not a socket), "
            "so trayscore does not start. Remove it if you do not need it."
        )
    return None


def windows_user_sid() -> str:
    """The running process's user SID as text (``S-1-5-21-...``), read from its access token."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _token_user_sid()
    raise InstanceUnavailable("A Windows user SID exists only on Windows.")


if sys.platform == "win32":  # pragma: no cover - Windows only; the name builder is tested

    def _token_user_sid() -> str:
        """OpenProcessToken, GetTokenInformation(TokenUser), ConvertSidToStringSidW."""
        import ctypes  # noqa: PLC0415
        from ctypes import wintypes  # noqa: PLC0415

        token_query, token_user = 0x0008, 1
        advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.GetCurrentProcess.restype = wintypes.HANDLE
        kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
        kernel32.LocalFree.argtypes = [ctypes.c_void_p]
        advapi32.OpenProcessToken.argtypes = [
            wintypes.HANDLE,
            wintypes.DWORD,
            ctypes.POINTER(wintypes.HANDLE),
        ]
        advapi32.GetTokenInformation.argtypes = [
            wintypes.HANDLE,
            ctypes.c_int,
            ctypes.c_void_p,
            wintypes.DWORD,
            ctypes.POINTER(wintypes.DWORD),
        ]
        advapi32.ConvertSidToStringSidW.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(wintypes.LPWSTR),
        ]
        failure = InstanceUnavailable(
            "Cannot read your Windows user SID for trayscore's single-instance pipe, so trayscore "
            "does not start."
        )
        token = wintypes.HANDLE()
        if not advapi32.OpenProcessToken(
            kernel32.GetCurrentProcess(), token_query, ctypes.byref(token)
        ):
            raise failure
        try:
            size = wintypes.DWORD()
            advapi32.GetTokenInformation(token, token_user, None, 0, ctypes.byref(size))
            buffer = ctypes.create_string_buffer(size.value)
            if not advapi32.GetTokenInformation(
                token, token_user, buffer, size, ctypes.byref(size)
            ):
                raise failure
            # TOKEN_USER begins with SID_AND_ATTRIBUTES, whose first member is the PSID.
            sid = ctypes.c_void_p.from_buffer(buffer).value
            text = wintypes.LPWSTR()
            if not advapi32.ConvertSidToStringSidW(sid, ctypes.byref(text)):
                raise failure
            try:
                return str(text.value)
            finally:
                kernel32.LocalFree(text)
        finally:
            kernel32.CloseHandle(token)
