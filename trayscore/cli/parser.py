"""The whole command line: arguments, their types, and the tray's short cut past them.

The epilog's exit codes are generated from the enums in :mod:`trayscore.core.errors`, so the
help text and the codes returned cannot drift apart.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Final

from trayscore import __version__
from trayscore.core.catalog import SOURCE_NAMES
from trayscore.core.clouds import CLOUDS
from trayscore.core.errors import exit_codes_help

_SINCE_UNITS: Final = {"h": 3600, "d": 86400, "w": 7 * 86400}
MAX_TENANTS: Final = 100  # simulated tenants: plenty for a tray, and a banner one can read


def since(text: str) -> Callable[[datetime], datetime]:
    """``--since``: Nh, Nd, Nw back from now, or an ISO date (local midnight) or instant."""
    from datetime import timedelta  # noqa: PLC0415

    word = text.strip().lower()
    if word[:-1].isdigit() and word[-1:] in _SINCE_UNITS:
        seconds = int(word[:-1]) * _SINCE_UNITS[word[-1]]
        return lambda now: now - timedelta(seconds=seconds)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a period (30d, 12h, 2w) or an ISO date (2026-11-01)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a date or local time means the user's own clock
    return lambda _now: moment


def positive_float(text: str) -> float:
    """A number of seconds above 0 (``--timeout``, ``--step-seconds``)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def port(text: str) -> int:
    """A TCP port, 0 meaning any free one."""
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return int(text)


def tenant_count(text: str) -> int:
    """How many simulated tenants: 1 to :data:`MAX_TENANTS`."""
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_TENANTS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of tenants (1 to {MAX_TENANTS})"
        )
    return int(text)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line as arguments; ``--tenants`` is the demo's alone (argparse's exit 2)."""
    args = tray_fast_path(argv)
    if args is not None:
        return args
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.demo_tenants is not None and not args.demo:
        parser.error("--tenants simulates tenants with --demo; real ones are listed in settings")
    return args


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; exit codes are listed in the epilog and the README."""
    parser = argparse.ArgumentParser(
        prog="trayscore",
        description="Your organisation's Microsoft Defender exposure score, at a glance.",
        epilog=exit_codes_help(),
    )
    parser.add_argument("--version", action="version", version=f"trayscore {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on failure")
    parser.add_argument(
        "--verbose", action="store_true", help="log in detail to the log file and stderr"
    )
    parser.add_argument(
        "--demo", action="store_true", help="run on the built-in simulator, no tenant needed"
    )
    parser.add_argument(
        "--tenants",
        dest="demo_tenants",  # simulate has a --tenants of its own
        type=tenant_count,
        metavar="N",
        help="with --demo: simulate N tenants (the tray shows the worst; score --all reads each)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_reading_commands(commands)
    _add_account_commands(commands)
    _add_local_commands(commands)
    return parser


def _add_reading_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """score, groups and history: what reads or shows a score."""
    score = commands.add_parser("score", help="fetch the score once and print it")
    score.add_argument(
        "--source",
        choices=SOURCE_NAMES,
        help="which score to read (default: the 'source' setting, exposure-score)",
    )
    form = score.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print one JSON object")
    form.add_argument(
        "--check", action="store_true", help="print a monitoring-plugin line (exit 0/1/2/3)"
    )
    score.add_argument(
        "--no-record", action="store_true", help="do not add this reading to the history"
    )
    which = score.add_mutually_exclusive_group()
    _add_tenant_option(which)
    which.add_argument(
        "--all",
        action="store_true",
        help="read every tenant in the settings: one row each (JSON: an array with the tenant "
        "on each row; --check: the worst state, with perfdata per tenant)",
    )

    groups = commands.add_parser(
        "groups", help="print the exposure score of every device group, worst first"
    )
    groups.add_argument(
        "--json", action="store_true", help="print a JSON array of {name, id, score, band}"
    )
    _add_tenant_option(groups)

    history = commands.add_parser("history", help="print the recorded scores, oldest first")
    history.add_argument(
        "--since", type=since, metavar="WHEN", help="30d, 12h, 2w or an ISO date (default: all)"
    )
    history.add_argument("--source", metavar="NAME", help="only this source")
    _add_tenant_option(history)
    history_form = history.add_mutually_exclusive_group()
    history_form.add_argument("--json", action="store_true", help="print a JSON array")
    history_form.add_argument("--csv", action="store_true", help="print CSV with a header row")


def _add_tenant_option(parser: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup) -> None:
    """``--tenant NAME``: one of the tenants a [[tenants]] list names (by name or tenant)."""
    parser.add_argument(
        "--tenant",
        metavar="NAME",
        help="which of the settings' tenants (its name or tenant; needed when there are several)",
    )


def _add_sign_in_options(parser: argparse.ArgumentParser) -> None:
    """How ``login`` (and ``setup`` after saving) signs in."""
    parser.add_argument(
        "--device-code", action="store_true", help="sign in on another device with a code"
    )
    parser.add_argument(
        "--timeout", type=positive_float, default=300.0, help="seconds to wait for the browser"
    )


def _add_account_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """setup, login, logout and status."""
    setup = commands.add_parser(
        "setup",
        help="enter the tenant and client ID (asked for when not given), save them, then sign in",
    )
    setup.add_argument("--tenant", help="your domain or tenant ID, from your administrator")
    setup.add_argument("--client-id", help="the app registration's client ID, a GUID")
    setup.add_argument(
        "--cloud", choices=tuple(CLOUDS), help="the Microsoft cloud (default: the setting)"
    )
    setup.add_argument("--no-login", action="store_true", help="save only; do not sign in")
    _add_sign_in_options(setup)
    login = commands.add_parser("login", help="sign in (system browser, or a device code)")
    _add_sign_in_options(login)
    _add_tenant_option(login)
    logout = commands.add_parser(
        "logout", help="sign out and remove every stored token (of one tenant with --tenant)"
    )
    logout.add_argument("--tenant", metavar="NAME", help="only this tenant (default: every tenant)")
    status = commands.add_parser(
        "status", help="show the signed-in account of each tenant (never a token)"
    )
    status.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object (an array of them when the settings list several tenants)",
    )


def _add_local_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """doctor, autostart and simulate: this machine, not the tenant."""
    doctor = commands.add_parser(
        "doctor",
        help="check settings, keyring, notifications, network and history (exit 1 on a "
        "blocking failure: settings, keyring or API host)",
    )
    doctor.add_argument("--json", action="store_true", help="print a JSON array of checks")
    # doctor's own child process: Qt's tray test, answered by the exit code alone (TrayProbe)
    doctor.add_argument("--probe-tray", action="store_true", help=argparse.SUPPRESS)

    autostart = commands.add_parser("autostart", help="start the tray at login: on, off, status")
    autostart.add_argument("action", choices=["on", "off", "status"], help="what to do")
    autostart.add_argument("--json", action="store_true", help="print one JSON object")

    simulate = commands.add_parser(
        "simulate", help="serve the simulated Defender API and Graph Secure Score on loopback"
    )
    simulate.add_argument("--port", type=port, default=0, help="port on 127.0.0.1 (0: any free)")
    simulate.add_argument("--seed", type=int, default=1, help="seed of the score series")
    simulate.add_argument("--token", help="accept only this bearer token (default: any)")
    simulate.add_argument(
        "--step-seconds", type=positive_float, default=60.0, help="seconds per score change"
    )
    simulate.add_argument(
        "--fail", metavar="KIND", help="answer every request with this failure (see README)"
    )
    simulate.add_argument(
        "--tenants",
        type=tenant_count,
        default=1,
        metavar="N",
        help="serve N simulated tenants, each under its own URL (default: 1)",
    )


def tray_fast_path(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """`trayscore` and `trayscore --demo` start the tray without building the whole parser.

    Building every subcommand's parser costs ~10 ms, a tenth of what the tray adds to a bare
    PySide6 tray's start-up; anything else goes through the full parser as usual.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    if words not in ([], ["--demo"]):
        return None
    return argparse.Namespace(
        command=None, demo=bool(words), demo_tenants=None, debug=False, verbose=False
    )
