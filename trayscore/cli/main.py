"""The ``trayscore`` command: one fetch for scripts and monitoring, and the simulator.

Every catalogue source (``score --source``) and the exposure by device group (``groups``) can be
read; a source's band, direction and monitoring thresholds come from its catalogue entry.

Machine output (``--json``, ``--check``) is English and stable. Every expected failure is one
line on stderr and a documented exit code (:class:`~trayscore.core.errors.ExitStatus`); a
traceback appears only with ``--debug``. Each command lives in its own module under
``commands/``, imported only when it runs, so ``--version`` and the tray's start stay quick.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final, cast

from trayscore.cli.env import Environment
from trayscore.cli.parser import parse
from trayscore.core.errors import ExitStatus, TrayscoreError
from trayscore.system.hardening import harden_process

if TYPE_CHECKING:
    import argparse

Command = Callable[["argparse.Namespace", Environment], int]

# command -> (module in trayscore.cli.commands, function); no command: the tray
COMMANDS: Final = {
    "score": ("score", "run"),
    "groups": ("groups", "run"),
    "history": ("history", "run"),
    "simulate": ("simulate", "run"),
    "setup": ("setup", "run"),
    "login": ("account", "login"),
    "logout": ("account", "logout"),
    "status": ("account", "status"),
    "autostart": ("autostart", "run"),
    "doctor": ("doctor", "run"),
    None: ("tray", "run"),
}


def command_for(name: str | None) -> Command:
    """The function running ``name``, its module imported only now."""
    module, function = COMMANDS[name]
    return cast(
        "Command", getattr(importlib.import_module(f"trayscore.cli.commands.{module}"), function)
    )


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting (tests call this)."""
    harden_process()  # before any token can be in memory: no core dumps, not dumpable
    env = env or Environment.from_process()
    args = parse(argv)
    if args.verbose and args.command is not None:  # the tray sets up its own log after start
        from trayscore.system.logs import configure_logging  # noqa: PLC0415 - only --verbose needs it

        warning = configure_logging(env.paths.log_dir, verbose=True).warning
        if warning:
            env.err(f"trayscore: {warning}")
    try:
        return command_for(args.command)(args, env)
    except TrayscoreError as error:
        if args.debug:
            env.err(_traceback())
        env.err(f"trayscore: {error.message}")
        return error.exit_code
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        return ExitStatus.OK
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback for users
        if args.debug:
            env.err(_traceback())
        env.err(
            f"trayscore: internal error ({type(error).__name__}); "
            "run again with --debug and report it."
        )
        return ExitStatus.INTERNAL_ERROR


def _traceback() -> str:
    import traceback  # noqa: PLC0415 - only --debug needs it

    return "".join(traceback.format_exc())
