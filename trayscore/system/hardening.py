"""Keep the secrets this process holds in memory out of core dumps and away from its neighbours.

msal's token cache, refresh token included, lives in the process's memory once a user is signed
in. On Linux a crash would write that memory to a core file (or hand it to systemd-coredump or
apport), and a "dumpable" process can be read through ``/proc/PID/mem`` or ptrace by other
processes of the same user. So the entry points call :func:`harden_process` first:
``RLIMIT_CORE`` 0 (setrlimit(2)) and ``PR_SET_DUMPABLE`` 0 (prctl(2)), which also makes
``/proc/PID`` owned by root. No Qt, no state; a refusal (a sandbox that forbids prctl) is
returned, never raised, so the app still runs.
"""

from __future__ import annotations

import sys
from typing import Final

PR_SET_DUMPABLE: Final = 4  # <linux/prctl.h>


def harden_process(platform: str = sys.platform) -> tuple[str, ...]:
    """Forbid core dumps and make the process non-dumpable on Linux; the steps that failed.

    macOS gets ``RLIMIT_CORE`` 0 only (it writes core files only when ``ulimit -c`` was raised);
    Windows nothing (it writes no core files by default).
    """
    failed: list[str] = []
    if platform == "win32":
        return ()
    try:
        import resource  # noqa: PLC0415 - POSIX only

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, OSError, ValueError):
        failed.append("RLIMIT_CORE")
    if platform.startswith("linux"):
        try:
            import ctypes  # noqa: PLC0415 - only here, and only on Linux

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
                failed.append("PR_SET_DUMPABLE")
        except (OSError, AttributeError):
            failed.append("PR_SET_DUMPABLE")
    return tuple(failed)
