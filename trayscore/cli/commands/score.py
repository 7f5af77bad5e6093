"""``trayscore score``: one reading, printed and recorded; ``--check`` for monitoring.

``--tenant NAME`` reads one of several tenants; ``--all`` reads each in turn, and a failing
tenant never stops the others (ADR 016).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trayscore.cli.loading import tell_built_notices, tell_history_problems
from trayscore.cli.output import print_reading
from trayscore.cli.tenants import target_clients, targets
from trayscore.core.catalog import EXPOSURE_SCORE, SourceSpec, source_named
from trayscore.core.errors import CheckExit, TrayscoreError

if TYPE_CHECKING:
    import argparse

    from trayscore.cli.env import Environment
    from trayscore.cli.tenants import Target
    from trayscore.core.models import Reading


def run(args: argparse.Namespace, env: Environment) -> int:
    """One reading; with ``--check`` every failure, expected or not, is one UNKNOWN line (3)."""
    label = [source_named(args.source) if args.source else EXPOSURE_SCORE]
    read = _score_all if args.all else _score
    if not args.check:
        return read(args, env, label)
    try:
        return read(args, env, label)
    except TrayscoreError as error:
        env.out(f"{_check_label(args, label)} UNKNOWN - {error.message}")
    except Exception as error:  # noqa: BLE001 - monitoring reads exit 1 as WARNING, not UNKNOWN
        env.out(f"{_check_label(args, label)} UNKNOWN - internal error ({type(error).__name__})")
    return CheckExit.UNKNOWN


def _check_label(args: argparse.Namespace, label: list[SourceSpec]) -> str:
    from trayscore.cli.output import ALL_LABEL  # noqa: PLC0415

    return ALL_LABEL if args.all and not args.source else label[0].check_label


def _score(args: argparse.Namespace, env: Environment, label: list[SourceSpec]) -> int:
    """Read, print and record one score; ``label`` learns the source as soon as it is known."""
    with targets(args, env) as (target, *_):
        spec = label[0] = source_named(args.source or target.settings.source)
        reading = _read(spec, target, env, quiet=args.json or args.check, record=not args.no_record)
    return print_reading(env, reading, as_json=args.json, as_check=args.check, demo=target.demo)


def _score_all(args: argparse.Namespace, env: Environment, label: list[SourceSpec]) -> int:
    """Every tenant in turn: one row each, a failure in its row; the exit code says the worst.

    Without ``--check`` the exit code is 0 when every tenant was read, else the first failing
    tenant's; with it, the worst monitoring state (:func:`trayscore.cli.output.check_all`).
    """
    from trayscore.cli.output import print_all  # noqa: PLC0415

    results: list[tuple[Target, Reading | TrayscoreError]] = []
    with targets(args, env) as chosen:
        for target in chosen:
            spec = label[0] = source_named(args.source or target.settings.source)
            try:
                reading = _read(spec, target, env, quiet=True, record=not args.no_record)
            except TrayscoreError as error:
                results.append((target, error))
                continue
            except Exception as error:  # one tenant's surprise is its row's (re-raised below)
                if not args.check:
                    raise
                results.append((target, TrayscoreError(f"internal error ({type(error).__name__})")))
                continue
            results.append((target, reading))
    return print_all(env, results, args.source, as_json=args.json, as_check=args.check)


def _read(
    spec: SourceSpec, target: Target, env: Environment, *, quiet: bool, record: bool
) -> Reading:
    """One reading of ``spec`` for ``target``, recorded in its history unless ``record`` is off."""
    reading, backfilled = _fetch_reading(spec, target, env, record=record)
    if backfilled and not quiet:
        env.err(
            f"trayscore: first use of {spec.title}: recorded {backfilled} daily snapshots "
            "from Microsoft Graph into the history."
        )
    if record and reading.banded:  # the history holds percentages, not points
        _record(env, reading, target)
    return reading


def _fetch_reading(
    spec: SourceSpec, target: Target, env: Environment, *, record: bool
) -> tuple[Reading, int]:
    """One reading of ``spec``; Secure Score's first recorded use backfills the history too.

    Returns the reading and how many past snapshots were recorded (0 but on first use).
    """
    from trayscore.history.store import HistoryWriteError  # noqa: PLC0415
    from trayscore.sources.secure_score import SecureScoreSource, backfill_and_fetch  # noqa: PLC0415

    built = target_clients(target, env)
    source = built.source(spec)
    tell_built_notices(built, env)
    if not (record and isinstance(source, SecureScoreSource)):
        return source.fetch(), 0
    store = built.history(env.paths)
    try:
        done = backfill_and_fetch(source, store)
    except HistoryWriteError as error:
        store.take_problems()
        env.err(f"trayscore: {error.message}")
        return source.fetch(), 0
    tell_history_problems(store, env)
    return done.reading, done.recorded


def _record(env: Environment, reading: Reading, target: Target) -> None:
    """Add the reading to the history; a failure is one warning, never a changed exit code."""
    from trayscore.history.store import HistoryWriteError  # noqa: PLC0415

    store = target_clients(target, env).history(env.paths)
    try:
        store.record(reading)
    except HistoryWriteError as error:
        store.take_problems()  # the refusal already says it in one line
        env.err(f"trayscore: {error.message}")
        return
    tell_history_problems(store, env)
