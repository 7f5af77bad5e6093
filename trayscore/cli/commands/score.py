"""``trayscore score``: one reading, printed and recorded; ``--check`` for monitoring."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trayscore.cli.loading import clients, load_settings, tell_built_notices, tell_history_problems
from trayscore.cli.output import print_reading
from trayscore.core.catalog import EXPOSURE_SCORE, SourceSpec, source_named
from trayscore.core.errors import CheckExit, TrayscoreError

if TYPE_CHECKING:
    import argparse

    from trayscore.cli.env import Environment
    from trayscore.core.models import Reading
    from trayscore.settings.model import Settings


def run(args: argparse.Namespace, env: Environment) -> int:
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
    return CheckExit.UNKNOWN


def _score(args: argparse.Namespace, env: Environment, label: list[SourceSpec]) -> int:
    """Read, print and record one score; ``label`` learns the source as soon as it is known."""
    settings = load_settings(env)
    spec = label[0] = source_named(args.source or settings.source)
    reading, backfilled = _fetch_reading(spec, settings, env, record=not args.no_record)
    if backfilled and not (args.json or args.check):
        env.err(
            f"trayscore: first use of {spec.title}: recorded {backfilled} daily snapshots "
            "from Microsoft Graph into the history."
        )
    code = print_reading(env, reading, as_json=args.json, as_check=args.check)
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

    built = clients(settings, env)
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


def _record(env: Environment, reading: Reading, settings: Settings) -> None:
    """Add the reading to the history; a failure is one warning, never a changed exit code."""
    from trayscore.history.store import HistoryWriteError  # noqa: PLC0415

    store = clients(settings, env).history(env.paths)
    try:
        store.record(reading)
    except HistoryWriteError as error:
        store.take_problems()  # the refusal already says it in one line
        env.err(f"trayscore: {error.message}")
        return
    tell_history_problems(store, env)
