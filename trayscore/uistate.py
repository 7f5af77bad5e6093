"""Small UI memory between runs (where the glance window was put), in the state folder.

Not settings: nothing here is worth editing by hand, and losing it costs nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

GLANCE_FILE = "glance.json"


def load_position(state_dir: Path) -> tuple[int, int] | None:
    """Where the glance window was last put, if anywhere readable."""
    try:
        data = json.loads((state_dir / GLANCE_FILE).read_text("utf-8"))
        x, y = data["x"], data["y"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if isinstance(x, int) and isinstance(y, int) and not isinstance(x | y, bool):
        return x, y
    return None


def save_position(state_dir: Path, x: int, y: int) -> None:
    """Remember the position; a failure to write is not worth bothering the user."""
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        temporary = state_dir / f".{GLANCE_FILE}.tmp"
        temporary.write_text(json.dumps({"x": x, "y": y}), "utf-8")
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
