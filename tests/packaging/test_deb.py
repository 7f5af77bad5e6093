"""The .deb, built from this tree with the documented command, then run from an extracted root.

Slow (it freezes the app with PyInstaller: a few minutes), so it has its own marker, and
`.ci/run` runs it with the rest of the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import trayscore
from PySide6.QtGui import QImage
from trayscore.simulator import Simulator

from tests.conftest import TEST_TOKEN
from tests.helpers.build import build
from tests.helpers.cli import cli_environment
from tests.helpers.desktop import Desktop, finish, wait_for_icon

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(45 * 60)]  # the build is minutes
ROOT = Path(__file__).resolve().parents[2]
DEB = ROOT / "dist" / f"trayscore_{trayscore.__version__}_amd64.deb"
BUDGET_BYTES = 30_000_000
BUILD_TIMEOUT = 40 * 60
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


# What packaging/build.py runs, by Debian package. As root it installs them itself.
BUILD_TOOLS = {
    "dpkg-deb": "dpkg",
    "strip": "binutils",
    "readelf": "binutils",
    "nm": "binutils",
    "icupkg": "icu-devtools",
}
SBIN = os.pathsep.join(("/usr/local/sbin", "/usr/sbin", "/sbin"))


def tool(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path=SBIN)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}


def _skip_or_fail(reason: str) -> None:
    if in_ci():
        pytest.fail(f"CI must build and check the .deb, but {reason}")
    pytest.skip(reason)


def _require() -> None:
    if os.geteuid() == 0 and shutil.which("apt-get"):
        return  # build.py installs what it misses
    missing = sorted({package for name, package in BUILD_TOOLS.items() if not tool(name)})
    if missing:
        _skip_or_fail(f"the .deb build needs the Debian packages: {' '.join(missing)}")


@pytest.fixture(scope="module")
def deb() -> Path:
    """The documented command, run from this tree: `python3 packaging/build.py deb`."""
    _require()
    build("deb", BUILD_TIMEOUT)
    assert DEB.exists()
    return DEB


@pytest.fixture(scope="module")
def installed(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's files under a temporary root (dpkg-deb -x), as an install would lay them."""
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_metadata_names_the_package_and_its_system_libraries(deb: Path) -> None:
    info = subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True, check=True)
    assert "postinst" in info.stdout
    assert "postrm" in info.stdout
    assert field(deb, "Package") == "trayscore"
    assert field(deb, "Version") == trayscore.__version__
    assert field(deb, "Architecture") == "amd64"
    depends = {item.strip() for item in field(deb, "Depends").split(",")}
    # the X11 and GL libraries Qt's xcb platform loads, fonts and the session bus
    assert {"libxcb1", "libxkbcommon-x11-0", "libegl1", "libfontconfig1", "libdbus-1-3"} <= depends
    assert "libgtk-3-0" not in depends  # Qt's GTK platform theme is left out


def test_the_file_list_has_the_bundle_launcher_entry_icons_and_metainfo(deb: Path) -> None:
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    names = {line.split()[5].removeprefix(".") for line in listing.splitlines()}
    lines = {line.split()[5].removeprefix("."): line for line in listing.splitlines()}
    assert lines["/opt/trayscore/trayscore"].startswith("-rwxr-xr-x root/root")
    assert "-> /opt/trayscore/trayscore" in lines["/usr/bin/trayscore"]
    assert "/usr/share/applications/trayscore.desktop" in names
    assert "/usr/share/metainfo/io.github.trayscore.metainfo.xml" in names
    for side in ICON_SIZES:
        assert f"/usr/share/icons/hicolor/{side}x{side}/apps/trayscore.png" in names
    assert "/usr/share/icons/hicolor/scalable/apps/trayscore.svg" in names
    # the translations travel with it: ours, and Qt's own for the languages we ship
    assert any(name.endswith("/trayscore/i18n/trayscore_fr.qm") for name in names)
    assert any(name.endswith("/translations/qtbase_fr.qm") for name in names)
    # and what the trimming promised to leave out
    assert not any("/platformthemes/" in name or "wayland" in name.lower() for name in names)
    assert not any("qtbase_de.qm" in name for name in names)


@pytest.mark.parametrize(
    ("program", "arguments", "path"),
    [
        ("desktop-file-validate", [], "usr/share/applications/trayscore.desktop"),
        (
            "appstreamcli",
            ["validate", "--no-net"],
            "usr/share/metainfo/io.github.trayscore.metainfo.xml",
        ),
    ],
)
def test_the_desktop_entry_and_metainfo_are_valid(
    installed: Path, program: str, arguments: list[str], path: str
) -> None:
    found = tool(program)
    if found is None:
        package = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}
        _skip_or_fail(f"validating needs the Debian package {package[program]}")
        return
    result = subprocess.run(
        [found, *arguments, str(installed / path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_icons_are_pngs_of_their_size(installed: Path) -> None:
    for side in ICON_SIZES:
        image = QImage(str(installed / f"usr/share/icons/hicolor/{side}x{side}/apps/trayscore.png"))
        assert (image.width(), image.height()) == (side, side)
        assert image.hasAlphaChannel()


def test_the_package_fits_the_budget(deb: Path) -> None:
    assert deb.stat().st_size <= BUDGET_BYTES, f"{deb.stat().st_size / 1e6:.1f} MB"


def test_the_frozen_binary_says_its_version(installed: Path) -> None:
    result = subprocess.run(
        [str(installed / "opt/trayscore/trayscore"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"trayscore {trayscore.__version__}"


@pytest.fixture
def simulator() -> Iterator[Simulator]:
    with Simulator(seed=3) as running:
        yield running


def test_the_frozen_binary_reads_the_score_from_the_simulator(
    installed: Path, simulator: Simulator, tmp_path: Path
) -> None:
    env = cli_environment(tmp_path, simulator.url)
    result = subprocess.run(
        [str(installed / "opt/trayscore/trayscore"), "score", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    reading = json.loads(result.stdout)
    assert reading["source"] == "exposure-score"
    assert 0 <= reading["score"] <= 100
    assert TEST_TOKEN not in result.stdout + result.stderr


@pytest.mark.desktop
def test_the_frozen_demo_shows_its_coloured_icon_in_the_tray(
    installed: Path, desktop: Desktop
) -> None:
    # GIVEN a real X11 desktop with a tray  WHEN the frozen app starts its demo
    process = subprocess.Popen(
        [str(installed / "opt/trayscore/trayscore"), "--demo"],
        env=desktop.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # THEN the band-coloured score icon appears in the tray (seen in a screenshot)
        _x, _y, width, height = wait_for_icon(desktop, "frozen-tray")
        assert 14 <= width <= 40
        assert 14 <= height <= 40
    finally:
        process.send_signal(signal.SIGTERM)
        code, stderr = finish(process)
    assert code == 0, stderr
    assert "Traceback" not in stderr
