"""A fresh Wine prefix to install trayscore's Windows installers into, and to run them.

Wine is not Windows (docs/packaging.md says what it proves and what not). Its quirks, and the
test-only workarounds used here (shared/FIELD-NOTES.md, "Windows under Wine"):

* standard handles must be pipes: every program runs with stdin from /dev/null and its output
  captured through pipes;
* a crash must not wait in winedbg: AeDebug's Debugger is set to ``false``;
* Wine 8's Network List Manager (netprofm) never answers Qt's networklistmanager backend, so
  ``QNetworkInformation.loadDefaultBackend()`` blocks the tray's GUI thread for good: netprofm is
  disabled here, and the backend loads with nothing to report (as on a Windows without it);
* Wine 8 lacks Windows 10's ``icuuc.dll`` (Qt6Core imports 20 converter functions from it) and
  ``bcryptprimitives.dll`` (Rust's standard library, in cryptography): the build's stub DLLs,
  made with mingw-w64, are copied into this prefix's system32, never into an installer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Final

import pytest

ROOT: Final = Path(__file__).resolve().parents[2]
WINE_CACHE: Final = ROOT / "build" / "wine"
STUB_DLLS: Final = ("icuuc.dll", "bcryptprimitives.dll")
TIMEOUT: Final = 120
# program -> the Debian package that ships it (scripts/apt-test-packages.txt lists them)
PROGRAMS: Final = {
    "wine": "wine",
    "wineserver": "wine",
    "makensis": "nsis",
    "wixl": "wixl",
    "x86_64-w64-mingw32-gcc": "gcc-mingw-w64-x86-64-win32",
}
RUN_KEY: Final = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run"


def ci() -> bool:
    """CI must run the Windows tier: there a missing program is a failure, not a skip."""
    return os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}


def require() -> None:
    """Skip (or, in CI, fail) naming the Debian packages when a program is missing."""
    missing = sorted({package for name, package in PROGRAMS.items() if not shutil.which(name)})
    if not missing:
        return
    reason = f"the Windows tier needs the Debian packages: {' '.join(missing)}"
    if ci():
        pytest.fail(f"CI must run the Windows tier, but {reason}")
    pytest.skip(reason)


def windows_path(path: Path) -> str:
    r"""``path`` as Wine's programs name it (Z:\ is the Linux root)."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


@dataclass
class WinePrefix:
    """One 64-bit prefix: a Windows user profile, registry and drive C: of its own."""

    path: Path
    env: dict[str, str]

    @property
    def drive_c(self) -> Path:
        """C:\\ on the Linux side."""
        return self.path / "drive_c"

    def user_folder(self) -> Path:
        """%USERPROFILE% on the Linux side (Wine names it after the Unix user)."""
        (found,) = [
            path for path in (self.drive_c / "users").iterdir() if path.name.lower() != "public"
        ]
        return found

    def local_appdata(self) -> Path:
        """%LOCALAPPDATA% on the Linux side."""
        return self.user_folder() / "AppData" / "Local"

    def linux_path(self, windows: str) -> Path:
        r"""A C:\ path of this prefix on the Linux side."""
        parts = PureWindowsPath(windows).parts
        assert parts[0].upper() == "C:\\", windows
        return self.drive_c.joinpath(*parts[1:])

    def run(
        self, *args: str, extra: dict[str, str] | None = None, timeout: float = TIMEOUT
    ) -> subprocess.CompletedProcess[str]:
        """``wine ARGS`` with pipes for every handle; output as text (what Windows wrote)."""
        return subprocess.run(
            ["wine", *args],
            env={**self.env, **(extra or {})},
            input="",
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )

    def popen(self, *args: str, extra: dict[str, str] | None = None) -> subprocess.Popen[str]:
        """``wine ARGS`` in the background, every handle a pipe (a windowed program given
        /dev/null fails with "Failed to start embedded python interpreter!" under Wine)."""
        return subprocess.Popen(
            ["wine", *args],
            env={**self.env, **(extra or {})},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def reg_query(self, key: str, value: str) -> str | None:
        """The data of ``key``'s ``value`` as ``reg query`` prints it, or None when absent."""
        result = self.run("reg", "query", key, "/v", value)
        if result.returncode != 0:
            return None
        for line in result.stdout.splitlines():
            fields = line.split(None, 2)
            if len(fields) == 3 and fields[0].lower() == value.lower():
                return fields[2].strip()
            if len(fields) == 2 and fields[0].lower() == value.lower():
                return ""
        return None

    def reg_add(self, key: str, value: str, kind: str, data: str) -> None:
        """Set one registry value (``reg add /f``); fails the test when reg refuses."""
        result = self.run("reg", "add", key, "/v", value, "/t", kind, "/d", data, "/f")
        assert result.returncode == 0, result.stdout + result.stderr

    def wait(self, timeout: float = TIMEOUT) -> None:
        """Wait until every program in this prefix has ended (``wineserver -w``)."""
        subprocess.run(
            ["wineserver", "-w"], env=self.env, capture_output=True, timeout=timeout, check=False
        )

    def stop(self) -> None:
        """End every program still running in this prefix, and its wineserver."""
        subprocess.run(["wineserver", "-k"], env=self.env, capture_output=True, check=False)


def build_prefix_system32() -> Path:
    """The system32 folder of the build's cached prefix, which holds the stub DLLs."""
    found = sorted(WINE_CACHE.glob("*/prefix/drive_c/windows/system32"))
    assert found, "no build prefix under build/wine: run `python3 packaging/build.py windows`"
    return found[-1]


@contextmanager
def fresh_prefix(folder: Path) -> Iterator[WinePrefix]:
    """A new prefix with no trayscore in it, the stub DLLs, and AeDebug off; ended after."""
    require()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TRAYSCORE_", "PIP_", "PYTHON", "VIRTUAL_ENV", "DISPLAY"))
    }
    env |= {
        "WINEPREFIX": str(folder),
        "WINEARCH": "win64",
        "WINEDEBUG": "-all",
        "WINEDLLOVERRIDES": "mscoree,mshtml=;netprofm=d",
    }
    prefix = WinePrefix(folder, env)
    try:
        booted = prefix.run("wineboot", "--init", timeout=300)
        assert booted.returncode == 0, booted.stderr[-2000:]
        prefix.reg_add(
            r"HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug",
            "Debugger",
            "REG_SZ",
            "false",
        )
        system32 = build_prefix_system32()
        for name in STUB_DLLS:
            shutil.copyfile(system32 / name, prefix.drive_c / "windows" / "system32" / name)
        yield prefix
    finally:
        prefix.stop()
