"""Warnings worth saying once a day, not on every command: which were said today.

A missing keyring is told by every command that builds the sign-in service; a script that runs
``trayscore score`` every five minutes would print the same paragraph 288 times a day. The
memory is a small private file of ``<day> <digest>`` lines, so another warning (or the same
one tomorrow) is still said. A file we cannot use (another user's, a link, unreadable) never
silences a warning: it is then said as before.
"""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path
from typing import Final

from trayscore.system.private_files import open_private, private_dir, restrict_mode

_CAP: Final = 4096  # bytes read: a day's few lines; a bigger (hostile) file is only cut short
_KEPT: Final = 16  # lines of today kept


def first_today(path: Path, text: str, today: date) -> bool:
    """True when ``text`` was not yet said on ``today`` (and remember that it now is)."""
    day = today.isoformat()
    line = f"{day} {hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"
    try:
        private_dir(path.parent)
        fd = open_private(path, os.O_RDWR | os.O_CREAT)
        with os.fdopen(fd, "r+b") as handle:
            restrict_mode(handle.fileno())
            seen = handle.read(_CAP).decode("utf-8", errors="replace").splitlines()
            if line in seen:
                return False
            today_lines = [old for old in seen if old.startswith(f"{day} ")][-_KEPT:]
            handle.seek(0)
            handle.truncate()
            handle.write("".join(f"{old}\n" for old in [*today_lines, line]).encode("utf-8"))
    except OSError:
        return True
    return True
