"""The Windows tier: the installers from `python3 packaging/build.py windows`, under Wine.

Slow (a Wine prefix, a PyInstaller freeze inside it, two installers: minutes), so it has its
own marker, ``windows``; `.ci/run` runs it with the rest of the suite.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import trayscore

from tests.helpers.build import build
from tests.helpers.wine import ROOT, WinePrefix, fresh_prefix, require, windows_path

BUILD_TIMEOUT = 30 * 60
VERSION = trayscore.__version__
DIST = ROOT / "dist"
SETUP_EXE = DIST / f"trayscore-{VERSION}-setup.exe"
MSI = DIST / f"trayscore-{VERSION}.msi"


@dataclass(frozen=True)
class Installers:
    """What the build wrote to dist/."""

    setup_exe: Path
    msi: Path
    admx: Path


@pytest.fixture(scope="session")
def installers() -> Installers:
    """The documented command, run from this tree: `python3 packaging/build.py windows`."""
    require()
    sys.stderr.write(build("windows", BUILD_TIMEOUT))  # sizes and times, shown with -s
    return Installers(SETUP_EXE, MSI, DIST / "trayscore.admx")


@pytest.fixture(scope="module")
def prefix(
    tmp_path_factory: pytest.TempPathFactory, installers: Installers
) -> Iterator[WinePrefix]:
    """A fresh Wine prefix for one test module."""
    del installers  # built first: the prefix takes the build's stub DLLs
    with fresh_prefix(tmp_path_factory.mktemp("wine") / "prefix") as made:
        yield made


def install_setup_exe(prefix: WinePrefix, setup_exe: Path, *options: str) -> Path:
    """Run setup.exe silently (/S) and return the installed folder on the Linux side."""
    result = prefix.run(windows_path(setup_exe), "/S", *options, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return prefix.local_appdata() / "Programs" / "trayscore"
