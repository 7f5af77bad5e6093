"""``trayscore groups``: the exposure score of every device group, worst first."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from trayscore.cli.loading import tell_built_notices
from trayscore.cli.tenants import target_clients, targets
from trayscore.core.errors import ExitStatus

if TYPE_CHECKING:
    import argparse

    from trayscore.cli.env import Environment


def run(args: argparse.Namespace, env: Environment) -> int:
    """One tenant's groups as a table or a JSON array (nothing is recorded)."""
    from trayscore.core.bands import one_decimal  # noqa: PLC0415

    with targets(args, env) as (target, *_):
        built = target_clients(target, env)
        groups = built.groups()
        tell_built_notices(built, env)
        found = groups.fetch()
    if args.json:
        env.out(json.dumps([group.to_json() for group in found]))
        return ExitStatus.OK
    if not found:
        env.out("No device groups.")
        return ExitStatus.OK
    width = max(len("Device group"), *(len(group.name) for group in found))
    env.out(f"{'Device group':<{width}}  {'Score':>5}  {'Band':<6}  Id")
    for group in found:
        score = str(one_decimal(group.score))
        env.out(f"{group.name:<{width}}  {score:>5}  {group.band.value:<6}  {group.group_id}")
    return ExitStatus.OK
