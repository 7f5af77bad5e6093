"""Running the documented installer build, `python3 packaging/build.py TARGET`, from a test."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build(target: str, timeout: float) -> str:
    """Run the build for ``target`` (deb, windows) from this tree; its stdout when it succeeded."""
    python = shutil.which("python3") or sys.executable
    result = subprocess.run(
        [python, "packaging/build.py", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout
