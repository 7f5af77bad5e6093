"""``trayscore doctor``: every check on one line (or a JSON array), in the user's language."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from trayscore.cli.loading import history_store, keep_token_secret, load_leniently
from trayscore.core.errors import DoctorExit

if TYPE_CHECKING:
    import argparse

    from trayscore.cli.env import Environment

Translate = Callable[[str, str, str | None, int], str]


def _translator(env: Environment, kept: list[object]) -> Translate:
    """Qt's translation in the user's language, for human output (JSON stays English)."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 - QtCore only, no GUI

    from trayscore.app.language import install_language  # noqa: PLC0415

    app = QCoreApplication.instance() or QCoreApplication(["trayscore"])
    _locale, translators = install_language(app, load_leniently(env, quiet=True).language)
    kept += [app, *translators]
    return QCoreApplication.translate


def run(args: argparse.Namespace, env: Environment) -> int:
    """Every check on one line each (or a JSON array); exit 1 when a blocking check failed.

    ``--probe-tray`` is the system tray check's child process: it prints nothing and answers
    with its exit code alone (:class:`~trayscore.system.session.TrayProbe`).
    """
    if args.probe_tray:  # before anything else starts Qt: the probe needs a QApplication
        from trayscore.app.tray_probe import probe_tray  # noqa: PLC0415 - QtWidgets only here

        return probe_tray()
    from trayscore.doctor.checks import failed, run_checks  # noqa: PLC0415

    keep_token_secret(env)  # never shown, even if a check quoted it
    kept: list[object] = []  # the Qt objects behind the human lines live until they are printed
    words = None if args.json else _translator(env, kept)
    checks = run_checks(
        env.paths.settings_file,
        lambda: history_store(env, load_leniently(env, quiet=True).profiles[0].settings),
        env.environ,
        env.clock(),
        env.paths.system_settings_files,
        translate_with=words,
    )
    if args.json:
        env.out(json.dumps([check.to_json() for check in checks], ensure_ascii=False))
    else:
        for check in checks:
            env.out(check.line(words))
    return DoctorExit.FAILED if failed(checks) else DoctorExit.PASSED
