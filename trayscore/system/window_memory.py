"""Small UI memory between runs (where the glance window was put), in the state folder.

Not settings: nothing here is worth editing by hand, and losing it costs nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Final

from trayscore.system.private_files import open_private, private_dir, read_capped

GLANCE_FILE: Final = "glance.json"
GLANCE_MAX_BYTES: Final = 4096  # two numbers; anything longer is not ours


def load_position(state_dir: Path) -> tuple[int, int] | None:
    """Where the glance window was last put, if anywhere readable (never through a link)."""
    try:
        fd = open_private(state_dir / GLANCE_FILE, os.O_RDONLY)
        with os.fdopen(fd, "rb") as handle:
            data = json.loads(read_capped(handle, GLANCE_MAX_BYTES) or b"")
        x, y = data["x"], data["y"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    if isinstance(x, int) and isinstance(y, int) and not isinstance(x | y, bool):
        return x, y
    return None


def save_position(state_dir: Path, x: int, y: int) -> None:
    """Remember the position; a failure to write is not worth bothering the user.

    The temp file has a fixed name: it is never written through a link planted there, and the
    state folder is made owner-only (0700) so nobody else can plant one.
    """
    try:
        temporary = private_dir(state_dir) / f".{GLANCE_FILE}.tmp"
        fd = open_private(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(json.dumps({"x": x, "y": y}))
        temporary.replace(state_dir / GLANCE_FILE)
    except OSError:
        return


def first_time(state_dir: Path, key: str) -> bool:
    """True the first time ``key`` is asked for on this account, then False for good.

    For notices that are told once ever (the Defender API's retirement): an empty marker file
    created exclusively, never through a planted link. A folder that cannot be written makes
    every call True, which at worst tells the notice again on the next start.
    """
    marker = state_dir / f"told-{key}"
    try:
        state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        os.close(os.open(marker, flags, 0o600))
    except FileExistsError:
        return False
    except OSError:
        return True
    return True
