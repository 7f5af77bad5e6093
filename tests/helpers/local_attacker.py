"""What another local user (or an ordinary user posing as the administrator) leaves on disk."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Final

import pytest

OTHER_UID: Final = 65534  # nobody: the "other local user" of the audit
DEEP: Final = 10_000  # deep enough to overflow any recursive reader

needs_root = pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() != 0,
    reason="needs root, to give a file to another user (os.chown); CI runs as root",
)


def admin_settings(base: Path, text: str, *, mode: int = 0o644, folder_mode: int = 0o755) -> Path:
    """``base/trayscore/settings.toml`` as an administrator would install it; returns its path."""
    folder = base / "trayscore"
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(folder_mode)
    path = folder / "settings.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def give_away(path: Path) -> None:
    """Make ``path`` another user's (needs root)."""
    os.chown(path, OTHER_UID, OTHER_UID)


def deep_toml(depth: int = DEEP) -> str:
    """A settings file whose one value nests ``depth`` arrays deep."""
    return "a = " + "[" * depth + "]" * depth + "\n"


def plant_link(at: Path, target: Path) -> None:
    """A symbolic link at one of our fixed file names, pointing at ``target``."""
    at.parent.mkdir(parents=True, exist_ok=True)
    at.symlink_to(target)
