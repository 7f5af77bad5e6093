"""The ``trayscore`` command: one fetch for scripts and monitoring, and the simulator.

Every catalogue source (``score --source``) and the exposure by device group (``groups``) can be
read; a source's band, direction and monitoring thresholds come from its catalogue entry.

Machine output (``--json``, ``--check``) is English and stable. Every expected failure is one
line on stderr and a documented exit code; a traceback appears only with ``--debug``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final, TextIO

from trayscore import __version__
from trayscore.core.errors import SignInRequired, TrayscoreError
from trayscore.system.hardening import harden_process

if TYPE_CHECKING:
    from trayscore.auth.service import AuthService
    from trayscore.clients import Clients
    from trayscore.core.models import Reading
    from trayscore.history.store import HistoryStore
    from trayscore.settings.model import Settings
from trayscore.clients import DEMO_TOKEN, TOKEN_VARIABLE
from trayscore.core.catalog import (
    EXPOSURE_SCORE,
    SOURCE_NAMES,
    SourceSpec,
    source_named,
    spec_for,
)
from trayscore.core.text import console_safe
from trayscore.system.paths import AppPaths

SOURCE_NAME: Final = EXPOSURE_SCORE.name
CHECK_EXIT: Final = {"good": 0, "fair": 1, "poor": 2}
CHECK_STATE: Final = {"good": "OK", "fair": "WARNING", "poor": "CRITICAL"}
CHECK_UNKNOWN_EXIT: Final = 3
INTERRUPTED_EXIT: Final = 130
INTERNAL_ERROR_EXIT: Final = 1
REDACTED: Final = "[redacted]"
DOCTOR_FAILED_EXIT: Final = 1


NO_MAXIMUM: Final = "Microsoft publishes no maximum for it, so no percentage or band"
MIN_SECRET_LENGTH: Final = 8  # real bearer tokens are hundreds of characters


@dataclass
class Environment:
    """Everything the CLI reads from the outside world, so tests can hand in their own."""

    stdout: TextIO
    stderr: TextIO
    environ: Mapping[str, str]
    paths: AppPaths
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    secrets: set[str] = field(default_factory=set)

    @classmethod
    def from_process(cls) -> Environment:
        """The real process: its streams, variables and per-user folders."""
        return cls(sys.stdout, sys.stderr, os.environ, AppPaths.for_user())

    def _redact(self, text: str) -> str:
        for secret in self.secrets:
            if len(secret) >= MIN_SECRET_LENGTH:  # "x" as a test token must not eat every x
                text = text.replace(secret, REDACTED)
        return text

    def out(self, text: str) -> None:
        """One line to stdout, with any known secret removed, in what the stream can encode."""
        line = console_safe(self._redact(text), getattr(self.stdout, "encoding", None))
        print(line, file=self.stdout, flush=True)

    def err(self, text: str) -> None:
        """One line to stderr, with any known secret removed, in what the stream can encode."""
        line = console_safe(self._redact(text), getattr(self.stderr, "encoding", None))
        print(line, file=self.stderr, flush=True)


def _human_line(reading: Reading) -> str:
    from trayscore.core.bands import one_decimal  # noqa: PLC0415 - keep the tray's start lean

    spec = spec_for(reading.source)
    local = reading.time.astimezone()
    when = local.strftime("%Y-%m-%d %H:%M %Z").strip()
    if not reading.banded:
        return f"{spec.title} {reading.score:g} points at {when} ({NO_MAXIMUM})"
    line = f"{spec.title} {one_decimal(reading.score)}{spec.unit} ({reading.band.value}) at {when}"
    if reading.current is not None and reading.maximum is not None:
        line += f" ({reading.current:g} of {reading.maximum:g} points)"
    return line


def _thresholds(spec: SourceSpec) -> str:
    """Warning and critical thresholds as monitoring-plugin ranges (``N:`` alerts below N)."""
    low, medium = spec.bands.low_max + 1, spec.bands.medium_max + 1
    if spec.lower_is_better:
        return f"{low};{medium}"
    return f"{medium}:;{low}:"


def _check_line(reading: Reading) -> tuple[str, int]:
    from trayscore.core.bands import one_decimal  # noqa: PLC0415
    from trayscore.core.models import iso_utc  # noqa: PLC0415

    spec = spec_for(reading.source)
    if not reading.banded:
        return (
            f"{spec.check_label} UNKNOWN - {spec.title.lower()} {reading.score:g} points at "
            f"{iso_utc(reading.time)}: {NO_MAXIMUM} | score={reading.score:g};;;0;"
        ), CHECK_UNKNOWN_EXIT
    band = reading.band
    severity = spec.severity(band).value
    line = (
        f"{spec.check_label} {CHECK_STATE[severity]} - {spec.title.lower()} "
        f"{one_decimal(reading.score)}{spec.unit} ({band.value}) at {iso_utc(reading.time)} "
        f"| score={reading.score:.2f};{_thresholds(spec)};0;100"
    )
    return line, CHECK_EXIT[severity]


def _clients(settings: Settings, env: Environment) -> Clients:
    """The shared builder (trayscore.clients), telling keyring problems once, on stderr.

    The access-token variable's value joins the secrets redacted from every line printed.
    """
    from trayscore.clients import Clients  # noqa: PLC0415 - keeps --help and --version quick

    token = env.environ.get(TOKEN_VARIABLE, "").strip()
    if token:
        env.secrets.add(token)
    return Clients(
        settings,
        env.environ,
        clock=env.clock,
        on_warning=lambda text: env.err(f"trayscore: {text}"),
    )


def _auth_service(settings: Settings, env: Environment) -> AuthService:
    """The signed-in account's service; keyring problems are told once, on stderr."""
    service = _clients(settings, env).auth()
    _tell_notices(service, env)
    return service


def _tell_built_notices(clients: Clients, env: Environment) -> None:
    """What the sign-in service noticed while it was built (a damaged cache), if it was."""
    service = clients.signed_in_service
    if service is not None:
        _tell_notices(service, env)


def _tell_notices(service: AuthService, env: Environment) -> None:
    for notice in service.notices:
        env.err(f"trayscore: {notice}")
    service.notices.clear()


def _print_reading(env: Environment, reading: Reading, args: argparse.Namespace) -> int:
    if args.json:
        env.out(json.dumps(reading.to_json()))
        return 0
    if args.check:
        line, code = _check_line(reading)
        env.out(line)
        return code
    env.out(_human_line(reading))
    return 0


def _cmd_score(args: argparse.Namespace, env: Environment) -> int:
    """One reading; with ``--check`` every failure, expected or not, is one UNKNOWN line (3)."""
    if not args.check:
        return _score(args, env, [EXPOSURE_SCORE])
    label = [source_named(args.source) if args.source else EXPOSURE_SCORE]
    try:
        return _score(args, env, label)
    except TrayscoreError as error:
        env.out(f"{label[0].check_label} UNKNOWN - {error.message}")
    except Exception as error:  # noqa: BLE001 - monitoring reads exit 1 as WARNING, not UNKNOWN
        env.out(f"{label[0].check_label} UNKNOWN - internal error ({type(error).__name__})")
    return CHECK_UNKNOWN_EXIT


def _score(args: argparse.Namespace, env: Environment, label: list[SourceSpec]) -> int:
    """Read, print and record one score; ``label`` learns the source as soon as it is known."""
    settings = _load(env)
    spec = label[0] = source_named(args.source or settings.source)
    reading, backfilled = _fetch_reading(spec, settings, env, record=not args.no_record)
    if backfilled and not (args.json or args.check):
        env.err(
            f"trayscore: first use of {spec.title}: recorded {backfilled} daily snapshots "
            "from Microsoft Graph into the history."
        )
    code = _print_reading(env, reading, args)
    if not args.no_record and reading.banded:  # the history holds percentages, not points
        _record(env, reading, settings)
    return code


def _fetch_reading(
    spec: SourceSpec, settings: Settings, env: Environment, *, record: bool
) -> tuple[Reading, int]:
    """One reading of ``spec``; Secure Score's first recorded use backfills the history too.

    Returns the reading and how many past snapshots were recorded (0 but on first use).
    """
    from trayscore.history.store import HistoryWriteError  # noqa: PLC0415
    from trayscore.sources.secure_score import SecureScoreSource, backfill_and_fetch  # noqa: PLC0415

    clients = _clients(settings, env)
    source = clients.source(spec)
    _tell_built_notices(clients, env)
    if not (record and isinstance(source, SecureScoreSource)):
        return source.fetch(), 0
    store = clients.history(env.paths)
    try:
        done = backfill_and_fetch(source, store)
    except HistoryWriteError as error:
        store.take_problems()
        env.err(f"trayscore: {error.message}")
        return source.fetch(), 0
    for problem in store.take_problems():
        env.err(f"trayscore: {problem}")
    return done.reading, done.recorded


def _cmd_groups(args: argparse.Namespace, env: Environment) -> int:
    """The exposure score of every device group, worst first (nothing is recorded)."""
    from trayscore.core.bands import one_decimal  # noqa: PLC0415

    clients = _clients(_load(env), env)
    groups = clients.groups()
    _tell_built_notices(clients, env)
    found = groups.fetch()
    if args.json:
        env.out(json.dumps([group.to_json() for group in found]))
        return 0
    if not found:
        env.out("No device groups.")
        return 0
    width = max(len("Device group"), *(len(group.name) for group in found))
    env.out(f"{'Device group':<{width}}  {'Score':>5}  {'Band':<6}  Id")
    for group in found:
        score = str(one_decimal(group.score))
        env.out(f"{group.name:<{width}}  {score:>5}  {group.band.value:<6}  {group.group_id}")
    return 0


def _history_store(env: Environment, settings: Settings) -> HistoryStore:
    """The history of the configured cloud and tenant (the tray app records to the same)."""
    return _clients(settings, env).history(env.paths)


def _record(env: Environment, reading: Reading, settings: Settings) -> None:
    """Add the reading to the history; a failure is one warning, never a changed exit code."""
    from trayscore.history.store import HistoryWriteError  # noqa: PLC0415

    store = _history_store(env, settings)
    try:
        store.record(reading)
    except HistoryWriteError as error:
        store.take_problems()  # the refusal already says it in one line
        env.err(f"trayscore: {error.message}")
        return
    for problem in store.take_problems():
        env.err(f"trayscore: {problem}")


_SINCE_UNITS: Final = {"h": 3600, "d": 86400, "w": 7 * 86400}


def _since(text: str) -> Callable[[datetime], datetime]:
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


def _cmd_history(args: argparse.Namespace, env: Environment) -> int:
    """Print the history; problems with the file are one stderr line each, and exit 0."""
    store = _history_store(env, _load_leniently(env))
    since = args.since(env.clock()) if args.since else None
    entries = store.entries(args.source, since)
    for problem in store.take_problems():
        env.err(f"trayscore: {problem}")
    if args.json:
        env.out(json.dumps([entry.to_json() for entry in entries]))
        return 0
    if args.csv:
        from trayscore.history.store import entries_to_csv  # noqa: PLC0415

        env.stdout.write(entries_to_csv(entries))
        env.stdout.flush()
        return 0
    if not entries:
        env.out("No history yet.")
        return 0
    from trayscore.core.bands import one_decimal  # noqa: PLC0415

    def local(moment: datetime) -> str:
        return moment.astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()

    env.out(f"{'Since':<22} {'Score':>5}  {'Band':<6}  {'Last confirmed':<22} Source")
    for entry in entries:
        env.out(
            f"{local(entry.time):<22} {one_decimal(entry.score)!s:>5}  {entry.band:<6}  "
            f"{local(entry.last_confirmed):<22} {entry.source}"
        )
    return 0


def _cmd_autostart(args: argparse.Namespace, env: Environment) -> int:
    """Turn start at login on or off, or say whether it is on; a failure is one stderr line."""
    from pathlib import Path  # noqa: PLC0415

    from trayscore.system.autostart import current_launch_command, for_platform  # noqa: PLC0415

    home = env.environ.get("HOME")
    place = for_platform(sys.platform, env.environ, Path(home) if home else Path.home())
    if args.action == "on":
        state = place.enable(current_launch_command())
    elif args.action == "off":
        state = place.disable()
    else:
        state = place.status()
    if args.json:
        env.out(json.dumps(state.to_json()))
    else:
        env.out(f"Start at login: {'on' if state.enabled else 'off'} ({state.location})")
    return 0


def _cmd_demo(env: Environment) -> int:
    from trayscore.clients import Clients  # noqa: PLC0415
    from trayscore.settings.model import Settings  # noqa: PLC0415
    from trayscore.simulator import Simulator  # noqa: PLC0415 - only the demo needs a server

    with Simulator(seed=7, token=DEMO_TOKEN) as simulator:
        demo = Clients(Settings(), env.environ, clock=env.clock, simulator_url=simulator.url)
        reading = demo.source(EXPOSURE_SCORE).fetch()
    env.out(f"{_human_line(reading)} (demo: the built-in simulator, not a real tenant)")
    return 0


def _load(env: Environment) -> Settings:
    from trayscore.settings.model import load_settings  # noqa: PLC0415

    settings = load_settings(env.paths.settings_file, env.environ, env.paths.system_settings_files)
    for warning in settings.warnings:
        env.err(f"trayscore: {warning}")
    _warn_foreign_hosts(settings, env)
    return settings


def _warn_foreign_hosts(settings: Settings, env: Environment) -> None:
    """One stderr line when an override sends tokens to a host that is not Microsoft's."""
    if settings.foreign_token_hosts:
        where = ", ".join(f"{host} ({key})" for key, host in settings.foreign_token_hosts)
        env.err(
            f"trayscore: warning: tokens go to {where}, "
            f"not a Microsoft host of the {settings.cloud} cloud; remove the override unless "
            "you trust that host."
        )


def _load_leniently(env: Environment, *, quiet: bool = False) -> Settings:
    """Settings for reading local files: a bad value is told and left at its default."""
    from trayscore.settings.model import load_settings  # noqa: PLC0415

    problems: list[str] = []
    settings = load_settings(
        env.paths.settings_file, env.environ, env.paths.system_settings_files, problems=problems
    )
    for problem in [] if quiet else [*problems, *settings.warnings]:
        env.err(f"trayscore: {problem}")
    return settings


def _where_tokens_live(service: AuthService) -> str:
    if service.persistent:
        return "Tokens are kept in the OS keyring."
    return "Tokens are kept in memory only and are forgotten when this command ends."


def _cmd_login(args: argparse.Namespace, env: Environment) -> int:
    from trayscore.auth.service import BrowserUnavailable  # noqa: PLC0415

    settings = _load(env)
    service = _auth_service(settings, env)
    account = None
    if not args.device_code and settings.sign_in_method != "device_code":
        env.out(
            f"Opening your browser to sign in (waiting up to {args.timeout:.0f} s; "
            "Ctrl+C cancels) ..."
        )
        try:
            account = service.sign_in_browser(timeout=args.timeout)
        except BrowserUnavailable:
            env.out("No browser could be opened here; using a device code instead.")
    if account is None:
        prompt = service.start_device_flow()
        env.out(prompt.message)
        account = service.finish_device_flow(prompt)
    _tell_notices(service, env)
    env.out(f"Signed in as {account.username} (tenant {account.tenant_id}).")
    env.out(_where_tokens_live(service))
    return 0


def _cmd_logout(env: Environment) -> int:
    service = _auth_service(_load(env), env)
    account = service.sign_out()
    _tell_notices(service, env)
    if account is None:
        env.out("Not signed in; no stored tokens remain.")
    else:
        env.out(f"Signed out {account.username}; every stored token was removed.")
    return 0


def _cmd_status(args: argparse.Namespace, env: Environment) -> int:
    settings = _load(env)
    service = _auth_service(settings, env)
    account = service.account()
    minutes = account.minutes_left(env.clock()) if account else None
    if args.json:
        env.out(
            json.dumps(
                {
                    "signed_in": account is not None,
                    "account": account.username if account else None,
                    "tenant": account.tenant_id if account else settings.tenant,
                    "cloud": settings.cloud,
                    "access_token_expires_in_minutes": minutes,
                    "token_store": "keyring" if service.persistent else "memory",
                }
            )
        )
        return 0 if account else SignInRequired.exit_code
    if account is None:
        env.out(f"Not signed in (cloud {settings.cloud}); run `trayscore login`.")
        return SignInRequired.exit_code
    env.out(f"Signed in as {account.username}")
    env.out(f"Tenant: {account.tenant_id} (cloud {settings.cloud})")
    if minutes is None:
        env.out("Access token: none cached; the next request refreshes it silently.")
    elif minutes < 0:
        env.out("Access token: expired; the next request refreshes it silently.")
    else:
        env.out(f"Access token: expires in {minutes} min; refreshed silently.")
    env.out(_where_tokens_live(service))
    return 0


def _translator(env: Environment, kept: list[object]) -> Callable[[str, str, str | None, int], str]:
    """Qt's translation in the user's language, for human output (JSON stays English)."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 - QtCore only, no GUI

    from trayscore.ui.language import install_language  # noqa: PLC0415

    app = QCoreApplication.instance() or QCoreApplication(["trayscore"])
    _locale, translators = install_language(app, _load_leniently(env, quiet=True).language)
    kept += [app, *translators]
    return QCoreApplication.translate


def _cmd_doctor(args: argparse.Namespace, env: Environment) -> int:
    """Every check on one line each (or a JSON array); exit 1 when a blocking check failed."""
    from trayscore.doctor.checks import failed, run_checks  # noqa: PLC0415

    token = env.environ.get(TOKEN_VARIABLE, "").strip()
    if token:
        env.secrets.add(token)  # never shown, even if a check quoted it
    kept: list[object] = []  # the Qt objects behind the human lines live until they are printed
    words = None if args.json else _translator(env, kept)
    checks = run_checks(
        env.paths.settings_file,
        lambda: _history_store(env, _load_leniently(env, quiet=True)),
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
    return DOCTOR_FAILED_EXIT if failed(checks) else 0


def _cmd_simulate(args: argparse.Namespace, env: Environment) -> int:
    from trayscore.simulator import FAULTS, Simulator  # noqa: PLC0415

    if args.fail and args.fail not in FAULTS:
        raise TrayscoreError(
            f"--fail {args.fail!r} is unknown; choose one of: {', '.join(FAULTS)}."
        )
    try:
        simulator = Simulator(
            seed=args.seed, port=args.port, token=args.token, step_seconds=args.step_seconds
        )
    except OSError as error:
        raise TrayscoreError(
            f"Cannot listen on 127.0.0.1:{args.port}: {error.strerror or error}. "
            "Choose another --port."
        ) from None
    if args.fail:
        simulator.fail_always(args.fail)
    env.out(f"trayscore simulator on {simulator.url} (seed {args.seed}); stop with Ctrl+C")

    def _stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        simulator.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        simulator.stop()
    return 0


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; exit codes are listed in the epilog and the README."""
    parser = argparse.ArgumentParser(
        prog="trayscore",
        description="Your organisation's Microsoft Defender exposure score, at a glance.",
        epilog=(
            "exit codes: 0 ok, 1 internal error, 2 usage, 3 settings, 4 sign-in needed, "
            "5 permission missing, 6 wrong host or API not found, 7 throttled, "
            "8 service unavailable, 9 unreachable, 10 TLS failure, 11 bad response, "
            "12 no graphical session, 13 Defender API retired (use source secure-score), "
            "14 the tray's single-instance address cannot be claimed; "
            "doctor: 0 no blocking check failed, 1 settings, keyring or API host failed; "
            "score --check: 0 low, 1 medium, 2 high, 3 unknown"
        ),
    )
    parser.add_argument("--version", action="version", version=f"trayscore {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on failure")
    parser.add_argument(
        "--verbose", action="store_true", help="log in detail to the log file and stderr"
    )
    parser.add_argument(
        "--demo", action="store_true", help="run on the built-in simulator, no tenant needed"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

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

    groups = commands.add_parser(
        "groups", help="print the exposure score of every device group, worst first"
    )
    groups.add_argument(
        "--json", action="store_true", help="print a JSON array of {name, id, score, band}"
    )

    history = commands.add_parser("history", help="print the recorded scores, oldest first")
    history.add_argument(
        "--since", type=_since, metavar="WHEN", help="30d, 12h, 2w or an ISO date (default: all)"
    )
    history.add_argument("--source", metavar="NAME", help="only this source")
    history_form = history.add_mutually_exclusive_group()
    history_form.add_argument("--json", action="store_true", help="print a JSON array")
    history_form.add_argument("--csv", action="store_true", help="print CSV with a header row")

    login = commands.add_parser("login", help="sign in (system browser, or a device code)")
    login.add_argument(
        "--device-code", action="store_true", help="sign in on another device with a code"
    )
    login.add_argument(
        "--timeout", type=_positive_float, default=300.0, help="seconds to wait for the browser"
    )
    commands.add_parser("logout", help="sign out and remove every stored token")
    status = commands.add_parser("status", help="show the signed-in account (never a token)")
    status.add_argument("--json", action="store_true", help="print one JSON object")

    doctor = commands.add_parser(
        "doctor",
        help="check settings, keyring, notifications, network and history (exit 1 on a "
        "blocking failure: settings, keyring or API host)",
    )
    doctor.add_argument("--json", action="store_true", help="print a JSON array of checks")

    autostart = commands.add_parser("autostart", help="start the tray at login: on, off, status")
    autostart.add_argument("action", choices=["on", "off", "status"], help="what to do")
    autostart.add_argument("--json", action="store_true", help="print one JSON object")

    simulate = commands.add_parser(
        "simulate", help="serve the simulated Defender API and Graph Secure Score on loopback"
    )
    simulate.add_argument("--port", type=_port, default=0, help="port on 127.0.0.1 (0: any free)")
    simulate.add_argument("--seed", type=int, default=1, help="seed of the score series")
    simulate.add_argument("--token", help="accept only this bearer token (default: any)")
    simulate.add_argument(
        "--step-seconds", type=_positive_float, default=60.0, help="seconds per score change"
    )
    simulate.add_argument(
        "--fail", metavar="KIND", help="answer every request with this failure (see README)"
    )
    return parser


def _dispatch(args: argparse.Namespace, env: Environment) -> int:
    commands: dict[str, Callable[[argparse.Namespace, Environment], int]] = {
        "score": _cmd_score,
        "groups": _cmd_groups,
        "history": _cmd_history,
        "simulate": _cmd_simulate,
        "login": _cmd_login,
        "logout": lambda _args, env: _cmd_logout(env),
        "status": _cmd_status,
        "autostart": _cmd_autostart,
        "doctor": _cmd_doctor,
    }
    if args.command in commands:
        return commands[args.command](args, env)
    return _cmd_tray(args, env)


def _cmd_tray(args: argparse.Namespace, env: Environment) -> int:
    """The tray app; on a console with no graphical session the demo falls back to one line."""
    from trayscore.app.launch import AppOptions, has_display, run_tray  # noqa: PLC0415

    if not has_display(dict(env.environ)):
        if args.demo:
            env.err("trayscore: no graphical session here; showing the demo score instead.")
            return _cmd_demo(env)
        raise NoDisplay(
            "No graphical session this trayscore can use (DISPLAY is not set, and a Wayland "
            "session needs Xwayland for this build): the tray app cannot start. Use "
            "`trayscore score` here."
        )
    from trayscore.settings.model import Settings, load_settings  # noqa: PLC0415

    def settings(problems: list[str]) -> Settings:
        """Lenient: a bad value is left at its default and told in the app, never fatal."""
        if args.demo:
            return Settings()
        loaded = load_settings(
            env.paths.settings_file, env.environ, env.paths.system_settings_files, problems=problems
        )
        for warning in loaded.warnings:
            env.err(f"trayscore: {warning}")
        return loaded

    options = AppOptions(demo=args.demo, verbose=args.verbose)
    return run_tray(settings, env.paths, env.environ, options)


class NoDisplay(TrayscoreError):
    """There is no screen to put a tray icon on."""

    exit_code = 12
    kind = "no-display"


def _tray_fast_path(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """`trayscore` and `trayscore --demo` start the tray without building the whole parser.

    Building every subcommand's parser costs ~10 ms, a tenth of what the tray adds to a bare
    PySide6 tray's start-up; anything else goes through the full parser as usual.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    if words not in ([], ["--demo"]):
        return None
    return argparse.Namespace(command=None, demo=bool(words), debug=False, verbose=False)


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting (tests call this)."""
    harden_process()  # before any token can be in memory: no core dumps, not dumpable
    env = env or Environment.from_process()
    args = _tray_fast_path(argv) or build_parser().parse_args(argv)
    if args.verbose and args.command is not None:  # the tray sets up its own log after start
        from trayscore.system.logs import configure_logging  # noqa: PLC0415 - only --verbose needs it

        warning = configure_logging(env.paths.log_dir, verbose=True).warning
        if warning:
            env.err(f"trayscore: {warning}")
    try:
        return _dispatch(args, env)
    except TrayscoreError as error:
        if args.debug:
            env.err(_traceback())
        env.err(f"trayscore: {error.message}")
        return error.exit_code
    except KeyboardInterrupt:
        return INTERRUPTED_EXIT
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback for users
        if args.debug:
            env.err(_traceback())
        env.err(
            f"trayscore: internal error ({type(error).__name__}); "
            "run again with --debug and report it."
        )
        return INTERNAL_ERROR_EXIT


def _traceback() -> str:
    import traceback  # noqa: PLC0415 - only --debug needs it

    return "".join(traceback.format_exc())
