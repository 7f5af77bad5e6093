"""``trayscore doctor``: what works here and what does not, one line per check, with a fix.

No Qt widgets are started in this process: the checks read settings, files and variables, talk
to the keyring, the session bus and the network, and ask Qt about the system tray in a child
process (``doctor --probe-tray``). Each check is a small function returning a
:class:`~trayscore.doctor.result.Check`; ``ok`` is True (works), False (broken) or None (a
warning, or not applicable here). The checks live by topic beside this module; here they run
in the order they are shown.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from trayscore.core.errors import TrayscoreError
from trayscore.doctor.account import check_account, check_score
from trayscore.doctor.configuration import (
    authority_url,
    check_retirement,
    check_settings,
    check_token_hosts,
)
from trayscore.doctor.desktop import check_keyring, check_notifications, check_tray
from trayscore.doctor.installation import check_history, check_versions
from trayscore.doctor.network import check_host
from trayscore.doctor.result import Check, broken, failed, warning
from trayscore.doctor.words import Translate, speaking, translate

if TYPE_CHECKING:
    from trayscore.history.store import HistoryStore
    from trayscore.settings.model import Settings


def _guarded(name: str, run: Callable[[], Check], *, blocking: bool = False) -> Check:
    """Run a check; an unexpected error is one failed line, never a traceback."""
    try:
        return run()
    except TrayscoreError as error:
        return broken(name, error.message, "", blocking=blocking)
    except Exception as error:  # noqa: BLE001 - doctor must report, not crash
        detail = translate("Doctor", "check failed ({error})").format(error=type(error).__name__)
        return broken(name, detail, "", blocking=blocking)


def _notification_check(environ: Mapping[str, str]) -> Check:
    if sys.platform in {"win32", "darwin"}:  # no session bus to look for
        return check_notifications(None, lambda _address: None)
    from trayscore.system.notification_service import probe  # noqa: PLC0415 - Qt-free
    from trayscore.system.session import session_bus_address  # noqa: PLC0415

    return check_notifications(session_bus_address(dict(environ)), probe)


def run_checks(
    settings_file: Path,
    history: Callable[[], HistoryStore],
    environ: Mapping[str, str],
    now: datetime,
    system_settings_file: Path | Sequence[Path] | None = None,
    *,
    translate_with: Translate | None = None,
) -> list[Check]:
    """Every check, in the order they are shown; ``translate_with`` words the human lines."""
    with speaking(translate_with):
        return _run_checks(settings_file, history, environ, now, system_settings_file)


def _run_checks(
    settings_file: Path,
    history: Callable[[], HistoryStore],
    environ: Mapping[str, str],
    now: datetime,
    system_settings_file: Path | Sequence[Path] | None,
) -> list[Check]:
    checks: list[Check] = []
    settings: Settings | None = None

    def settings_check() -> Check:
        nonlocal settings
        check, settings = check_settings(settings_file, environ, system_settings_file)
        return check

    checks.append(_guarded("settings", settings_check, blocking=True))
    checks.append(_guarded("keyring", check_keyring, blocking=True))
    checks.append(_guarded("notifications", lambda: _notification_check(environ)))
    checks.append(_guarded("system tray", lambda: check_tray(environ)))
    if settings is None:
        skipped = translate("Doctor", "skipped: the settings are invalid")
        checks += [warning(name, skipped) for name in ("authority", "api", "account")]
    else:
        ready = settings.profiles[0].settings  # with a [[tenants]] list: the first tenant's
        checks.append(
            _guarded(
                "authority",
                lambda: check_host("authority", authority_url(ready), environ, blocking=False),
            )
        )
        api = _guarded(
            "api", lambda: check_host("api", ready.api_base, environ, blocking=True), blocking=True
        )
        checks.append(api)
        checks.append(_guarded("token hosts", lambda: check_token_hosts(ready)))
        checks.append(_guarded("account", lambda: check_account(ready, environ, now)))
        if api.ok is False:
            checks.append(warning("score", translate("Doctor", "skipped: the API is unreachable")))
        else:
            checks.append(_guarded("score", lambda: check_score(ready, environ, now)))
        retirement = check_retirement(ready, now)
        if retirement is not None:
            checks.append(retirement)
    checks.append(_guarded("history", lambda: check_history(history())))
    checks.append(_guarded("versions", check_versions))
    return checks


__all__ = ["Check", "failed", "run_checks"]
