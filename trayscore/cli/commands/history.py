"""``trayscore history``: the recorded scores, oldest first, as a table, JSON or CSV."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from trayscore.cli.loading import load_leniently, tell_history_problems
from trayscore.cli.tenants import target_clients, targets
from trayscore.core.errors import ExitStatus

if TYPE_CHECKING:
    import argparse
    from datetime import datetime

    from trayscore.cli.env import Environment


def run(args: argparse.Namespace, env: Environment) -> int:
    """Print one tenant's history; problems with the file are one stderr line each, and exit 0.

    Read leniently: a bad setting elsewhere must not hide the scores already recorded.
    """
    settings = None if args.demo else load_leniently(env)
    with targets(args, env, settings) as (target, *_):
        store = target_clients(target, env).history(env.paths)
        since = args.since(env.clock()) if args.since else None
        entries = store.entries(args.source, since)
        tell_history_problems(store, env)
    if args.json:
        env.out(json.dumps([entry.to_json() for entry in entries]))
        return ExitStatus.OK
    if args.csv:
        from trayscore.history.store import entries_to_csv  # noqa: PLC0415

        env.stdout.write(entries_to_csv(entries))
        env.stdout.flush()
        return ExitStatus.OK
    if not entries:
        env.out("No history yet.")
        return ExitStatus.OK
    from trayscore.core.bands import one_decimal  # noqa: PLC0415

    def local(moment: datetime) -> str:
        return moment.astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()

    env.out(f"{'Since':<22} {'Score':>5}  {'Band':<6}  {'Last confirmed':<22} Source")
    for entry in entries:
        env.out(
            f"{local(entry.time):<22} {one_decimal(entry.score)!s:>5}  {entry.band:<6}  "
            f"{local(entry.last_confirmed):<22} {entry.source}"
        )
    return ExitStatus.OK
