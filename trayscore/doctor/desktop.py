"""What the desktop session gives the tray: a keyring, a notification service, a tray host."""

from __future__ import annotations

import secrets
import signal
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Final

from trayscore.core.errors import ExitStatus
from trayscore.doctor.result import Check, broken, passed, warning
from trayscore.doctor.words import translate

PROBE_SERVICE: Final = "trayscore-doctor"
TRAY: Final = "system tray"  # the check's name (JSON and the human title)
PROBE_TIMEOUT: Final = 15.0  # seconds the tray probe (Qt's start and one question) may take
# Runs ``trayscore doctor --probe-tray`` with this environment: its exit code (see run_probe)
ProbeRunner = Callable[[Sequence[str], Mapping[str, str]], int]


def check_keyring() -> Check:
    """The keyring backend the token store would use, and whether a probe entry round-trips."""
    from trayscore.auth.token_store import default_backend  # noqa: PLC0415

    name = "keyring"
    fix = translate(
        "Doctor",
        "install and unlock a Secret Service such as gnome-keyring or KWallet "
        "(or unlock the system keychain); until then sign-in lasts only until trayscore quits",
    )
    backend, reason = default_backend()
    if backend is None:
        detail = translate("Doctor", "unusable: {reason}").format(reason=reason)
        return broken(name, detail, fix, blocking=True)
    label = f"{type(backend).__module__}.{type(backend).__name__}"
    entry = f"probe-{secrets.token_hex(4)}"
    try:
        backend.set_password(PROBE_SERVICE, entry, "probe")
        backend.delete_password(PROBE_SERVICE, entry)
    except Exception as error:  # noqa: BLE001 - backends raise anything; never quote the text
        detail = translate("Doctor", "{backend} cannot store an entry ({error})").format(
            backend=label, error=type(error).__name__
        )
        return broken(name, detail, fix, blocking=True)
    return passed(
        name, translate("Doctor", "{backend}: write and delete work").format(backend=label)
    )


def check_notifications(
    address: str | None,
    prober: Callable[[str | None], object],
    platform_name: str = sys.platform,
) -> Check:
    """A notification service on the session bus, else a warning: the tray balloon is used.

    Windows and macOS have no session bus: the tray icon's own messages go to the system's
    notification centre, so the advice there is the system's setting, not a Linux daemon.
    """
    name = "notifications"
    if platform_name == "win32":
        detail = translate("Doctor", "shown by Windows through the tray icon")
        fix = translate(
            "Doctor",
            "if none appear, allow notifications for trayscore in Settings > System > "
            "Notifications and check Do not disturb (Focus assist)",
        )
        return warning(name, detail, fix)
    if platform_name == "darwin":
        detail = translate("Doctor", "shown by macOS through the menu bar icon")
        fix = translate("Doctor", "if none appear, allow them in System Settings > Notifications")
        return warning(name, detail, fix)
    fix = translate(
        "Doctor",
        "start a notification daemon (dunst, mako, your desktop's) for desktop notifications",
    )
    if address is None:
        detail = translate("Doctor", "no session bus: notifications use the tray balloon")
        return warning(name, detail, fix)
    probed = prober(address)
    if probed is None:
        detail = translate("Doctor", "no service: notifications use the tray balloon")
        return warning(name, detail, fix)
    connection = getattr(probed, "connection", None)
    if connection is not None:
        connection.close()
    return passed(name, translate("Doctor", "a notification service answers on the session bus"))


def run_probe(command: Sequence[str], environ: Mapping[str, str]) -> int:
    """Run the tray probe with nothing attached; its exit code (negative: killed by a signal).

    Raises :class:`subprocess.TimeoutExpired` after :data:`PROBE_TIMEOUT` seconds (the child is
    killed) and :class:`OSError` when it cannot be started.
    """
    return subprocess.run(  # noqa: S603 - our own program, no shell
        list(command),
        env=dict(environ),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=PROBE_TIMEOUT,
        check=False,
    ).returncode


def check_tray(
    environ: Mapping[str, str],
    platform_name: str = sys.platform,
    runner: ProbeRunner = run_probe,
) -> Check:
    """Qt's own tray test, ``QSystemTrayIcon.isSystemTrayAvailable()``, in a child process.

    The doctor never imports QtWidgets, and Qt aborts the whole process when the display cannot
    be opened: ``trayscore doctor --probe-tray`` (this installation's program, as a login entry
    would start it) answers with its exit code alone. On a Linux console there is nothing to ask.
    """
    from trayscore.system.autostart import current_launch_command  # noqa: PLC0415
    from trayscore.system.session import has_display  # noqa: PLC0415

    if not has_display(environ, platform_name):
        return broken(
            TRAY,
            translate("Doctor", "no graphical session (DISPLAY and WAYLAND_DISPLAY are not set)"),
            translate(
                "Doctor", "run the tray inside a desktop session; `trayscore score` works here"
            ),
        )
    program = current_launch_command()
    command = [*program, "doctor", "--probe-tray"]
    try:
        code = runner(command, environ)
    except subprocess.TimeoutExpired:
        detail = translate("Doctor", "Qt did not answer within {seconds} s").format(
            seconds=f"{PROBE_TIMEOUT:g}"
        )
        return broken(TRAY, detail, _display_fix())
    except OSError as error:
        detail = translate("Doctor", "the tray probe cannot start ({error})").format(
            error=type(error).__name__
        )
        return broken(TRAY, detail)
    return _tray_answer(code, " ".join(program))


def _tray_answer(code: int, program: str) -> Check:
    """The system tray check for the probe's exit code (:class:`TrayProbe`, else a failure)."""
    from trayscore.system.session import TrayProbe  # noqa: PLC0415

    if code == TrayProbe.AVAILABLE:
        detail = translate("Doctor", "a tray host answers (X11 system tray or StatusNotifierItem)")
        return passed(TRAY, detail)
    if code == TrayProbe.NO_TRAY_HOST:
        return warning(
            TRAY,
            translate("Doctor", "no tray host: trayscore shows its score in a small window"),
            translate(
                "Doctor", "start a panel with a system tray (on GNOME: the AppIndicator extension)"
            ),
        )
    if code == ExitStatus.USAGE:  # argparse refused --probe-tray: another trayscore answered
        detail = translate(
            "Doctor", "`{program}` runs another trayscore, without the tray probe (exit {code})"
        ).format(program=program, code=code)
        return broken(TRAY, detail, translate("Doctor", "reinstall trayscore"))
    detail = translate("Doctor", "the display cannot be opened ({ending})").format(
        ending=_ending(code)
    )
    return broken(TRAY, detail, _display_fix())


def _display_fix() -> str:
    return translate(
        "Doctor",
        "set DISPLAY (or WAYLAND_DISPLAY) to the session's display, and QT_QPA_PLATFORM only "
        "to a platform that can show it; `trayscore score` works without one",
    )


def _ending(code: int) -> str:
    """How the probe ended: ``exit 1``, or ``signal SIGABRT`` for a negative code (POSIX)."""
    if code < 0:
        try:
            signal_name = signal.Signals(-code).name
        except ValueError:
            signal_name = str(-code)
        return translate("Doctor", "signal {signal}").format(signal=signal_name)
    return translate("Doctor", "exit {code}").format(code=code)
