"""What the desktop session gives the tray: a keyring, a notification service, a display."""

from __future__ import annotations

import secrets
import sys
from collections.abc import Callable, Mapping
from typing import Final

from trayscore.doctor.result import Check, broken, passed, warning
from trayscore.doctor.words import translate

PROBE_SERVICE: Final = "trayscore-doctor"


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


def check_tray(environ: Mapping[str, str], platform_name: str = sys.platform) -> Check:
    """Only what is known without Qt: on Linux, whether there is a graphical session."""
    from trayscore.system.session import has_display  # noqa: PLC0415

    if not platform_name.startswith("linux"):
        detail = translate("Doctor", "not checked on this OS without starting the app")
        return warning("system tray", detail)
    if has_display(environ, platform_name):
        detail = translate("Doctor", "a graphical session is set (DISPLAY/WAYLAND_DISPLAY)")
        return passed("system tray", detail)
    return broken(
        "system tray",
        translate("Doctor", "no graphical session (DISPLAY and WAYLAND_DISPLAY are not set)"),
        translate("Doctor", "run the tray inside a desktop session; `trayscore score` works here"),
    )
