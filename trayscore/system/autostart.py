r"""Start at login: one small, pure description per platform, and the few writes it needs.

Everything the module reads from the outside world is passed in (the environment mapping, the
home folder, the platform string, the command to launch), so tests run it for real in a temporary
folder. No Qt here.

* **Linux and other XDG desktops**: a desktop entry ``$XDG_CONFIG_HOME/autostart/trayscore.desktop``
  (``~/.config/autostart`` when the variable is unset or relative, as the XDG spec says).
  The tray needs a panel to put its icon in, so the entry asks to start late:
  ``X-GNOME-Autostart-Delay=10`` (GNOME, Cinnamon, MATE, Budgie) and
  ``X-KDE-autostart-after=panel`` (Plasma). Desktops that honour neither still start it, and the
  tray app itself gives a late system tray a grace period; a ``sh -c "sleep 10; exec ..."`` wrapper
  would delay everywhere, but it hides the real command from the desktop's start-up settings,
  breaks quoting of paths with spaces and keeps a shell between the session and the app, so it is
  not used.
* **Windows**: the value ``trayscore`` under
  ``HKCU\Software\Microsoft\Windows\CurrentVersion\Run`` holding the quoted command line.
  :func:`windows_run_value` builds it (tested everywhere); :class:`WinregRunKey` reads and writes
  it through ``winreg``, which exists only on Windows, so that small class is not run by the test
  suite here.
* **macOS**: a LaunchAgent ``~/Library/LaunchAgents/com.trayscore.agent.plist`` (RunAtLoad, an
  interactive process in the Aqua session). launchd reads it at the next login; ``on`` does not
  call ``launchctl``, so the running app is never started a second time.

Files are written atomically (a temporary file in the same folder, then ``os.replace``), mode 0644.
Every expected failure is an :class:`AutostartError` with a one-line message.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Final, Protocol

from trayscore.core.errors import ExitStatus, TrayscoreError
from trayscore.system.private_files import restrict_mode

APP_ID: Final = "trayscore"
COMMENT: Final = "Microsoft Defender exposure score in the tray"
DESKTOP_FILE: Final = "trayscore.desktop"
DELAY_SECONDS: Final = 10
AGENT_LABEL: Final = "com.trayscore.agent"
RUN_KEY: Final = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE: Final = "trayscore"
CONSOLE_TWIN: Final = "trayscore-cli.exe"  # packaging/trayscore.spec builds it on Windows
FILE_MODE: Final = 0o644

# Characters the Desktop Entry spec reserves in Exec: an argument holding one must be quoted.
_RESERVED: Final = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# Inside a quoted Exec argument these four are escaped with a backslash.
_ESCAPED_IN_QUOTES: Final = frozenset('"`$\\')


class AutostartError(TrayscoreError):
    """Start at login could not be turned on or off (an unwritable folder, a refused key)."""

    exit_code = ExitStatus.INTERNAL_ERROR  # no code of its own: the generic failure
    kind = "autostart"


@dataclass(frozen=True)
class AutostartStatus:
    """Whether trayscore starts at login, and where that is recorded."""

    enabled: bool
    location: str

    def to_json(self) -> dict[str, object]:
        """The stable ``--json`` form."""
        return {"enabled": self.enabled, "location": self.location}


# --- the command to launch -----------------------------------------------------------------


def launch_command(
    executable: str,
    *,
    frozen: bool,
    platform: str,
    script: str | None = None,
    user_site: bool = False,
) -> list[str]:
    """The command that starts this installation's tray, never importing from the current folder.

    A login entry runs in ``$HOME`` and the demo relaunch in whatever folder the tray was started
    from; ``python -m trayscore`` would import a ``trayscore.py`` or ``msal.py`` lying there
    before the installed ones. So:

    * a frozen build is its own executable; on Windows the command line's console twin,
      ``trayscore-cli.exe``, names the windowed ``trayscore.exe`` beside it (no console at login);
    * ``script``, the installed ``trayscore`` console script this process was started as (an
      absolute path), is used as it is (its interpreter runs it without the current folder);
    * otherwise the running interpreter runs the package isolated, ``python -I -m trayscore``
      (no current folder, no ``PYTHON*`` variables, no user site), so a virtual environment keeps
      working. When trayscore itself is installed in the user site (``pip install --user``),
      ``-I`` would hide it: ``-E -P`` then keeps the same protection but the user site.

    On Windows the console script would open a console window at login, so ``pythonw.exe``
    replaces ``python.exe`` and runs the package isolated.
    """
    if frozen:
        if platform == "win32":  # the console twin (trayscore-cli.exe) starts the windowed tray
            path = PureWindowsPath(executable)
            if path.name.lower() == CONSOLE_TWIN:
                return [str(path.with_name(f"{APP_ID}.exe"))]
        return [executable]
    isolation = ["-E", "-P"] if user_site else ["-I"]
    if platform == "win32":
        path = PureWindowsPath(executable)
        if path.name.lower() == "python.exe":
            executable = str(path.with_name("pythonw.exe"))
        return [executable, *isolation, "-m", APP_ID]
    if script is not None and Path(script).is_absolute() and Path(script).name == APP_ID:
        return [script]
    return [executable, *isolation, "-m", APP_ID]


def current_launch_command() -> list[str]:
    """:func:`launch_command` for the running process (the one place that reads ``sys``)."""
    started_as = Path(sys.argv[0]).absolute() if sys.argv and sys.argv[0] else None
    script = str(started_as) if started_as is not None and started_as.is_file() else None
    return launch_command(
        sys.executable,
        frozen=bool(getattr(sys, "frozen", False)),
        platform=sys.platform,
        script=script,
        user_site=_in_user_site(Path(__file__)),
    )


def _in_user_site(module: Path) -> bool:
    """True when this package was imported from the user's site-packages (``pip --user``)."""
    import site  # noqa: PLC0415 - only the launch command needs it

    user_site = site.getusersitepackages()
    return bool(user_site) and module.resolve().is_relative_to(Path(user_site).resolve())


# --- pure content ----------------------------------------------------------------------------


def _exec_argument(argument: str) -> str:
    """One Exec argument, quoted per the Desktop Entry spec when it holds a reserved character."""
    if argument and not any(ch in _RESERVED for ch in argument):
        return argument
    inner = "".join(f"\\{ch}" if ch in _ESCAPED_IN_QUOTES else ch for ch in argument)
    return f'"{inner}"'


def desktop_exec(argv: Sequence[str]) -> str:
    """The Exec value, as written in the file (field-code ``%`` doubled, string escapes applied).

    The spec applies the string-value escapes before the quoting rule, so a literal backslash in
    a quoted argument becomes four backslashes in the file.
    """
    line = " ".join(_exec_argument(argument) for argument in argv).replace("%", "%%")
    return line.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(argv: Sequence[str]) -> str:
    """The XDG autostart desktop entry that runs ``argv`` at login."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_ID}",
        f"Comment={COMMENT}",
        f"Exec={desktop_exec(argv)}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        f"X-GNOME-Autostart-Delay={DELAY_SECONDS}",
        "X-KDE-autostart-after=panel",
    ]
    return "\n".join(lines) + "\n"


def launch_agent_plist(argv: Sequence[str]) -> bytes:
    """The macOS LaunchAgent property list that runs ``argv`` at login."""
    agent = {
        "Label": AGENT_LABEL,
        "ProgramArguments": list(argv),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }
    return plistlib.dumps(agent, fmt=plistlib.FMT_XML, sort_keys=True)


def windows_run_value(argv: Sequence[str]) -> str:
    """The Run-key value: the program always in double quotes, the rest as Windows quotes it."""
    program, *rest = argv
    quoted = f'"{program}"'
    return f"{quoted} {subprocess.list2cmdline(rest)}" if rest else quoted


def xdg_autostart_file(environ: Mapping[str, str], home: Path) -> Path:
    """``$XDG_CONFIG_HOME/autostart/trayscore.desktop``; an unset or relative variable is unused."""
    configured = environ.get("XDG_CONFIG_HOME", "")
    base = Path(configured) if configured and Path(configured).is_absolute() else home / ".config"
    return base / "autostart" / DESKTOP_FILE


def launch_agent_file(home: Path) -> Path:
    """``~/Library/LaunchAgents/com.trayscore.agent.plist``."""
    return home / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist"


# --- the places it is recorded -----------------------------------------------------------------


class AutostartPlace(Protocol):
    """Where start at login is recorded on one platform."""

    def enable(self, argv: Sequence[str]) -> AutostartStatus:
        """Start ``argv`` at login (replacing any earlier entry)."""
        ...

    def disable(self) -> AutostartStatus:
        """Do not start at login; fine when it was already off."""
        ...

    def status(self) -> AutostartStatus:
        """Whether it is on."""
        ...


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def write_atomically(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, ``os.replace``; mode 0644. Raises AutostartError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise AutostartError(
            f"Cannot write {path}: {_reason(error)}. Check that its folder is yours and writable."
        ) from None
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            restrict_mode(stream.fileno(), FILE_MODE)
            os.fsync(stream.fileno())
        os.replace(temporary, path)  # noqa: PTH105 - the atomic step
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise AutostartError(
            f"Cannot write {path}: {_reason(error)}. Check that its folder is yours and writable."
        ) from None


@dataclass(frozen=True)
class FileAutostart:
    """Start at login recorded as one file (XDG desktop entry, macOS LaunchAgent)."""

    path: Path
    render: Callable[[Sequence[str]], bytes]

    def enable(self, argv: Sequence[str]) -> AutostartStatus:
        """Write the file atomically."""
        write_atomically(self.path, self.render(argv))
        return self.status()

    def disable(self) -> AutostartStatus:
        """Remove the file; nothing to do when it is absent."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as error:
            raise AutostartError(f"Cannot remove {self.path}: {_reason(error)}.") from None
        return self.status()

    def status(self) -> AutostartStatus:
        """On when the file exists."""
        return AutostartStatus(self.path.is_file(), str(self.path))


class RunKey(Protocol):
    """The one registry value trayscore owns under the user's Run key."""

    def read(self) -> str | None:
        """The value, or None when absent."""
        ...

    def write(self, value: str) -> None:
        """Set the value."""
        ...

    def delete(self) -> None:
        """Remove the value; fine when absent."""
        ...


class WinregRunKey:
    """The real HKCU Run value through ``winreg`` (Windows only; not run by the test suite)."""

    def read(self) -> str | None:
        """The value, or None when absent."""
        if sys.platform == "win32":
            import winreg  # noqa: PLC0415 - exists only on Windows

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                    value, _kind = winreg.QueryValueEx(key, RUN_VALUE)
            except FileNotFoundError:
                return None
            except OSError as error:
                raise AutostartError(f"Cannot read HKCU\\{RUN_KEY}: {_reason(error)}.") from None
            return str(value)
        raise AutostartError("The Windows registry exists only on Windows.")

    def write(self, value: str) -> None:
        """Set the value (REG_SZ)."""
        if sys.platform == "win32":
            import winreg  # noqa: PLC0415

            try:
                with winreg.CreateKeyEx(
                    winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE
                ) as key:
                    winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, value)
            except OSError as error:
                raise AutostartError(f"Cannot write HKCU\\{RUN_KEY}: {_reason(error)}.") from None
            return
        raise AutostartError("The Windows registry exists only on Windows.")

    def delete(self) -> None:
        """Remove the value; fine when absent."""
        if sys.platform == "win32":
            import winreg  # noqa: PLC0415

            try:
                with winreg.OpenKey(
                    winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE
                ) as key:
                    winreg.DeleteValue(key, RUN_VALUE)
            except FileNotFoundError:
                return
            except OSError as error:
                raise AutostartError(f"Cannot change HKCU\\{RUN_KEY}: {_reason(error)}.") from None
            return
        raise AutostartError("The Windows registry exists only on Windows.")


@dataclass(frozen=True)
class WindowsAutostart:
    """Start at login recorded as the ``trayscore`` value of the user's Run key."""

    key: RunKey

    @property
    def location(self) -> str:
        """The value's full name, as regedit shows it."""
        return f"HKCU\\{RUN_KEY}\\{RUN_VALUE}"

    def enable(self, argv: Sequence[str]) -> AutostartStatus:
        """Set the value to the quoted command line."""
        self.key.write(windows_run_value(argv))
        return self.status()

    def disable(self) -> AutostartStatus:
        """Remove the value."""
        self.key.delete()
        return self.status()

    def status(self) -> AutostartStatus:
        """On when the value exists."""
        return AutostartStatus(self.key.read() is not None, self.location)


def _desktop_bytes(argv: Sequence[str]) -> bytes:
    return desktop_entry(argv).encode("utf-8")


def for_platform(
    platform: str, environ: Mapping[str, str], home: Path, run_key: RunKey | None = None
) -> AutostartPlace:
    """The place for ``platform`` (a ``sys.platform`` string); every other system is XDG."""
    if platform == "win32":
        return WindowsAutostart(run_key or WinregRunKey())
    if platform == "darwin":
        return FileAutostart(launch_agent_file(home), launch_agent_plist)
    return FileAutostart(xdg_autostart_file(environ, home), _desktop_bytes)
